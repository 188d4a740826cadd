using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// The aggregate figures of past editions (Features/Network), merged into the all-editions results of
/// <see cref="StatisticsService"/> after the live figures are computed. Kept apart on purpose: the live queries can change
/// freely, this part only adds to their finished rows.
/// <para>Rules: an aggregate figure is people who took part, so it counts as registered and as attended (never in the
/// no-show rate, timeline or arrivals). A past edition counts only while no live edition of the same ordinal has
/// registrations. Countries and continents are counted once over the union of live and aggregate rows; continents are read
/// through the Countries table, so an organiser's correction moves aggregate figures too.</para>
/// </summary>
public sealed class PastEditionFigures(IDbContextFactory<AppDbContext> dbFactory)
{
    public const string NotBrokenDownKey = "NotBrokenDown";
    public const string NotBrokenDownLabel = "Not broken down (past editions)";
    public const string AggregateCategoryLabel = "Past editions (no category)";

    private sealed record Figure(int PastEditionId, string CountryCode, string CountryName, Continent Continent, OrganisationType? Type, int Participants);

    private sealed record Past(int Id, int Ordinal, int Year, string City, List<Figure> Figures)
    {
        public int Participants => Figures.Sum(f => f.Participants);
    }

    private static async Task<List<Past>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var live = await PastEditionService.LiveOrdinalsWithRegistrationsAsync(db, ct);
        var editions = await db.PastEditions.AsNoTracking().OrderBy(e => e.Ordinal)
            .Select(e => new { e.Id, e.Ordinal, e.Year, e.City }).ToListAsync(ct);
        editions = editions.Where(e => !live.Contains(e.Ordinal)).ToList();
        if (editions.Count == 0) return [];
        var figures = await (from f in db.PastEditionFigures
                             where f.Participants > 0
                             join c in db.Countries on f.CountryCode equals c.Code
                             select new Figure(f.PastEditionId, f.CountryCode, c.Name, c.Continent, f.OrganisationType, f.Participants))
            .ToListAsync(ct);
        var byEdition = figures.GroupBy(f => f.PastEditionId).ToDictionary(g => g.Key, g => g.ToList());
        return editions.Select(e => new Past(e.Id, e.Ordinal, e.Year, e.City, byEdition.GetValueOrDefault(e.Id) ?? [])).ToList();
    }

    /// <summary>The all-editions report with the past editions' figures added to every table and the headline.</summary>
    public async Task<StatisticsReport> MergeAsync(StatisticsReport live, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var past = await LoadAsync(db, ct);
        if (past.Count == 0) return live;
        var figures = past.SelectMany(p => p.Figures).ToList();

        var countries = AddTo(live.Countries, figures.GroupBy(f => f.CountryCode).Select(g => (g.Key, g.First().CountryName, g.Sum(f => f.Participants))))
            .OrderByDescending(r => r.Registered).ThenByDescending(r => r.Attended).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var continents = AddTo(live.Continents, figures.GroupBy(f => f.Continent).Select(g => (g.Key.ToString(), g.Key.DisplayName(), g.Sum(f => f.Participants))))
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();

        var regionCodes = await db.Regions.AsNoTracking().Select(r => new { r.Code, Members = r.Countries.Select(c => c.CountryCode).ToList() }).ToListAsync(ct);
        var regions = AddTo(live.Regions, regionCodes.Select(r => (r.Code, r.Code, figures.Where(f => r.Members.Contains(f.CountryCode)).Sum(f => f.Participants))), appendMissing: false)
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();

        var untyped = figures.Where(f => f.Type is null).Sum(f => f.Participants);
        var types = AddTo(live.OrganisationTypes, figures.Where(f => f.Type is not null).GroupBy(f => f.Type!.Value)
                .Select(g => (g.Key.ToString(), OrganisationTypes.Label(g.Key), g.Sum(f => f.Participants)))
                .Append((NotBrokenDownKey, NotBrokenDownLabel, untyped)))
            .ToList();
        var pillars = AddTo(live.Pillars, figures.Where(f => f.Type is not null).GroupBy(f => OrganisationTypes.PillarOf(f.Type!.Value))
                .Select(g => (g.Key.ToString(), OrganisationTypes.Label(g.Key), g.Sum(f => f.Participants)))
                .Append((NotBrokenDownKey, NotBrokenDownLabel, untyped)))
            .ToList();
        var categories = AddTo(live.Categories, [(AggregateCategoryLabel, AggregateCategoryLabel, figures.Sum(f => f.Participants))]).ToList();

        var total = figures.Sum(f => f.Participants);
        var headline = live.Headline with
        {
            Registered = live.Headline.Registered + total,
            Attended = live.Headline.Attended + total,
            Countries = countries.Count(r => r.Registered > 0),
            Continents = continents.Count(r => r.Registered > 0),
            AttendedCountries = countries.Count(r => r.Attended > 0),
            AttendedContinents = continents.Count(r => r.Attended > 0),
        };

        return live with
        {
            Headline = headline, Countries = countries, Continents = continents, Regions = regions, OrganisationTypes = types,
            Pillars = pillars, Categories = categories,
            Editions = await MergeEditionsAsync(db, live.Editions, past, ct),
            AggregateOnlyEditions = past.Select(p => EditionRules.OrdinalTitle(p.Ordinal)).ToList(),
        };
    }

    /// <summary>Adds aggregate participants to the rows of the same key (registered and attended), appending rows that are new.</summary>
    private static IEnumerable<StatRow> AddTo(IReadOnlyList<StatRow> rows, IEnumerable<(string Key, string Label, int Participants)> additions, bool appendMissing = true)
    {
        var extra = additions.Where(a => a.Participants > 0).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => (g.First().Label, Sum: g.Sum(a => a.Participants)));
        foreach (var row in rows)
            yield return extra.Remove(row.Key, out var add) ? row with { Registered = row.Registered + add.Sum, Attended = row.Attended + add.Sum } : row;
        if (!appendMissing) yield break;
        foreach (var (key, (label, sum)) in extra) yield return new StatRow(key, label, sum, sum);
    }

    /// <summary>
    /// The growth table with the past editions in ordinal order. Growth and countries gained are worked out again over the
    /// whole sequence (a country first seen in an aggregate-only edition is not "gained" later); new versus returning is
    /// unknown for aggregate figures and stays 0 there, marked by <see cref="EditionGrowth.AggregateOnly"/>.
    /// </summary>
    private static async Task<IReadOnlyList<EditionGrowth>> MergeEditionsAsync(AppDbContext db, IReadOnlyList<EditionGrowth> live, List<Past> past, CancellationToken ct)
    {
        var liveCountries = (await db.StatisticsCells.Where(c => c.Status == RegistrationStatus.Confirmed && c.Registrations > 0)
                .GroupBy(c => new { c.EditionId, c.CountryCode }).Select(g => g.Key).ToListAsync(ct))
            .GroupBy(k => k.EditionId).ToDictionary(g => g.Key, g => g.Select(k => k.CountryCode).ToList());
        var pastOrdinals = past.Select(p => p.Ordinal).ToHashSet();
        var sequence = live
            // A live edition without registrations whose ordinal has aggregate figures is that same edition: show it once.
            .Where(e => !(e.Registered == 0 && e.Attended == 0 && pastOrdinals.Contains(e.Ordinal)))
            .Select(e => (Row: e, Codes: liveCountries.GetValueOrDefault(e.EditionId) ?? []))
            .Concat(past.Select(p => (Row: new EditionGrowth(-p.Id, p.Ordinal, EditionRules.OrdinalTitle(p.Ordinal), p.Year, p.Participants, p.Participants,
                    null, 0, 0, 0, []) { AggregateOnly = true },
                Codes: p.Figures.Select(f => f.CountryCode).Distinct().ToList())))
            .OrderBy(x => x.Row.Ordinal).ThenBy(x => x.Row.AggregateOnly)
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<EditionGrowth>();
        int? previous = null;
        foreach (var (row, codes) in sequence)
        {
            var gained = codes.Where(c => !seen.Contains(c)).Distinct().Order(StringComparer.Ordinal).ToList();
            seen.UnionWith(codes);
            double? growth = previous is > 0 ? Math.Round(100.0 * (row.Registered - previous.Value) / previous.Value, 1) : null;
            rows.Add(row with { GrowthPercent = growth, Countries = codes.Distinct().Count(), CountriesGained = gained });
            previous = row.Registered;
        }
        return rows;
    }

    /// <summary>
    /// A headline over live editions plus every counted past edition, for the public all-editions headline. The live
    /// countries are read again as distinct codes so that a country from both sources is counted once.
    /// </summary>
    public async Task<(Headline Headline, IReadOnlyList<string> AggregateOnlyEditions)> MergeHeadlineAsync(Headline live, IReadOnlyCollection<int> liveEditionIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var past = await LoadAsync(db, ct);
        if (past.Count == 0) return (live, []);
        var ids = liveEditionIds.ToArray();
        var counted = db.StatisticsCells.Where(c => ids.Contains(c.EditionId) && c.Registrations > 0 && c.Status != RegistrationStatus.Cancelled && c.Status != RegistrationStatus.Rejected);
        var registeredCodes = await counted.Where(c => c.Status == RegistrationStatus.Confirmed).Select(c => c.CountryCode).Distinct().ToListAsync(ct);
        var attendedCodes = await counted.Where(c => c.Attended > 0).Select(c => c.CountryCode).Distinct().ToListAsync(ct);
        var figures = past.SelectMany(p => p.Figures).ToList();
        var pastCodes = figures.Select(f => f.CountryCode).ToList();
        var continentOf = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Continent, ct);
        var registered = registeredCodes.Concat(pastCodes).ToHashSet(StringComparer.Ordinal);
        var attended = attendedCodes.Concat(pastCodes).ToHashSet(StringComparer.Ordinal);
        var total = figures.Sum(f => f.Participants);
        var headline = live with
        {
            Registered = live.Registered + total,
            Attended = live.Attended + total,
            Countries = registered.Count,
            Continents = registered.Select(c => continentOf.GetValueOrDefault(c)).Distinct().Count(),
            AttendedCountries = attended.Count,
            AttendedContinents = attended.Select(c => continentOf.GetValueOrDefault(c)).Distinct().Count(),
        };
        return (headline, past.Select(p => EditionRules.OrdinalTitle(p.Ordinal)).ToList());
    }
}
