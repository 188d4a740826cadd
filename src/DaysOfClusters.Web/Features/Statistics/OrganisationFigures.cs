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
public sealed class OrganisationFigures(IDbContextFactory<AppDbContext> dbFactory, IAttendanceSource attendance)
{
    public const int TopOrganisations = 500;
    public const string MembersKey = "members";
    public const string OthersKey = "others";

    public async Task<StatisticsReport> AddAsync(StatisticsReport report, int? editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attended = attendance.AttendedRegistrationIds(db);
        var registrations = db.Registrations.Where(r => r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected);
        if (editionId is { } id) registrations = registrations.Where(r => r.EditionId == id);
        var groups = await (from r in registrations
                            join l in db.Set<RegistrationOrganisation>() on r.Id equals l.RegistrationId into links
                            from l in links.DefaultIfEmpty()
                            group new { r, l } by (int?)l.OrganisationId into g
                            select new
                            {
                                OrganisationId = g.Key,
                                Registered = g.Sum(x => x.r.Status == RegistrationStatus.Confirmed ? 1 : 0),
                                Attended = g.Sum(x => attended.Contains(x.r.Id) ? 1 : 0),
                            })
            .ToListAsync(ct);
        var ids = groups.Where(g => g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).ToList();
        var organisations = await db.Set<Organisation>().AsNoTracking().Where(o => ids.Contains(o.Id))
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
