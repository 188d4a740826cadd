using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>
/// Each registration's organisation as the directory knows it (name and kind), falling back to what was typed at
/// registration when the registration is not linked to a directory organisation. Cards, requests, the grid and the
/// personal schedule all name the sides of a meeting this way.
/// </summary>
internal static class MeetingSides
{
    public static async Task<Dictionary<int, (string Organisation, OrganisationType Kind)>> OfAsync(AppDbContext db, IEnumerable<int> registrationIds, CancellationToken ct)
    {
        var ids = registrationIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await (
            from r in db.Registrations
            where ids.Contains(r.Id)
            join l in db.RegistrationOrganisations on r.Id equals l.RegistrationId into links
            from l in links.DefaultIfEmpty()
            join o in db.Organisations on (l == null ? 0 : l.OrganisationId) equals o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            select new { r.Id, Typed = r.Organisation, r.OrganisationType, Directory = o == null ? null : o.Name, Kind = o == null ? (OrganisationType?)null : o.Kind })
            .ToListAsync(ct);
        return rows.GroupBy(x => x.Id).ToDictionary(g => g.Key, g =>
        {
            var x = g.First();
            return (x.Directory ?? x.Typed, x.Kind ?? x.OrganisationType);
        });
    }
}
