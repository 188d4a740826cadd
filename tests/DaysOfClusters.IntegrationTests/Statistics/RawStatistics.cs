using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Statistics;

/// <summary>
/// The statistics summaries next to the grouped queries over the raw rows that they stand for (the queries the statistics
/// page ran before the summaries existed). Each table is compared as sorted
/// lines, so a failure shows which group differs.
/// </summary>
public static class RawStatistics
{
    public sealed record Table(string Name, List<string> Raw, List<string> Summary);

    public static async Task<List<Table>> CompareAsync(IDbContextFactory<AppDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        // "Attended" as the check-in feature defines it: at least one accepted entry; arrivals are the first entries.
        var attended = db.Presences.Where(p => p.EntryCount > 0).Select(p => p.RegistrationId);
        var firstEntries = db.Presences.Where(p => p.EntryCount > 0 && p.FirstEntryUtc != null)
            .GroupBy(p => new { p.EditionId, p.RegistrationId })
            .Select(g => new { g.Key.EditionId, g.Key.RegistrationId, FirstCheckInUtc = g.Min(p => p.FirstEntryUtc)!.Value });
        var tables = new List<Table>();

        var rawCells = await (from r in db.Registrations
                              group r by new { r.EditionId, r.CountryCode, r.OrganisationType, r.CategoryId, r.Status } into g
                              select new { g.Key, Count = g.Count(), Attended = g.Sum(r => attended.Any(id => id == r.Id) ? 1 : 0) })
            .ToListAsync();
        var cells = await db.StatisticsCells.Where(c => c.Registrations > 0).ToListAsync();
        tables.Add(new Table("cells",
            Lines(rawCells.Select(c => $"{c.Key.EditionId} {c.Key.CountryCode} {c.Key.OrganisationType} {c.Key.CategoryId} {c.Key.Status}: {c.Count}/{c.Attended}")),
            Lines(cells.Select(c => $"{c.EditionId} {c.CountryCode} {c.OrganisationType} {c.CategoryId} {c.Status}: {c.Registrations}/{c.Attended}"))));

        var rawOrganisations = await (from r in db.Registrations
                                      join l in db.RegistrationOrganisations on r.Id equals l.RegistrationId into links
                                      from l in links.DefaultIfEmpty()
                                      group r by new { r.EditionId, OrganisationId = (int?)l.OrganisationId, r.Status } into g
                                      select new { g.Key, Count = g.Count(), Attended = g.Sum(r => attended.Any(id => id == r.Id) ? 1 : 0) })
            .ToListAsync();
        var organisations = await db.StatisticsOrganisationCells.Where(c => c.Registrations > 0).ToListAsync();
        tables.Add(new Table("organisations",
            Lines(rawOrganisations.Select(c => $"{c.Key.EditionId} {c.Key.OrganisationId ?? 0} {c.Key.Status}: {c.Count}/{c.Attended}")),
            Lines(organisations.Select(c => $"{c.EditionId} {c.OrganisationId} {c.Status}: {c.Registrations}/{c.Attended}"))));

        var rawHours = await db.Registrations.Where(r => r.Status == RegistrationStatus.Confirmed)
            .GroupBy(r => new { r.EditionId, Hour = r.CreatedUtc.ToString().Substring(0, 13) })
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var hours = await db.StatisticsRegistrationHours.Where(h => h.Registrations > 0).ToListAsync();
        tables.Add(new Table("registration hours",
            Lines(rawHours.Select(h => $"{h.Key.EditionId} {h.Key.Hour}: {h.Count}")),
            Lines(hours.Select(h => $"{h.EditionId} {h.Hour}: {h.Registrations}"))));

        var withdrawn = db.Registrations.Where(r => r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.Rejected).Select(r => r.Id);
        var rawArrivals = await (from a in firstEntries
                                 where !withdrawn.Contains(a.RegistrationId)
                                 group a by new { a.EditionId, Hour = a.FirstCheckInUtc.ToString().Substring(0, 13) } into g
                                 select new { g.Key, Count = g.Count() })
            .ToListAsync();
        var arrivals = await db.StatisticsArrivalHours.Where(h => h.Arrivals > 0).ToListAsync();
        tables.Add(new Table("arrival hours",
            Lines(rawArrivals.Select(h => $"{h.Key.EditionId} {h.Key.Hour}: {h.Count}")),
            Lines(arrivals.Select(h => $"{h.EditionId} {h.Hour}: {h.Arrivals}"))));

        var rawNew = await (from r in db.Registrations
                            where r.Status == RegistrationStatus.Confirmed
                            join e in db.Editions on r.EditionId equals e.Id
                            group e.Ordinal by r.EmailHash into g
                            select g.Min())
            .GroupBy(first => first).Select(g => new { Ordinal = g.Key, Count = g.Count() }).ToListAsync();
        var newPeople = await db.StatisticsNewPeople.Where(p => p.People > 0).ToListAsync();
        tables.Add(new Table("new people per ordinal",
            Lines(rawNew.Select(p => $"{p.Ordinal}: {p.Count}")),
            Lines(newPeople.Select(p => $"{p.Ordinal}: {p.People}"))));
        return tables;
    }

    /// <summary>Every summary holds exactly what its raw query gives (and neither is empty, so the comparison means something).</summary>
    public static async Task AssertSummariesMatchAsync(IDbContextFactory<AppDbContext> factory)
    {
        foreach (var table in await CompareAsync(factory))
        {
            Assert.True(table.Raw.Count > 0, $"{table.Name}: the raw query found nothing to compare");
            Assert.True(table.Raw.SequenceEqual(table.Summary),
                $"{table.Name} differ.\nonly raw: {string.Join("; ", table.Raw.Except(table.Summary))}\nonly summary: {string.Join("; ", table.Summary.Except(table.Raw))}");
        }
    }

    private static List<string> Lines(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToList();
}
