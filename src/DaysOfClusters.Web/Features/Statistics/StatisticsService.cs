using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Conference figures from grouped SQL queries (never by loading registrations into memory).
/// <para>Counting rules, also printed under the statistics page:</para>
/// <list type="bullet">
/// <item><b>Registered</b> = status Confirmed. Pending (awaiting approval), Offered, Waitlisted, Cancelled and Rejected are not registered.</item>
/// <item><b>Attended</b> = checked in at least once (<see cref="IAttendanceSource"/>), unless the registration was later Cancelled or Rejected.</item>
/// <item>Erased (anonymised) registrations keep counting: country, organisation type, category and e-mail hash survive erasure.</item>
/// <item>Continents are read through the Countries table at query time, so an organiser's correction moves past figures too.</item>
/// <item>New vs returning: a registered person is returning when the same e-mail hash was registered or attended in an earlier edition (lower ordinal).</item>
/// </list>
/// </summary>
public sealed class StatisticsService(IDbContextFactory<AppDbContext> dbFactory, IAttendanceSource attendance, TimeProvider clock)
{
    /// <summary>A registration reduced to what statistics group by, with 0/1 flags so groups can Sum them in SQL.</summary>
    private sealed class Counted
    {
        public int Id { get; init; }
        public int EditionId { get; init; }
        public string CountryCode { get; init; } = "";
        public OrganisationType OrganisationType { get; init; }
        public int CategoryId { get; init; }
        public string EmailHash { get; init; } = "";
        public DateTime CreatedUtc { get; init; }
        public int Registered { get; init; }
        public int Attended { get; init; }
        public int RegisteredAndAttended { get; init; }
    }

    private sealed record Agg<TKey>(TKey Key, int Registered, int Attended, int RegisteredAndAttended);

    private IQueryable<Counted> CountedRegistrations(AppDbContext db, Func<IQueryable<Registration.Registration>, IQueryable<Registration.Registration>> scope)
    {
        var attended = attendance.AttendedRegistrationIds(db);
        return scope(db.Registrations.Where(r => r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected))
            .Select(r => new Counted
            {
                Id = r.Id, EditionId = r.EditionId, CountryCode = r.CountryCode, OrganisationType = r.OrganisationType, CategoryId = r.CategoryId,
                EmailHash = r.EmailHash, CreatedUtc = r.CreatedUtc,
                Registered = r.Status == RegistrationStatus.Confirmed ? 1 : 0,
                Attended = attended.Contains(r.Id) ? 1 : 0,
                RegisteredAndAttended = r.Status == RegistrationStatus.Confirmed && attended.Contains(r.Id) ? 1 : 0,
            })
            .Where(c => c.Registered == 1 || c.Attended == 1);
    }

    private static Func<IQueryable<Registration.Registration>, IQueryable<Registration.Registration>> ScopeOf(int? editionId) =>
        editionId is { } id ? q => q.Where(r => r.EditionId == id) : q => q;

