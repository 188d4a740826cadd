using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Network;

public enum ContactConsent
{
    /// <summary>Agreed on a registration to hear from the network, and not unsubscribed since.</summary>
    Agreed = 1,
    NotAgreed = 2,
    /// <summary>Followed an unsubscribe link after the last agreement.</summary>
    Unsubscribed = 3,
    /// <summary>Every registration of the person is anonymised: no personal data is shown.</summary>
    Erased = 4,
}

public sealed record ContactFilter(
    string? Search = null, int? EditionId = null, string? CountryCode = null, OrganisationType? Kind = null, bool? NetworkMember = null,
    ContactConsent? Consent = null);

/// <summary>One edition in a contact's history, computed from Registration, CheckIn, Agenda and Matchmaking rows.</summary>
public sealed record ContactEdition(
    int EditionId, int Ordinal, string EditionTitle, RegistrationStatus Status, string Category, bool CheckedIn, int RoundTableSeats, int Meetings);

/// <summary>A person across editions (one e-mail hash). Name, e-mail and organisation are null when the person is erased.</summary>
public sealed record Contact(
    string EmailHash, string? Name, string? Email, string? Organisation, string CountryCode, OrganisationType Kind, bool NetworkMember,
    string Language, ContactConsent Consent, DateTime? ConsentUtc, IReadOnlyList<ContactEdition> Editions)
{
    public int CheckedInEditions => Editions.Count(e => e.CheckedIn);
}

public sealed record ContactList(IReadOnlyList<Contact> Contacts, int Matching, IReadOnlyDictionary<ContactConsent, int> ByConsent);

