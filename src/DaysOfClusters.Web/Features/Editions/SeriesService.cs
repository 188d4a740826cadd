using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Editions;

/// <summary>One event as the public lists show it: which series, which one of it, where and when.</summary>
public sealed record PublicEvent(int Id, string Slug, string Title, int Ordinal, string SeriesCode, string SeriesName, string SeriesColour,
    EventKind Kind, string HostCity, string CountryCode, DateOnly StartDate, DateOnly EndDate, EditionStatus Status, bool InvitationOnly = false)
{
    /// <summary>"8th Days of Clusters", "3rd Training"; in Serbian "8. Dani klastera".</summary>
    public string OrdinalTitle => Localization.IsSerbian ? $"{Ordinal}. {SeriesName}" : $"{EditionRules.Ordinal(Ordinal)} {SeriesName}";
}

/// <summary>The network's series and the public lists of their events (home page, series pages, <c>/api/events</c>).</summary>
public sealed class SeriesService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>
    /// What the public pages list as coming (open for registration, or closed but not over yet; soonest first) and as
    /// past (the rest, newest first).
    /// </summary>
    public static (List<PublicEvent> Upcoming, List<PublicEvent> Past) Split(IReadOnlyList<PublicEvent> events, DateOnly today)
    {
        var upcoming = events.Where(e => e.Status == EditionStatus.Open || (e.Status == EditionStatus.Closed && e.EndDate >= today)).OrderBy(e => e.StartDate).ToList();
        return (upcoming, events.Except(upcoming).OrderByDescending(e => e.StartDate).ToList());
    }

    public async Task<List<Series>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Series.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>The series with this code (compared as given: codes are lower case), or null.</summary>
    public async Task<Series?> FindByCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > SeriesCatalogue.CodeMaxLength) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Series.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, ct);
    }

    /// <summary>Every event the public may see (not drafts), newest first, of one series and one country when given.</summary>
    public async Task<List<PublicEvent>> PublicEventsAsync(int? seriesId = null, string? countryCode = null, bool serbian = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = from e in db.Editions.AsNoTracking()
                    join s in db.Series on e.SeriesId equals s.Id
                    where e.Status != EditionStatus.Draft
                    select new { e, s };
        if (seriesId is { } sid) query = query.Where(x => x.e.SeriesId == sid);
        if (!string.IsNullOrWhiteSpace(countryCode)) query = query.Where(x => x.e.CountryCode == countryCode);
        var rows = await query.OrderByDescending(x => x.e.StartDate).ThenBy(x => x.s.SortOrder).ToListAsync(ct);
        return rows.Select(x => new PublicEvent(x.e.Id, x.e.Slug, x.e.Title, x.e.Ordinal, x.s.Code, x.s.DisplayName(serbian), x.s.Colour, x.e.Kind,
            x.e.HostCity, x.e.CountryCode, x.e.StartDate, x.e.EndDate, x.e.Status, x.e.InvitationOnly)).ToList();
    }
}
