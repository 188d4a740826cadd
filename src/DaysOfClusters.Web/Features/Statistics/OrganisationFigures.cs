using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// "By organisation" and "network members vs others" from the directory links of Features/Network, added to a finished
/// report (a separate part of <see cref="StatisticsService"/>). Same counting rules as the rest: registered = confirmed,
/// attended = checked in and not withdrawn. A registration without a directory link counts under "others".
/// </summary>
public sealed class OrganisationFigures(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int TopOrganisations = 500;
    public const string MembersKey = "members";
    public const string OthersKey = "others";

    public async Task<StatisticsReport> AddAsync(StatisticsReport report, IReadOnlyCollection<int> editionIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The summary per edition, directory organisation (0: no link) and status (StatisticsOrganisationCell).
        var cells = db.StatisticsOrganisationCells.Where(c => c.Registrations > 0 && c.Status != RegistrationStatus.Cancelled && c.Status != RegistrationStatus.Rejected
            && editionIds.Contains(c.EditionId));
        var groups = (await cells
                .GroupBy(c => c.OrganisationId)
                .Select(g => new
                {
                    OrganisationId = g.Key,
                    Registered = g.Sum(c => c.Status == RegistrationStatus.Confirmed ? c.Registrations : 0),
                    Attended = g.Sum(c => c.Attended),
                })
                .ToListAsync(ct))
            .Select(g => new { OrganisationId = g.OrganisationId == 0 ? (int?)null : g.OrganisationId, g.Registered, g.Attended })
            .ToList();
        var ids = groups.Where(g => g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.CountryCode, o.NetworkMemberSince }).ToDictionaryAsync(o => o.Id, ct);

        var byOrganisation = groups.Where(g => g.OrganisationId is { } oid && organisations.ContainsKey(oid) && (g.Registered > 0 || g.Attended > 0))
            .Select(g => { var o = organisations[g.OrganisationId!.Value]; return new StatRow(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{o.Name} ({o.CountryCode})", g.Registered, g.Attended); })
            .OrderByDescending(r => r.Registered).ThenByDescending(r => r.Attended).ThenBy(r => r.Label, StringComparer.Ordinal)
            .Take(TopOrganisations).ToList();
        bool IsMember(int? oid) => oid is { } i && organisations.TryGetValue(i, out var o) && o.NetworkMemberSince is not null;
        var members = groups.Where(g => IsMember(g.OrganisationId)).ToList();
        var others = groups.Where(g => !IsMember(g.OrganisationId)).ToList();
        var membership = new List<StatRow>
        {
            new(MembersKey, "Network members", members.Sum(g => g.Registered), members.Sum(g => g.Attended)),
            new(OthersKey, "Others", others.Sum(g => g.Registered), others.Sum(g => g.Attended)),
        };
        return report with { Organisations = byOrganisation, NetworkMembership = membership };
    }
}
