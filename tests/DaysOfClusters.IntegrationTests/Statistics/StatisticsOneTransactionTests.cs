using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Statistics;

using Registration = DaysOfClusters.Web.Features.Registration.Registration;

/// <summary>
/// Many writes in one transaction, as the registration writer's group commit and the check-in writer's batches make them:
/// the summaries stay exact (on PostgreSQL they are refreshed once, at COMMIT, for everything the transaction noted), a
/// rolled-back savepoint or transaction counts for nothing, and no note outlives its transaction.
/// </summary>
public sealed class StatisticsOneTransactionTests
{
    private static Registration NewRegistration(int editionId, int categoryId, string person, string country, RegistrationStatus status, string token)
    {
        var at = new DateTime(2025, 6, 10, 9, 0, 0, DateTimeKind.Utc);
        var email = $"{person}@example.org";
        return new Registration
        {
            EditionId = editionId, CategoryId = categoryId, FirstName = person, LastName = "Batch", Email = email, EmailNormalized = $"{token}-{email}",
            EmailHash = RegistrationRules.Sha256Hex(email), Organisation = "Org", OrganisationType = OrganisationType.CompanySme, CountryCode = country,
            PrivacyConsentUtc = at, PrivacyNoticeVersion = "1", Status = status, CreatedUtc = at, UpdatedUtc = at, ManageTokenHash = token,
        };
    }

    private static async Task<int> OrganisationAsync(AppDbContext db)
    {
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var organisation = new Organisation
        {
            Name = "Batch Cluster", CountryCode = "RS", Kind = OrganisationType.ClusterOrganisation, SearchKey = "batch cluster", NameKey = "batch cluster",
            CreatedUtc = now, UpdatedUtc = now,
        };
        db.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    private static Task<int> PendingNotesAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM \"StatisticsPendingRefreshes\"").SingleAsync();

