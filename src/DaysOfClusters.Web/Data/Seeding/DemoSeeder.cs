using System.Security.Cryptography;
using System.Text.Json;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>On a first start (no editions yet) loads the synthetic demo editions from seed-data/demo-edition.json.</summary>
public sealed class DemoSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, EmailHasher hasher) : IDemoSeeder
{
    /// <summary>First: every other demo seeder adds to these editions.</summary>
    public int Order => 0;

    public Task SeedAsync(CancellationToken ct = default) => SeedIfEmptyAsync(ct);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record EditionRow(int Ordinal, string Title, string Slug, string HostCity, string CountryCode, string? Venue,
        DateOnly StartDate, DateOnly EndDate, string TimeZoneId, int? Capacity, string? Description, int SyntheticRegistrations);
    private sealed record PartnerRow(string Name, PartnerRole Role);
    /// <summary>An event of the network's other series: its kind's rules and partners as the organisers would set them.</summary>
    private sealed record NetworkEventRow(string Series, EventKind Kind, int Ordinal, string Title, string Slug, string HostCity, string CountryCode, string? Venue,
        DateOnly StartDate, DateOnly EndDate, string TimeZoneId, int? Capacity, string? Description, int SyntheticRegistrations,
        bool InvitationOnly = false, int? SeatsPerOrganisation = null, int? CertificateThresholdPercent = null, List<PartnerRow>? Partners = null);
    private sealed record DemoFile(EditionRow Edition, List<EditionRow> PastEditions, List<NetworkEventRow>? NetworkEvents);

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Editions.AnyAsync(ct)) return false;
        var demo = JsonSerializer.Deserialize<DemoFile>(await File.ReadAllTextAsync(SeedData.PathOf("demo-edition.json"), ct), JsonOptions)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var generator = new RegistrationGenerator();
        var networkRows = demo.NetworkEvents ?? [];
        var series = networkRows.Count == 0 ? []
            : await db.Series.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.Ordinal, ct);

        // All in one transaction, three statements' worth of round trips instead of three SaveChanges per edition (issue
        // 19: the demo data was most of a first start): the editions, then their categories and partners, then every
        // registration through one prepared INSERT. A start stopped half way leaves no half demo behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var editions = demo.PastEditions.Select(e => (Edition: NewEdition(e, EditionStatus.Archived, now), Count: e.SyntheticRegistrations))
            .Append((Edition: NewEdition(demo.Edition, EditionStatus.Open, now), Count: demo.Edition.SyntheticRegistrations)).ToList();
        var network = networkRows.Select(row => (Edition: NewNetworkEdition(row, series[row.Series], now), Row: row)).ToList();
        db.Editions.AddRange(editions.Select(e => e.Edition).Concat(network.Select(n => n.Edition)));
        await db.SaveChangesAsync(ct);

        var categories = new Dictionary<Edition, List<RegistrationCategory>>();
        foreach (var (edition, _) in editions)
        {
            categories[edition] = DefaultCategories.For(edition.Id).ToList();
            db.RegistrationCategories.AddRange(categories[edition]);
        }
        foreach (var (edition, row) in network)
        {
            categories[edition] = DefaultCategories.For(edition.Id, edition.Kind).ToList();
            db.RegistrationCategories.AddRange(categories[edition]);
            var order = 0;
            db.EventPartners.AddRange((row.Partners ?? []).Select(p => new EventPartner { EditionId = edition.Id, Name = p.Name, Role = p.Role, SortOrder = order += 10, UpdatedUtc = now }));
        }
        await db.SaveChangesAsync(ct);

        var registrations = new List<Registration>();
        foreach (var (edition, count) in editions)
            registrations.AddRange(SyntheticRegistrations(generator, edition, categories[edition], count, now, hasher.Hash));
        foreach (var (edition, row) in network)
        {
            var people = SyntheticRegistrations(generator, edition, categories[edition], row.SyntheticRegistrations * 2, now, hasher.Hash);
            // A round table's one seat per member organisation holds in the demo too.
            if (row.SeatsPerOrganisation is { } seats)
                people = people.GroupBy(r => Features.Network.OrganisationSearch.Fold(r.Organisation)).SelectMany(g => g.Take(seats));
            registrations.AddRange(people.Take(row.SyntheticRegistrations));
        }
        await PreparedInserts.InsertAsync(db, registrations, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static Edition NewEdition(EditionRow row, EditionStatus status, DateTime now) => new()
    {
        Ordinal = row.Ordinal, Title = row.Title, Slug = row.Slug, HostCity = row.HostCity, CountryCode = row.CountryCode, Venue = row.Venue,
        StartDate = row.StartDate, EndDate = row.EndDate, TimeZoneId = row.TimeZoneId, Capacity = row.Capacity, Description = row.Description,
        Status = status, CreatedUtc = now,
        RegistrationOpensUtc = status == EditionStatus.Open ? now.Date : EditionRules.ToUtc(row.StartDate.AddDays(-90).ToDateTime(TimeOnly.MinValue), row.TimeZoneId),
        RegistrationClosesUtc = EditionRules.ToUtc(row.StartDate.AddDays(-1).ToDateTime(new TimeOnly(23, 59)), row.TimeZoneId),
    };

    /// <summary>One open event of each of the network's other series, so a newcomer sees the range at first start.</summary>
    private static Edition NewNetworkEdition(NetworkEventRow row, int seriesId, DateTime now) => new()
    {
        SeriesId = seriesId, Kind = row.Kind, Ordinal = row.Ordinal, Title = row.Title, Slug = row.Slug, HostCity = row.HostCity,
        CountryCode = row.CountryCode, Venue = row.Venue, StartDate = row.StartDate, EndDate = row.EndDate, TimeZoneId = row.TimeZoneId,
        Capacity = row.Capacity, Description = row.Description, Status = EditionStatus.Open, CreatedUtc = now, RegistrationOpensUtc = now.Date,
        RegistrationClosesUtc = EditionRules.ToUtc(row.StartDate.AddDays(-1).ToDateTime(new TimeOnly(23, 59)), row.TimeZoneId),
        InvitationOnly = row.InvitationOnly, SeatsPerOrganisation = row.SeatsPerOrganisation, CertificateThresholdPercent = row.CertificateThresholdPercent,
    };

    /// <summary>
    /// Confirmed registrations spread over the weeks before the edition (or before now, for an open one).
    /// <paramref name="emailHash"/>: the app's keyed hash; without it the plain SHA-256 an older version stored, which the
    /// start converts one address at a time (hundreds of updates for the demo data).
    /// </summary>
    public static IEnumerable<Registration> SyntheticRegistrations(RegistrationGenerator generator, Edition edition, IReadOnlyList<RegistrationCategory> categories, int count, DateTime now,
        Func<string, string>? emailHash = null)
    {
        emailHash ??= DaysOfClusters.Web.Features.Registration.RegistrationRules.Sha256Hex;
        var delegateCategory = categories.First(c => c.IsDefault);
        var speaker = categories.FirstOrDefault(c => c.Code == 2) ?? delegateCategory;
        var random = new Random(edition.Id * 7919);
        var windowEnd = edition.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < now ? edition.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now;
        var i = 0;
        foreach (var a in generator.Attendees(count, seed: edition.Id))
        {
            var created = windowEnd.AddHours(-random.Next(1, 24 * 60));
            var email = a.Email.Trim().ToLowerInvariant();
            yield return new Registration
            {
                EditionId = edition.Id, CategoryId = i++ % 15 == 0 ? speaker.Id : delegateCategory.Id,
                FirstName = a.FirstName, LastName = a.LastName, Email = email, EmailNormalized = email, EmailHash = emailHash(email),
                Organisation = a.Organisation, OrganisationType = a.OrganisationType, JobTitle = a.JobTitle, CountryCode = a.CountryCode,
                PrivacyConsentUtc = created, PrivacyNoticeVersion = edition.PrivacyNoticeVersion, NetworkingConsent = random.Next(3) > 0,
                Status = RegistrationStatus.Confirmed, ConfirmedUtc = created, CreatedUtc = created, UpdatedUtc = created,
                ManageTokenHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            };
        }
    }
}