    /// <summary>Everything the page shows, for one edition or (null) all editions together.</summary>
    public async Task<StatisticsReport?> ReportAsync(int? editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.AsNoTracking().OrderBy(e => e.Ordinal).ToListAsync(ct);
        var edition = editionId is { } id ? editions.FirstOrDefault(e => e.Id == id) : null;
        if (editionId is not null && edition is null) return null;

        var counted = CountedRegistrations(db, ScopeOf(editionId));
        var countryNames = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.Name }).ToDictionaryAsync(c => c.Code, c => c.Name, ct);

        var byCountry = await counted.GroupBy(c => c.CountryCode)
            .Select(g => new Agg<string>(g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended), g.Sum(c => c.RegisteredAndAttended)))
            .ToListAsync(ct);
        var byContinent = await (from c in counted
                                 join k in db.Countries on c.CountryCode equals k.Code
                                 group c by k.Continent into g
                                 select new Agg<Continent>(g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended), g.Sum(c => c.RegisteredAndAttended)))
            .ToListAsync(ct);
        var byRegion = await (from c in counted
                              join rc in db.RegionCountries on c.CountryCode equals rc.CountryCode
                              group c by rc.RegionId into g
                              select new Agg<int>(g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended), 0))
            .ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        var byType = await counted.GroupBy(c => c.OrganisationType)
            .Select(g => new Agg<OrganisationType>(g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended), 0))
            .ToListAsync(ct);
        // Categories belong to an edition; across editions the same name is the same category.
        var byCategory = await (from c in counted
                                join cat in db.RegistrationCategories on c.CategoryId equals cat.Id
                                group new { c.Registered, c.Attended, cat.SortOrder } by cat.Name into g
                                select new { Name = g.Key, Sort = g.Min(x => x.SortOrder), Registered = g.Sum(x => x.Registered), Attended = g.Sum(x => x.Attended) })
            .ToListAsync(ct);

        var countries = byCountry
            .Select(a => new StatRow(a.Key, countryNames.GetValueOrDefault(a.Key, a.Key), a.Registered, a.Attended))
            .OrderByDescending(r => r.Registered).ThenByDescending(r => r.Attended).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var continents = Enum.GetValues<Continent>()
            .Select(k => byContinent.FirstOrDefault(a => a.Key == k) is { } a ? new StatRow(k.ToString(), k.DisplayName(), a.Registered, a.Attended) : null)
            .OfType<StatRow>().OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var regionRows = regions
            .Select(r => byRegion.FirstOrDefault(a => a.Key == r.Id) is { } a ? new StatRow(r.Code, r.Name, a.Registered, a.Attended) : new StatRow(r.Code, r.Name, 0, 0))
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var types = Enum.GetValues<OrganisationType>()
            .Select(t => byType.FirstOrDefault(a => a.Key == t) is { } a ? new StatRow(t.ToString(), TypeLabel(t), a.Registered, a.Attended) : new StatRow(t.ToString(), TypeLabel(t), 0, 0))
            .ToList();
        var pillars = Enum.GetValues<Pillar>()
            .Select(p => new StatRow(p.ToString(), PillarLabel(p),
                byType.Where(a => OrganisationTypes.PillarOf(a.Key) == p).Sum(a => a.Registered),
                byType.Where(a => OrganisationTypes.PillarOf(a.Key) == p).Sum(a => a.Attended)))
            .ToList();
        var categories = byCategory.OrderBy(c => c.Sort).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new StatRow(c.Name, c.Name, c.Registered, c.Attended)).ToList();

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var noShowBase = await NoShowBaseAsync(db, editionId, editions, today, ct);
        var headline = new Headline(
            Registered: byCountry.Sum(a => a.Registered),
            Attended: byCountry.Sum(a => a.Attended),
            Countries: byCountry.Count(a => a.Registered > 0),
            Continents: byContinent.Count(a => a.Registered > 0),
            AttendedCountries: byCountry.Count(a => a.Attended > 0),
            AttendedContinents: byContinent.Count(a => a.Attended > 0),
            NoShowRate: noShowBase is { Registered: > 0 } b ? Math.Round(1 - (double)b.RegisteredAndAttended / b.Registered, 4) : null);

        var timeline = edition is null ? null : await TimelineAsync(db, counted, edition, ct);
        var arrivals = await ArrivalsAsync(db, editionId, editions, ct);
        var growth = edition is null ? await EditionsAsync(db, editions, ct) : [];

        return new StatisticsReport(editionId, edition is null ? "All editions" : $"{edition.DisplayName} ({edition.StartDate.Year})",
            headline, countries, continents, regionRows, types, pillars, categories, timeline, arrivals, growth);
    }

    /// <summary>
    /// Registered and registered-and-attended over the editions that have started and have check-ins at all; without check-ins
    /// a no-show rate would be a meaningless 100 %.
    /// </summary>
    private async Task<Agg<int>?> NoShowBaseAsync(AppDbContext db, int? editionId, List<Edition> editions, DateOnly todayUtc, CancellationToken ct)
    {
        var perEdition = await CountedRegistrations(db, ScopeOf(editionId)).GroupBy(c => c.EditionId)
            .Select(g => new Agg<int>(g.Key, g.Sum(c => c.Registered), g.Sum(c => c.Attended), g.Sum(c => c.RegisteredAndAttended)))
            .ToListAsync(ct);
        var started = editions.Where(e => e.StartDate <= todayUtc.AddDays(1)).Select(e => e.Id).ToHashSet();
        var usable = perEdition.Where(a => started.Contains(a.Key) && a.Attended > 0).ToList();
        return usable.Count == 0 ? null : new Agg<int>(0, usable.Sum(a => a.Registered), usable.Sum(a => a.Attended), usable.Sum(a => a.RegisteredAndAttended));
    }

    /// <summary>Registered people by the local day they registered, from hourly UTC groups (so DST and the zone are exact to the hour).</summary>
    private async Task<RegistrationTimeline> TimelineAsync(AppDbContext db, IQueryable<Counted> counted, Edition edition, CancellationToken ct)
    {
        var hours = await counted.Where(c => c.Registered == 1)
            .GroupBy(c => new { c.CreatedUtc.Year, c.CreatedUtc.Month, c.CreatedUtc.Day, c.CreatedUtc.Hour })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        var perDay = hours
            .GroupBy(h => LocalDate(new DateTime(h.Year, h.Month, h.Day, h.Hour, 0, 0, DateTimeKind.Utc), edition.TimeZoneId))
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

    /// <summary>First check-ins per local day of each edition in scope.</summary>
    private async Task<IReadOnlyList<ArrivalDay>> ArrivalsAsync(AppDbContext db, int? editionId, List<Edition> editions, CancellationToken ct)
    {
        var registrations = ScopeOf(editionId)(db.Registrations.Where(r => r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected));
        var hours = await (from a in attendance.Arrivals(db)
                           join r in registrations on a.RegistrationId equals r.Id
                           group a by new { r.EditionId, a.FirstCheckInUtc.Year, a.FirstCheckInUtc.Month, a.FirstCheckInUtc.Day, a.FirstCheckInUtc.Hour } into g
                           select new { g.Key.EditionId, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        var byId = editions.ToDictionary(e => e.Id);
        return hours
            .GroupBy(h => (Edition: byId[h.EditionId], Date: LocalDate(new DateTime(h.Year, h.Month, h.Day, h.Hour, 0, 0, DateTimeKind.Utc), byId[h.EditionId].TimeZoneId)))
            .OrderBy(g => g.Key.Edition.Ordinal).ThenBy(g => g.Key.Date)
            .Select(g => new ArrivalDay(g.Key.Edition.DisplayName, g.Key.Date, g.Sum(h => h.Count)))
            .ToList();
    }

    /// <summary>Growth, new versus returning people and countries gained, edition by edition (by ordinal).</summary>
    private async Task<IReadOnlyList<EditionGrowth>> EditionsAsync(AppDbContext db, List<Edition> editions, CancellationToken ct)
    {
        var counted = CountedRegistrations(db, q => q);
        var withOrdinal = from c in counted
                          join e in db.Editions on c.EditionId equals e.Id
                          select new { c.EditionId, c.EmailHash, c.Registered, c.Attended, e.Ordinal };
        var firstSeen = withOrdinal.GroupBy(x => x.EmailHash).Select(g => new { Hash = g.Key, First = g.Min(x => x.Ordinal) });
        var perEdition = await (from x in withOrdinal
                                join f in firstSeen on x.EmailHash equals f.Hash
                                group new { x.Registered, x.Attended, Returning = x.Registered == 1 && x.Ordinal > f.First ? 1 : 0 } by x.EditionId into g
                                select new { EditionId = g.Key, Registered = g.Sum(y => y.Registered), Attended = g.Sum(y => y.Attended), Returning = g.Sum(y => y.Returning) })
            .ToListAsync(ct);
        var editionCountries = await counted.Where(c => c.Registered == 1).Select(c => new { c.EditionId, c.CountryCode }).Distinct().ToListAsync(ct);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<EditionGrowth>();
        int? previous = null;
        foreach (var e in editions.Where(e => e.Status != EditionStatus.Draft || perEdition.Any(p => p.EditionId == e.Id)))
        {
            var p = perEdition.FirstOrDefault(x => x.EditionId == e.Id);
            var registered = p?.Registered ?? 0;
            var codes = editionCountries.Where(c => c.EditionId == e.Id).Select(c => c.CountryCode).ToList();
            var gained = codes.Where(c => !seen.Contains(c)).Order(StringComparer.Ordinal).ToList();
            seen.UnionWith(codes);
            double? growth = previous is > 0 ? Math.Round(100.0 * (registered - previous.Value) / previous.Value, 1) : null;
            rows.Add(new EditionGrowth(e.Id, e.Ordinal, e.DisplayName, e.StartDate.Year, registered, p?.Attended ?? 0, growth,
                registered - (p?.Returning ?? 0), p?.Returning ?? 0, codes.Count, gained));
            previous = registered;
        }
        return rows;
    }

    /// <summary>Headline figures over a set of editions, for the public summary and the home page.</summary>
    public async Task<Headline> HeadlineAsync(IReadOnlyCollection<int> editionIds, CancellationToken ct = default)
    {
        if (editionIds.Count == 0) return Headline.Empty;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = editionIds.ToArray();
        var counted = CountedRegistrations(db, q => q.Where(r => ids.Contains(r.EditionId)));
        var rows = await (from c in counted
                          join k in db.Countries on c.CountryCode equals k.Code
                          group c by new { k.Continent, c.CountryCode } into g
                          select new { g.Key.Continent, g.Key.CountryCode, Registered = g.Sum(c => c.Registered), Attended = g.Sum(c => c.Attended) })
            .ToListAsync(ct);
        var registered = rows.Where(r => r.Registered > 0).ToList();
        var attended = rows.Where(r => r.Attended > 0).ToList();
        return new Headline(rows.Sum(r => r.Registered), rows.Sum(r => r.Attended),
            registered.Count, registered.Select(r => r.Continent).Distinct().Count(),
            attended.Count, attended.Select(r => r.Continent).Distinct().Count(), null);
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
        if (editions.Count > 1 || (editions.Count == 1 && items.Count == 0))
            items.Add(new PublicHeadlineItem(editions.Count > 1 ? $"{editions.Count} editions together" : editions[0].DisplayName, await HeadlineAsync(editions.Select(e => e.Id).ToList(), ct)));
        return items.Where(i => i.Headline.Registered > 0).ToList();
    }

    public async Task<List<(int Id, string Name)>> EditionChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.AsNoTracking().OrderByDescending(e => e.Ordinal).Select(e => new { e.Id, e.Ordinal, e.Title, e.StartDate }).ToListAsync(ct);
        return editions.Select(e => (e.Id, $"{EditionRules.OrdinalTitle(e.Ordinal)} ({e.StartDate.Year}) – {e.Title}")).ToList();
    }

    private static DateOnly LocalDate(DateTime utc, string timeZoneId) => DateOnly.FromDateTime(EditionRules.ToLocal(utc, timeZoneId));

    public static string TypeLabel(OrganisationType type) => type switch
    {
        OrganisationType.ClusterOrganisation => "Cluster organisation",
        OrganisationType.CompanySme => "Company / SME",
        OrganisationType.AcademiaResearch => "Academia / research",
        OrganisationType.PublicSector => "Public sector",
        OrganisationType.SupportInstitutionNgo => "Support institution / NGO",
        OrganisationType.InternationalOrganisation => "International organisation",
        OrganisationType.Media => "Media",
        _ => "Other",
    };

    public static string PillarLabel(Pillar pillar) => pillar switch
    {
        Pillar.Business => "Business",
        Pillar.Academia => "Academia",
        Pillar.PublicSector => "Public sector",
        _ => "Other",
    };
}