    [Fact]
    public async Task Summaries_WhenOneTransactionMixesWritesAndRollsBackASavepoint_MatchTheRawGroupedQueries()
    {
        await using var fixture = await StatisticsDatabase.CreateAsync();
        await using var db = await fixture.Factory.CreateDbContextAsync();
        var organisationId = await OrganisationAsync(db);
        var category = await db.RegistrationCategories.Where(c => c.EditionId == fixture.Edition8Id).Select(c => c.Id).FirstAsync();
        var point = await db.CheckInPoints.Where(p => p.EditionId == fixture.Edition8Id).Select(p => p.Id).FirstAsync();
        var existing = await db.Registrations.Where(r => r.EditionId == fixture.Edition8Id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();

        // A transaction that rolls back whole first: it must count for nothing, here or in the next one's refresh.
        await using (var undone = await db.Database.BeginTransactionAsync())
        {
            db.Registrations.Add(NewRegistration(fixture.Edition8Id, category, "undone", "FR", RegistrationStatus.Confirmed, "undone"));
            await db.SaveChangesAsync();
            await db.Registrations.Where(r => r.Id == existing[0]).ExecuteUpdateAsync(s => s.SetProperty(r => r.CountryCode, "FR"));
            await undone.RollbackAsync();
        }
        db.ChangeTracker.Clear();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // New people, some of them returning (p1, p3 and p4 were at the 7th edition), one waitlisted.
            var added = new[] { "n1", "n2", "n3", "n4", "p1", "p3", "p4", "n5" }
                .Select((person, i) => NewRegistration(fixture.Edition8Id, category, person, i % 2 == 0 ? "RS" : "MK", i == 7 ? RegistrationStatus.Waitlisted : RegistrationStatus.Confirmed, $"batch-{i}"))
                .ToList();
            db.Registrations.AddRange(added);
            await db.SaveChangesAsync();
            foreach (var r in added.Take(3))
                db.Add(new RegistrationOrganisation { RegistrationId = r.Id, OrganisationId = organisationId });
            await db.SaveChangesAsync();
            // First entries of two new people and of one fixture person; the status and country of others change.
            foreach (var id in new[] { added[0].Id, added[4].Id, existing[2] })
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "Presences" ("EditionId", "PointId", "RegistrationId", "InsideSince", "FirstEntryUtc", "LastExitUtc", "EntryCount", "ExitCount")
                    VALUES ({0}, {1}, {2}, NULL, {3}, NULL, 1, 0)
                    ON CONFLICT ("PointId", "RegistrationId") DO UPDATE SET "EntryCount" = "Presences"."EntryCount" + 1,
                        "FirstEntryUtc" = COALESCE("Presences"."FirstEntryUtc", excluded."FirstEntryUtc")
                    """, fixture.Edition8Id, point, id, new DateTime(2025, 9, 24, 7, 15, 0, DateTimeKind.Utc));
            await db.Registrations.Where(r => r.Id == existing[1]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled));
            await db.Registrations.Where(r => r.Id == added[1].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CountryCode, "GR"));
            await db.Registrations.Where(r => r.Id == existing[3]).ExecuteDeleteAsync();

            // Written, then undone by a savepoint inside the same transaction.
            await transaction.CreateSavepointAsync("half");
            db.Registrations.Add(NewRegistration(fixture.Edition8Id, category, "rolled", "FR", RegistrationStatus.Confirmed, "rolled"));
            await db.SaveChangesAsync();
            await db.Registrations.Where(r => r.Id == added[2].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Rejected));
            await db.Presences.Where(p => p.RegistrationId == added[0].Id).ExecuteDeleteAsync();
            await transaction.RollbackToSavepointAsync("half");
            await transaction.CommitAsync();
        }

        await RawStatistics.AssertSummariesMatchAsync(fixture.Factory);
        await using var check = await fixture.Factory.CreateDbContextAsync();
        // The writes really landed (or not) as meant.
        Assert.Equal(2, await check.Registrations.CountAsync(r => r.ManageTokenHash == "batch-0" || r.ManageTokenHash == "batch-4"));
        Assert.False(await check.Registrations.AnyAsync(r => r.ManageTokenHash == "rolled" || r.ManageTokenHash == "undone"));
        var batch0 = await check.Registrations.Where(r => r.ManageTokenHash == "batch-0").Select(r => r.Id).SingleAsync();
        Assert.True(await check.Presences.AnyAsync(p => p.RegistrationId == batch0 && p.EntryCount > 0));
        Assert.False(await check.Registrations.AnyAsync(r => r.Id == existing[3]));
        if (TestDatabase.SuiteIsPostgreSql) Assert.Equal(0, await PendingNotesAsync(check));
    }

    /// <summary>
    /// PostgreSQL: twelve registrations and their directory links in one transaction make one refresh of the registrations
    /// and one of the people, not one per row (what made a group commit's COMMIT slow). PostgreSQL counts the transaction's
    /// function calls; SET CONSTRAINTS ALL IMMEDIATE runs the deferred triggers before the count is read.
    /// </summary>
    [Fact]
    public async Task Refresh_WhenOneTransactionWritesManyRows_RunsOnceForThemAll()
    {
        if (!TestDatabase.SuiteIsPostgreSql) return; // SQLite has row triggers only, run in its one writer
        await using var fixture = await StatisticsDatabase.CreateAsync();
        await using var db = await fixture.Factory.CreateDbContextAsync();
        var organisationId = await OrganisationAsync(db);
        var category = await db.RegistrationCategories.Where(c => c.EditionId == fixture.Edition8Id).Select(c => c.Id).FirstAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL track_functions = 'pl'");
        var added = Enumerable.Range(0, 12).Select(i => NewRegistration(fixture.Edition8Id, category, $"many{i}", "RS", RegistrationStatus.Confirmed, $"many-{i}")).ToList();
        db.Registrations.AddRange(added);
        await db.SaveChangesAsync();
        foreach (var r in added) db.Add(new RegistrationOrganisation { RegistrationId = r.Id, OrganisationId = organisationId });
        await db.SaveChangesAsync();
        Assert.Equal(24, await PendingNotesAsync(db)); // 12 registrations, noted with their hashes, and 12 links
        await db.Database.ExecuteSqlRawAsync("SET CONSTRAINTS ALL IMMEDIATE");
        var calls = await db.Database.SqlQueryRaw<Call>(
            "SELECT funcname::text AS \"Name\", calls::int AS \"Calls\" FROM pg_stat_xact_user_functions WHERE funcname IN ('statistics_refresh_registrations', 'statistics_refresh_people')")
            .ToDictionaryAsync(c => c.Name, c => c.Calls);
        Assert.Equal(0, await PendingNotesAsync(db));
        await transaction.CommitAsync();

        Assert.Equal(1, calls.GetValueOrDefault("statistics_refresh_registrations"));
        Assert.Equal(1, calls.GetValueOrDefault("statistics_refresh_people"));
        await RawStatistics.AssertSummariesMatchAsync(fixture.Factory);
    }

    private sealed record Call(string Name, int Calls);
}
