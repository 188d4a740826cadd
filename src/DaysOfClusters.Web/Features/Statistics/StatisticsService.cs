using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Conference figures from the database's pre-aggregated summaries (StatisticsEntities.cs), which triggers keep exact in the
/// same transaction as every write (StatisticsSummarySql.cs); a page reads a few thousand summary rows at most, never the
/// registrations. The summaries hold the same numbers as grouped queries over the raw rows would (tested after random
/// mixes of writes, also in parallel).
/// <para>Counting rules, also printed under the statistics page:</para>
/// <list type="bullet">
/// <item><b>Registered</b> = status Confirmed. Pending (awaiting approval), Offered, Waitlisted, Cancelled and Rejected are not registered.</item>
/// <item><b>Attended</b> = checked in at least once (a presence with an entry; the summary triggers in StatisticsSummarySql count it), unless the registration was later Cancelled or Rejected.</item>
/// <item>Erased (anonymised) registrations keep counting: country, organisation type, category and e-mail hash survive erasure.</item>
/// <item>Continents are read through the Countries table at query time, so an organiser's correction moves past figures too.</item>
/// <item>New vs returning: a registered person is returning when the same e-mail hash was registered in an earlier edition (lower ordinal).</item>
/// </list>
/// </summary>
public sealed class StatisticsService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    // Past editions' aggregate figures: a separate part merged into the all-editions results only (see PastEditionFigures).
    private readonly PastEditionFigures _pastEditions = new(dbFactory);
    // "By organisation" and "network members vs others" from the directory (see OrganisationFigures).
    private readonly OrganisationFigures _organisations = new(dbFactory);

    /// <summary>
    /// One group of the page's main query: the people of one edition and country (summed in SQL from the rows of
    /// <see cref="StatisticsCell"/>), with the country's continent from the Countries table (read when the report is made, so
    /// an organiser's correction counts). The country, continent and region tables, the headline, the no-show rate and the
    /// growth per edition are sums over these groups (a few hundred at most, never the rows).
    /// </summary>
    private sealed record Cell(int EditionId, string CountryCode, Continent Continent, int Registered, int AttendedCount, int RegisteredAndAttended);

    private sealed record CellGroup(int EditionId, string CountryCode, int Registered, int Attended, int RegisteredAndAttended);
    /// <summary>People of one organisation type, or of one category (by id), over the scope.</summary>
    private sealed record PartGroup<TKey>(TKey Key, int Registered, int Attended);
    private sealed record HourCount(int EditionId, string Hour, int Count);
    private sealed record CountryInfo(string Name, Continent Continent);
    private sealed record CategoryInfo(string Name, int SortOrder);

    /// <summary>The small tables a report labels and groups with, read whole (a few hundred rows).</summary>
    private sealed record Lookups(
        List<Edition> Editions,
        Dictionary<string, CountryInfo> Countries,
        List<(string Code, string Name, HashSet<string> Members)> Regions,
        Dictionary<int, CategoryInfo> Categories);

    private async Task<Lookups> LookupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.AsNoTracking().OrderBy(e => e.Ordinal).ToListAsync(ct);
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.Name, c.Continent })
            .ToDictionaryAsync(c => c.Code, c => new CountryInfo(c.Name, c.Continent), StringComparer.Ordinal, ct);
        var regions = await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        var members = (await db.RegionCountries.AsNoTracking().Select(rc => new { rc.RegionId, rc.CountryCode }).ToListAsync(ct))
            .ToLookup(rc => rc.RegionId, rc => rc.CountryCode);
        var categories = await db.RegistrationCategories.AsNoTracking().Select(c => new { c.Id, c.Name, c.SortOrder })
            .ToDictionaryAsync(c => c.Id, c => new CategoryInfo(c.Name, c.SortOrder), ct);
        return new Lookups(editions, countries,
            regions.Select(r => (r.Code, r.Name, members[r.Id].ToHashSet(StringComparer.Ordinal))).ToList(), categories);
    }

    /// <summary>
    /// Runs one grouped query on a context (and connection) of its own on the thread pool: SQLite's driver runs "async"
    /// commands synchronously, and WAL lets readers run side by side, so a report's independent queries overlap.
    /// </summary>
    private Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query, CancellationToken ct) => Task.Run(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await query(db);
    }, ct);

    /// <summary>
    /// The summary rows in scope: one edition, several, or (null) all; cancelled and rejected people never count, pending,
    /// offered and waiting-list people only when they checked in.
    /// </summary>
    private static IQueryable<StatisticsCell> Counted(AppDbContext db, IReadOnlyCollection<int>? editionIds)
    {
        var cells = db.StatisticsCells.Where(c => c.Registrations > 0 && c.Status != RegistrationStatus.Cancelled && c.Status != RegistrationStatus.Rejected
            && (c.Status == RegistrationStatus.Confirmed || c.Attended > 0));
        if (editionIds is { Count: 1 }) { var id = editionIds.First(); cells = cells.Where(c => c.EditionId == id); }
        else if (editionIds is not null) cells = cells.Where(c => editionIds.Contains(c.EditionId));
        return cells;
    }

    /// <summary>Per edition and country, grouped in SQL (in the order of the summary's key, so without sorting).</summary>
    private static async Task<List<CellGroup>> CellGroupsAsync(AppDbContext db, IReadOnlyCollection<int>? editionIds, CancellationToken ct) =>
        await Counted(db, editionIds)
            .GroupBy(c => new { c.EditionId, c.CountryCode })
            .Select(g => new CellGroup(g.Key.EditionId, g.Key.CountryCode,
                g.Sum(c => c.Status == RegistrationStatus.Confirmed ? c.Registrations : 0),
                g.Sum(c => c.Attended),
                g.Sum(c => c.Status == RegistrationStatus.Confirmed ? c.Attended : 0)))
            .ToListAsync(ct);

    private static async Task<List<PartGroup<OrganisationType>>> TypeGroupsAsync(AppDbContext db, IReadOnlyCollection<int> editionIds, CancellationToken ct) =>
        await Counted(db, editionIds)
            .GroupBy(c => c.OrganisationType)
            .Select(g => new PartGroup<OrganisationType>(g.Key, g.Sum(c => c.Status == RegistrationStatus.Confirmed ? c.Registrations : 0), g.Sum(c => c.Attended)))
            .ToListAsync(ct);

    private static async Task<List<PartGroup<int>>> CategoryGroupsAsync(AppDbContext db, IReadOnlyCollection<int> editionIds, CancellationToken ct) =>
        await Counted(db, editionIds)
            .GroupBy(c => c.CategoryId)
            .Select(g => new PartGroup<int>(g.Key, g.Sum(c => c.Status == RegistrationStatus.Confirmed ? c.Registrations : 0), g.Sum(c => c.Attended)))
            .ToListAsync(ct);

    private static List<Cell> WithContinents(List<CellGroup> groups, Lookups lookups) =>
        groups.Where(g => lookups.Countries.ContainsKey(g.CountryCode))
            .Select(g => new Cell(g.EditionId, g.CountryCode, lookups.Countries[g.CountryCode].Continent, g.Registered, g.Attended, g.RegisteredAndAttended))
            .ToList();

    private static StatRow Row(string key, string label, IEnumerable<Cell> cells)
    {
        var list = cells.ToList();
        return new StatRow(key, label, list.Sum(c => c.Registered), list.Sum(c => c.AttendedCount));
    }

    private static StatRow Row<TKey>(string key, string label, IEnumerable<PartGroup<TKey>> groups)
    {
        var list = groups.ToList();
        return new StatRow(key, label, list.Sum(g => g.Registered), list.Sum(g => g.Attended));
    }

    private static List<StatRow> Sum<TKey>(IEnumerable<Cell> cells, Func<Cell, TKey> key, Func<TKey, (string Key, string Label)> describe) where TKey : notnull =>
        cells.GroupBy(key).Select(g => { var (k, label) = describe(g.Key); return new StatRow(k, label, g.Sum(c => c.Registered), g.Sum(c => c.AttendedCount)); }).ToList();

    /// <summary>
    /// Everything the page shows, for one event or (null) all editions of Days of Clusters together: the conference's own
    /// history; the network's other series have their figures on the network statistics page.
    /// </summary>
    public async Task<StatisticsReport?> ReportAsync(int? editionId, CancellationToken ct = default)
    {
        var lookups = await LookupsAsync(ct);
        var edition = editionId is { } id ? lookups.Editions.FirstOrDefault(e => e.Id == id) : null;
        if (editionId is not null && edition is null) return null;
        var editions = edition is null ? lookups.Editions.Where(e => e.SeriesId == SeriesCatalogue.DaysOfClustersId).ToList() : lookups.Editions;
        IReadOnlyCollection<int> scope = edition is null ? editions.Select(e => e.Id).ToArray() : [edition.Id];

        // The grouped queries do not depend on each other: they run at the same time.
        var cellsQuery = QueryAsync(db => CellGroupsAsync(db, scope, ct), ct);
        var typesQuery = QueryAsync(db => TypeGroupsAsync(db, scope, ct), ct);
        var categoriesQuery = QueryAsync(db => CategoryGroupsAsync(db, scope, ct), ct);
        var timelineQuery = edition is null ? Task.FromResult<List<HourCount>>([]) : QueryAsync(db => RegistrationHoursAsync(db, edition.Id, ct), ct);
        var arrivalsQuery = QueryAsync(db => ArrivalHoursAsync(db, scope, ct), ct);
        var firstOrdinalsQuery = edition is null ? QueryAsync(db => NewPeoplePerOrdinalAsync(db, ct), ct) : Task.FromResult(new Dictionary<int, int>());
        await Task.WhenAll(cellsQuery, typesQuery, categoriesQuery, timelineQuery, arrivalsQuery, firstOrdinalsQuery);
        var typeGroups = await typesQuery;
        var cells = WithContinents(await cellsQuery, lookups);

        var countries = Sum(cells, c => c.CountryCode, code => (code, lookups.Countries[code].Name))
            .OrderByDescending(r => r.Registered).ThenByDescending(r => r.Attended).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var byContinent = Sum(cells, c => c.Continent, k => (k.ToString(), k.DisplayName()));
        var continents = byContinent.OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var regionRows = lookups.Regions.Select(r => Row(r.Code, r.Name, cells.Where(c => r.Members.Contains(c.CountryCode))))
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var types = Enum.GetValues<OrganisationType>().Select(t => Row(t.ToString(), OrganisationTypes.Label(t), typeGroups.Where(g => g.Key == t))).ToList();
        var pillars = Enum.GetValues<Pillar>().Select(p => Row(p.ToString(), OrganisationTypes.Label(p), typeGroups.Where(g => OrganisationTypes.PillarOf(g.Key) == p))).ToList();
        var categories = Categories(await categoriesQuery, lookups.Categories);

        var headline = new Headline(
            Registered: cells.Sum(c => c.Registered),
            Attended: cells.Sum(c => c.AttendedCount),
            Countries: countries.Count(a => a.Registered > 0),
            Continents: byContinent.Count(a => a.Registered > 0),
            AttendedCountries: countries.Count(a => a.Attended > 0),
            AttendedContinents: byContinent.Count(a => a.Attended > 0),
            NoShowRate: NoShowRate(cells, editions, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));

        var timeline = edition is null ? null : Timeline(edition, await timelineQuery);
        var arrivals = Arrivals(await arrivalsQuery, editions);
        var growth = edition is null ? Growth(cells, editions, await firstOrdinalsQuery) : [];

        var report = new StatisticsReport(editionId, edition is null ? "All editions" : $"{edition.DisplayName} ({edition.StartDate.Year})",
            headline, countries, continents, regionRows, types, pillars, categories, timeline, arrivals, growth);
        report = await _organisations.AddAsync(report, scope, ct);
        return edition is null ? await _pastEditions.MergeAsync(report, ct) : report;
    }

    /// <summary>Categories belong to an edition; across editions the same name is the same category.</summary>
    private static List<StatRow> Categories(List<PartGroup<int>> groups, Dictionary<int, CategoryInfo> info) =>
        groups.GroupBy(c => info.TryGetValue(c.Key, out var i) ? i.Name : $"#{c.Key}")
            .Select(g => (Sort: g.Min(c => info.TryGetValue(c.Key, out var i) ? i.SortOrder : int.MaxValue),
                Row: new StatRow(g.Key, g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended))))
            .OrderBy(x => x.Sort).ThenBy(x => x.Row.Label, StringComparer.Ordinal).Select(x => x.Row).ToList();

    /// <summary>
    /// Share of registered people who never checked in, over the editions that have started and have check-ins at all
    /// (without check-ins a no-show rate would be a meaningless 100 %).
    /// </summary>
    private static double? NoShowRate(List<Cell> cells, List<Edition> editions, DateOnly todayUtc)
    {
        var started = editions.Where(e => e.StartDate <= todayUtc.AddDays(1)).Select(e => e.Id).ToHashSet();
        var usable = cells.GroupBy(c => c.EditionId)
            .Where(g => started.Contains(g.Key) && g.Sum(c => c.AttendedCount) > 0)
            .SelectMany(g => g).ToList();
        var registered = usable.Sum(c => c.Registered);
        return registered == 0 ? null : Math.Round(1 - (double)usable.Sum(c => c.RegisteredAndAttended) / registered, 4);
    }

    /// <summary>Registered people of one edition per UTC hour of registering (<see cref="StatisticsRegistrationHour"/>).</summary>
    private static async Task<List<HourCount>> RegistrationHoursAsync(AppDbContext db, int editionId, CancellationToken ct) =>
        await db.StatisticsRegistrationHours.Where(h => h.EditionId == editionId && h.Registrations > 0)
            .Select(h => new HourCount(editionId, h.Hour, h.Registrations))
            .ToListAsync(ct);

    /// <summary>Registered people by the local day they registered, from hourly UTC groups (so DST and the zone are exact to the hour).</summary>
    private RegistrationTimeline Timeline(Edition edition, List<HourCount> hours)
    {
        var perDay = hours
            .GroupBy(h => LocalDate(HourStart(h.Hour), edition.TimeZoneId))
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Count));
        DateOnly? opens = edition.RegistrationOpensUtc is { } o ? LocalDate(o, edition.TimeZoneId) : null;
        DateOnly? closes = edition.RegistrationClosesUtc is { } c ? LocalDate(c, edition.TimeZoneId) : null;
        if (perDay.Count == 0 && opens is null) return new RegistrationTimeline(opens, closes, []);
        var first = new[] { opens, perDay.Count > 0 ? perDay.Keys.Min() : null }.Where(d => d is not null).Min()!.Value;
        // The line ends at the close of registration, or today while it is still open; never in the future.
        var today = LocalDate(clock.GetUtcNow().UtcDateTime, edition.TimeZoneId);
        DateOnly? end = closes is { } cl && cl < today ? cl : today;
        var last = new[] { end, perDay.Count > 0 ? perDay.Keys.Max() : null }.Where(d => d is not null).Max()!.Value;
        var points = new List<TimelinePoint>();
        var total = 0;
        for (var d = first; d <= last && points.Count < 3700; d = d.AddDays(1))
        {
            var n = perDay.GetValueOrDefault(d);
            total += n;
            points.Add(new TimelinePoint(d, n, total));
        }
        return new RegistrationTimeline(opens, closes, points);
    }

    /// <summary>First check-ins of people not cancelled or rejected, per edition and UTC hour (<see cref="StatisticsArrivalHour"/>).</summary>
    private static async Task<List<HourCount>> ArrivalHoursAsync(AppDbContext db, IReadOnlyCollection<int> editionIds, CancellationToken ct) =>
        await db.StatisticsArrivalHours.Where(h => h.Arrivals > 0 && editionIds.Contains(h.EditionId))
            .Select(h => new HourCount(h.EditionId, h.Hour, h.Arrivals)).ToListAsync(ct);

    /// <summary>First check-ins per local day of each edition in scope.</summary>
    private static List<ArrivalDay> Arrivals(List<HourCount> hours, List<Edition> editions)
    {
        var byId = editions.ToDictionary(e => e.Id);
        return hours.Where(h => byId.ContainsKey(h.EditionId))
            .GroupBy(h => (Edition: byId[h.EditionId], Date: LocalDate(HourStart(h.Hour), byId[h.EditionId].TimeZoneId)))
            .OrderBy(g => g.Key.Edition.Ordinal).ThenBy(g => g.Key.Date)
            .Select(g => new ArrivalDay(g.Key.Edition.DisplayName, g.Key.Date, g.Sum(h => h.Count)))
            .ToList();
    }

    /// <summary>
    /// How many registered people each edition (by ordinal) saw for the first time. A person is new in the edition where their
    /// e-mail hash was first registered (lowest ordinal) and returning in every later one; the hash survives erasure. Read
    /// from <see cref="StatisticsNewPeople"/> (one row per ordinal).
    /// </summary>
    private static async Task<Dictionary<int, int>> NewPeoplePerOrdinalAsync(AppDbContext db, CancellationToken ct) =>
        await db.StatisticsNewPeople.Where(p => p.People > 0).ToDictionaryAsync(p => p.Ordinal, p => p.People, ct);

    /// <summary>Growth, new versus returning people and countries gained, edition by edition (by ordinal).</summary>
    private static List<EditionGrowth> Growth(List<Cell> cells, List<Edition> editions, Dictionary<int, int> newPerOrdinal)
    {
        // Each hash is registered at most once per edition (e-mails are unique per edition), so returning = registered - new.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<EditionGrowth>();
        int? previous = null;
        var byEdition = cells.GroupBy(c => c.EditionId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var e in editions.Where(e => e.Status != EditionStatus.Draft || byEdition.ContainsKey(e.Id)))
        {
            var mine = byEdition.GetValueOrDefault(e.Id) ?? [];
            var registered = mine.Sum(c => c.Registered);
            var back = Math.Max(0, registered - newPerOrdinal.GetValueOrDefault(e.Ordinal));
            var codes = mine.Where(c => c.Registered > 0).Select(c => c.CountryCode).Distinct(StringComparer.Ordinal).ToList();
            var gained = codes.Where(c => !seen.Contains(c)).Order(StringComparer.Ordinal).ToList();
            seen.UnionWith(codes);
            double? growth = previous is > 0 ? Math.Round(100.0 * (registered - previous.Value) / previous.Value, 1) : null;
            rows.Add(new EditionGrowth(e.Id, e.Ordinal, e.DisplayName, e.StartDate.Year, registered, mine.Sum(c => c.AttendedCount), growth,
                registered - back, back, codes.Count, gained));
            previous = registered;
        }
        return rows;
    }

    /// <summary>Headline figures over a set of editions, for the public summary and the home page.</summary>
    public async Task<Headline> HeadlineAsync(IReadOnlyCollection<int> editionIds, CancellationToken ct = default)
    {
        if (editionIds.Count == 0) return Headline.Empty;
        var lookups = await LookupsAsync(ct);
        List<Cell> cells;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            cells = WithContinents(await CellGroupsAsync(db, editionIds.ToArray(), ct), lookups);
        }
        var registered = cells.Where(c => c.Registered > 0).ToList();
        var attended = cells.Where(c => c.AttendedCount > 0).ToList();
        return new Headline(cells.Sum(c => c.Registered), cells.Sum(c => c.AttendedCount),
            registered.Select(c => c.CountryCode).Distinct().Count(), registered.Select(c => c.Continent).Distinct().Count(),
            attended.Select(c => c.CountryCode).Distinct().Count(), attended.Select(c => c.Continent).Distinct().Count(), null);
    }

    /// <summary>The public summary of an edition, or null when it does not exist or its headline is not public.</summary>
    public async Task<EditionSummaryDto?> PublicSummaryAsync(string slug, CancellationToken ct = default)
    {
        int? id;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            id = await db.Editions.Where(e => e.Slug == slug && e.PublicHeadline && e.Status != EditionStatus.Draft).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        }
        if (id is null) return null;
        var h = await HeadlineAsync([id.Value], ct);
        return new EditionSummaryDto(h.Registered, h.Attended, h.Countries, h.Continents);
    }

    /// <summary>Home-page headlines: each open edition with the switch on, then all editions with the switch on together.</summary>
    public async Task<IReadOnlyList<PublicHeadlineItem>> PublicHeadlinesAsync(CancellationToken ct = default)
    {
        List<Edition> editions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            editions = await db.Editions.AsNoTracking().Where(e => e.PublicHeadline && e.Status != EditionStatus.Draft).OrderBy(e => e.Ordinal).ToListAsync(ct);
        }
        var items = new List<PublicHeadlineItem>();
        foreach (var e in editions.Where(e => e.Status == EditionStatus.Open))
            items.Add(new PublicHeadlineItem(e.DisplayName, await HeadlineAsync([e.Id], ct)));
        // Past editions' aggregate figures join the all-editions headline (PastEditionFigures); those are Days of Clusters'.
        var conference = editions.Where(e => e.SeriesId == SeriesCatalogue.DaysOfClustersId).ToList();
        var liveIds = conference.Select(e => e.Id).ToList();
        var (together, aggregateOnly) = conference.Count == 0
            ? (Headline.Empty, (IReadOnlyList<string>)[])
            : await _pastEditions.MergeHeadlineAsync(await HeadlineAsync(liveIds, ct), liveIds, ct);
        var editionCount = conference.Count + aggregateOnly.Count;
        if (editionCount > 1 || (editionCount == 1 && items.Count == 0 && conference.Count == 1))
            items.Add(new PublicHeadlineItem(editionCount > 1 ? $"{editionCount} editions together" : conference[0].DisplayName, together) { AggregateOnlyEditions = aggregateOnly });
        // With the network's other events public too: the whole network, each person counted once per event.
        if (editions.Any(e => e.SeriesId != SeriesCatalogue.DaysOfClustersId))
        {
            var allIds = editions.Select(e => e.Id).ToList();
            var (network, networkAggregateOnly) = await _pastEditions.MergeHeadlineAsync(await HeadlineAsync(allIds, ct), allIds, ct);
            var eventCount = editions.Count + networkAggregateOnly.Count;
            items.Add(new PublicHeadlineItem($"The whole network: {eventCount} events", network) { AggregateOnlyEditions = networkAggregateOnly });
        }
        return items.Where(i => i.Headline.Registered > 0).ToList();
    }

    public async Task<List<EditionChoice>> EditionChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.AsNoTracking().OrderByDescending(e => e.Ordinal).Select(e => new { e.Id, e.Ordinal, e.SeriesId, e.Title, e.StartDate }).ToListAsync(ct);
        return editions.Select(e => new EditionChoice(e.Id, $"{EditionRules.OrdinalTitle(e.Ordinal, e.SeriesId)} ({e.StartDate.Year}) – {e.Title}")).ToList();
    }

    /// <summary>
    /// Instants are grouped by UTC hour in SQL as the first 13 characters of their text form ("yyyy-MM-dd HH"): one cheap
    /// substring instead of four date functions per row; each hour then goes to its local day in the edition's zone.
    /// </summary>
    private static DateTime HourStart(string hour) =>
        DateTime.ParseExact(hour.Replace('T', ' '), "yyyy-MM-dd HH", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static DateOnly LocalDate(DateTime utc, string timeZoneId) => DateOnly.FromDateTime(EditionRules.ToLocal(utc, timeZoneId));
}
