using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// One series' figures over a period, or the whole network's (<see cref="SeriesCode"/> null). <see cref="Returning"/>:
/// people who also came to an event of another series in the period (a trainee who later came to the conference).
/// </summary>
public sealed record NetworkFigures(string Label, string? SeriesCode, int Events, int People, int Organisations, int Countries, int Continents, int Returning);

/// <summary>The reach of the network's events across its series: per series and in all, over a chosen period.</summary>
public sealed class NetworkStatistics(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Events that start between <paramref name="first"/> and <paramref name="last"/> (inclusive), drafts aside; every series listed, the network last.</summary>
    public async Task<List<NetworkFigures>> FiguresAsync(DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var series = await db.Series.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        // Cancelled and rejected registrations reached nobody; a person is their e-mail's hash (kept when erased).
        var rows = await (from r in db.Registrations.AsNoTracking()
                          join e in db.Editions on r.EditionId equals e.Id
                          join c in db.Countries on r.CountryCode equals c.Code
                          where e.Status != EditionStatus.Draft && e.StartDate >= first && e.StartDate <= last
                                && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected
                          select new Row(e.SeriesId, r.EditionId, r.EmailHash, r.Organisation, r.CountryCode, c.Continent)).ToListAsync(ct);
        var seriesOf = rows.GroupBy(r => r.EmailHash).ToDictionary(g => g.Key, g => g.Select(r => r.SeriesId).Distinct().Count());

        NetworkFigures Figures(string label, string? code, List<Row> part) => new(
            label, code,
            Events: part.Select(r => r.EditionId).Distinct().Count(),
            People: part.Select(r => r.EmailHash).Distinct().Count(),
            // The same organisation typed with other capitals or spaces is one.
            Organisations: part.Select(r => string.Join(' ', r.Organisation.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant()).Distinct().Count(),
            Countries: part.Select(r => r.CountryCode).Distinct().Count(),
            Continents: part.Select(r => r.Continent).Distinct().Count(),
            Returning: part.Select(r => r.EmailHash).Distinct().Count(hash => seriesOf[hash] > 1));

        var result = series.Select(s => Figures(s.Name, s.Code, rows.Where(r => r.SeriesId == s.Id).ToList())).ToList();
        result.Add(Figures("Whole network", null, rows));
        return result;
    }

    private sealed record Row(int SeriesId, int EditionId, string EmailHash, string Organisation, string CountryCode, Geography.Continent Continent);
}