/// <summary>
/// The contact base: every person who ever registered, grouped by the kept e-mail hash, with their history. It only
/// reads the other features' tables (grouped queries per registration) and writes nothing but Network's opt-outs.
/// </summary>
public sealed class ContactService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int ListLimit = 500;

    private sealed record RegistrationRow(
        int Id, int EditionId, string EmailHash, string FirstName, string LastName, string Email, string Organisation, OrganisationType Type,
        string CountryCode, string Language, int CategoryId, RegistrationStatus Status, DateTime CreatedUtc, DateTime? AnonymisedUtc, DateTime? ConsentUtc);

    private sealed record LinkRow(int RegistrationId, string Name, OrganisationType Kind, int? MemberSince);

    /// <summary>All contacts (before the filter), newest registration first.</summary>
    public async Task<List<Contact>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registrations = await db.Registrations.AsNoTracking()
            .Select(r => new RegistrationRow(r.Id, r.EditionId, r.EmailHash, r.FirstName, r.LastName, r.Email, r.Organisation, r.OrganisationType,
                r.CountryCode, r.Language, r.CategoryId, r.Status, r.CreatedUtc, r.AnonymisedUtc, r.NetworkNewsConsentUtc))
            .ToListAsync(ct);
        var editions = await db.Editions.AsNoTracking().ToDictionaryAsync(e => e.Id, e => (e.Ordinal, e.Title), ct);
        var categories = await db.RegistrationCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var checkedIn = (await db.Presences.Where(p => p.EntryCount > 0).Select(p => p.RegistrationId).Distinct().ToListAsync(ct)).ToHashSet();
        var seats = await db.SeatBookings.Where(b => b.Status == SeatBookingStatus.Booked)
            .Join(db.Sessions.Where(s => s.Kind == SessionKind.RoundTable), b => b.SessionId, s => s.Id, (b, s) => b.RegistrationId)
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var meetingSides = db.MeetingAssignments
            .Join(db.MeetingRequests, a => a.RequestId, m => m.Id, (a, m) => new { m.FromRegistrationId, m.ToRegistrationId });
        var meetings = (await meetingSides.GroupBy(m => m.FromRegistrationId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Concat(await meetingSides.GroupBy(m => m.ToRegistrationId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var links = await db.RegistrationOrganisations
            .Join(db.Organisations, l => l.OrganisationId, o => o.Id, (l, o) => new LinkRow(l.RegistrationId, o.Name, o.Kind, o.NetworkMemberSince))
            .ToDictionaryAsync(l => l.RegistrationId, ct);
        var optOuts = await db.NetworkOptOuts.ToDictionaryAsync(o => o.EmailHash, o => o.AtUtc, ct);

        return registrations.GroupBy(r => r.EmailHash).Select(group =>
        {
            var newest = group.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).ToList();
            var live = newest.FirstOrDefault(r => r.AnonymisedUtc is null);
            var latest = live ?? newest[0];
            links.TryGetValue(latest.Id, out var link);
            var consentUtc = newest.Where(r => r.AnonymisedUtc is null).Max(r => r.ConsentUtc);
            var consent = live is null ? ContactConsent.Erased
                : consentUtc is null ? ContactConsent.NotAgreed
                : optOuts.TryGetValue(group.Key, out var outUtc) && outUtc >= consentUtc ? ContactConsent.Unsubscribed
                : ContactConsent.Agreed;
            var history = newest.Select(r => new ContactEdition(r.EditionId, editions.GetValueOrDefault(r.EditionId).Ordinal,
                    editions.GetValueOrDefault(r.EditionId).Title ?? "", r.Status, categories.GetValueOrDefault(r.CategoryId) ?? "",
                    checkedIn.Contains(r.Id), seats.GetValueOrDefault(r.Id), meetings.GetValueOrDefault(r.Id)))
                .OrderByDescending(e => e.Ordinal).ToList();
            return new Contact(group.Key, live?.FirstName is { } f ? $"{f} {live.LastName}".Trim() : null, live?.Email,
                live is null ? null : link?.Name ?? live.Organisation, latest.CountryCode, link?.Kind ?? latest.Type, link?.MemberSince is not null,
                latest.Language, consent, consent == ContactConsent.Erased ? null : consentUtc, history);
        }).OrderByDescending(c => c.Editions.Max(e => e.Ordinal)).ThenBy(c => c.Name ?? "\uffff", StringComparer.CurrentCulture).ToList();
    }

    public async Task<ContactList> ListAsync(ContactFilter filter, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        var matching = Apply(all, filter with { Consent = null }).ToList();
        var byConsent = Enum.GetValues<ContactConsent>().ToDictionary(c => c, c => matching.Count(m => m.Consent == c));
        var shown = filter.Consent is { } consent ? matching.Where(m => m.Consent == consent).ToList() : matching;
        return new ContactList(shown.Take(ListLimit).ToList(), shown.Count, byConsent);
    }

    public static IEnumerable<Contact> Apply(IEnumerable<Contact> contacts, ContactFilter filter)
    {
        var search = OrganisationSearch.Fold(filter.Search);
        return contacts.Where(c =>
            (filter.EditionId is not { } edition || c.Editions.Any(e => e.EditionId == edition))
            && (string.IsNullOrEmpty(filter.CountryCode) || c.CountryCode == filter.CountryCode)
            && (filter.Kind is not { } kind || c.Kind == kind)
            && (filter.NetworkMember is not { } member || c.NetworkMember == member)
            && (filter.Consent is not { } consent || c.Consent == consent)
            // Erased people cannot be found by what they were called.
            && (search.Length == 0 || (c.Consent != ContactConsent.Erased
                && OrganisationSearch.Fold($"{c.Name} {c.Email} {c.Organisation}").Contains(search, StringComparison.Ordinal))));
    }

    /// <summary>
    /// The public unsubscribe link: records the opt-out of the invitation's person at once (idempotent). False when the
    /// token is unknown. A later registration with the box ticked agrees again.
    /// </summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return false;
        var hash = RegistrationRules.Sha256Hex(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emailHash = await db.NetworkInvitations.Where(i => i.UnsubscribeTokenHash == hash).Select(i => i.EmailHash).FirstOrDefaultAsync(ct);
        if (emailHash is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.NetworkOptOuts.Where(o => o.EmailHash == emailHash).ExecuteUpdateAsync(s => s.SetProperty(o => o.AtUtc, now), ct);
        if (updated > 0) return true;
        db.Add(new NetworkOptOut { EmailHash = emailHash, AtUtc = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second click at the same moment recorded it first: the person is unsubscribed either way.
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            if (!await check.NetworkOptOuts.AnyAsync(o => o.EmailHash == emailHash, ct)) throw;
        }
        return true;
    }
}
