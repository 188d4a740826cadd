using System.Globalization;
using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>The short form staff fill in for a person who arrives unregistered; property names match <see cref="RegistrationInput"/>.</summary>
public sealed class WalkInInput : IPersonInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";

    /// <summary>Required, as for every registration: it is unique per edition and carries the manage link.</summary>
    public string Email { get; set; } = "";
    public string Organisation { get; set; } = "";
    public OrganisationType? OrganisationType { get; set; }
    public string JobTitle { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string? Phone { get; set; }
    public int? CategoryId { get; set; }
    public string Language { get; set; } = "en";

    /// <summary>Staff confirm that the person was shown the privacy notice and accepted it.</summary>
    public bool PrivacyConsent { get; set; }

    /// <summary>An organiser registers the walk-in although the edition is not open (ignored for staff).</summary>
    public bool OverrideClosedEdition { get; set; }
}

public enum WalkInOutcome
{
    /// <summary>Registered, confirmed, badge issued and checked in at the point.</summary>
    CheckedIn,
    Invalid,

    /// <summary>The e-mail is registered already: nothing stored; <see cref="WalkInResult.Person"/> is that registration.</summary>
    Duplicate,
}

public sealed record WalkInPerson(int RegistrationId, int EditionId, string Name, string Organisation, string Email, RegistrationStatus Status, string Category, string CategoryColor);

public sealed record WalkInResult(WalkInOutcome Outcome, IReadOnlyDictionary<string, List<string>> Errors, WalkInPerson? Person = null, ScanResult? Scan = null)
{
    /// <summary>Where the browser gets the badge to print (confirmed registrations only), see <see cref="WalkInService.BadgeUrl"/>.</summary>
    public string? BadgeUrl { get; init; }
}

/// <summary>Staff member acting at the desk: the user id goes into the scan log, the name into the audit trail.</summary>
/// <param name="IsOrganiser">Organisers may register walk-ins on an edition that is not open.</param>
public sealed record WalkInActor(string UserId, string UserName, bool IsOrganiser = false);

/// <summary>
/// Walk-ins: registers the person through <see cref="RegistrationWriter"/> (confirmed beyond capacity, as invitations are),
/// issues their badge and checks them in at the chosen point at once; a known e-mail stores nothing and names the person.
/// </summary>
public sealed class WalkInService(
    IDbContextFactory<AppDbContext> dbFactory, RegistrationWriter registrations, RegistrationAuditTrail auditTrail, CheckInService checkIn, CheckInCache cache, BadgeIssuer issuer, TimeProvider clock,
    IDataProtectionProvider dataProtection)
{
    public const string PointField = "PointId";

    /// <summary>How long a badge link handed to the desk opens the badge.</summary>
    public static readonly TimeSpan BadgeLinkLifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector _badgeLinks = dataProtection.CreateProtector("DaysOfClusters.CheckIn.BadgeLink.v1").ToTimeLimitedDataProtector();

    /// <summary>
    /// The desk's link to a person's badge PDF. It carries a data-protected, expiring reference instead of the registration
    /// id: staff rights are not per edition, so a sequential id would let any staff member print anyone's badge.
    /// </summary>
    public string BadgeUrl(int registrationId, BadgeFormat format = BadgeFormat.A6) =>
        $"/checkin/badge/{_badgeLinks.Protect(registrationId.ToString(CultureInfo.InvariantCulture), BadgeLinkLifetime)}.pdf?format={format}";

    /// <summary>The registration a badge link reference was made for; null when it is forged, altered or expired.</summary>
    public int? RegistrationOfBadgeLink(string reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > 500) return null;
        try
        {
            return int.TryParse(_badgeLinks.Unprotect(reference), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async Task<WalkInResult> RegisterAsync(int pointId, WalkInInput input, WalkInActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var point = await cache.PointAsync(pointId, ct);
        if (point is null || point.IsArchived) return Invalid(PointField, "Choose an open check-in point.");

        Edition edition;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == point.EditionId, ct);
        // Walk-ins register people, so they follow the edition's status; only an organiser may deliberately override it.
        if (edition.Status != EditionStatus.Open && !(actor.IsOrganiser && input.OverrideClosedEdition))
            return Invalid(PointField, actor.IsOrganiser
                ? $"This edition is {edition.Status.ToString().ToLowerInvariant()}: tick the organiser override to register the person anyway."
                : $"This edition is {edition.Status.ToString().ToLowerInvariant()}: walk-ins need an organiser.");

        var email = RegistrationRules.NormalizeEmail(input.Email ?? "");
        if (email.Length > 0 && await FindByEmailAsync(point.EditionId, email, ct) is { } known) return Duplicate(known);
        var registration = new RegistrationInput
        {
            FirstName = input.FirstName ?? "", LastName = input.LastName ?? "", Email = input.Email ?? "", Organisation = input.Organisation ?? "",
            OrganisationType = input.OrganisationType, JobTitle = input.JobTitle ?? "", CountryCode = input.CountryCode ?? "", Phone = input.Phone, CategoryId = input.CategoryId,
            DaysAttending = DaysFromToday(edition), PrivacyConsent = input.PrivacyConsent, Language = input.Language ?? "en",
        };
        var caller = RegistrationCaller.WalkInBy(actor.UserName);
        var result = await registrations.RegisterAsync(point.EditionId, registration, caller, ct);
        switch (result.Outcome)
        {
            case RegisterOutcome.Registered:
                break;
            case RegisterOutcome.Duplicate:
                // Lost a race with another desk registering the same address: show theirs.
                return await FindByEmailAsync(point.EditionId, email, ct) is { } other ? Duplicate(other) : new WalkInResult(WalkInOutcome.Invalid, result.Errors);
            case RegisterOutcome.Invalid:
                return new WalkInResult(WalkInOutcome.Invalid, StaffWording(result.Errors));
            default:
                return Invalid("", "The registration could not be stored. Try again.");
        }

        var id = result.RegistrationId!.Value;
        // The badge first, so the check-in's log entry names the ticket that was printed.
        var badge = await issuer.CurrentAsync(id, ct);
        var scan = await checkIn.ScanAsync(new ScanRequest(null, pointId, $"walk-in-{id}", RegistrationId: id), ScanActor.ForUser(actor.UserId), ct);
        await auditTrail.RecordAsync(id, caller, "WalkInCheckedIn",
            $"Registered on site, {scan?.Outcome.ToString() ?? "not checked in"} at {point.Name}, badge {badge?.ShortCode ?? "not issued"}", ct);
        var person = await PersonAsync(id, ct);
        return new WalkInResult(WalkInOutcome.CheckedIn, new Dictionary<string, List<string>>(), person, scan) { BadgeUrl = BadgeUrlOf(person) };
    }

    /// <summary>The registration with this e-mail in the point's edition, if any (for "check them in instead").</summary>
    public async Task<WalkInPerson?> FindByEmailAsync(int editionId, string normalizedEmail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Registrations.AsNoTracking().Where(r => r.EditionId == editionId && r.EmailNormalized == normalizedEmail)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await PersonAsync(id.Value, ct);
    }

    public async Task<WalkInPerson?> PersonAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from r in db.Registrations.AsNoTracking()
                      where r.Id == registrationId && r.AnonymisedUtc == null
                      join c in db.RegistrationCategories on r.CategoryId equals c.Id
                      select new WalkInPerson(r.Id, r.EditionId, r.FirstName + " " + r.LastName, r.Organisation, r.Email, r.Status, c.Name, c.BadgeColor))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The days still ahead from today in the edition's own time zone; all of them when the edition is not on yet.</summary>
    public List<DateOnly> DaysFromToday(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var today = DateOnly.FromDateTime(EditionRules.ToLocal(clock.GetUtcNow().UtcDateTime, edition.TimeZoneId));
        var days = RegistrationRules.DaysOf(edition).ToList();
        var ahead = days.Where(d => d >= today).ToList();
        return today >= edition.StartDate && ahead.Count > 0 ? ahead : days;
    }

    private WalkInResult Duplicate(WalkInPerson person) => new(WalkInOutcome.Duplicate,
        new Dictionary<string, List<string>> { [nameof(WalkInInput.Email)] = [$"Already registered: {person.Name} ({person.Status.ToString().ToLowerInvariant()})."] }, person)
    {
        BadgeUrl = BadgeUrlOf(person),
    };

    private string? BadgeUrlOf(WalkInPerson? person) => person is { Status: RegistrationStatus.Confirmed } p ? BadgeUrl(p.RegistrationId) : null;

    private static WalkInResult Invalid(string field, string message) => new(WalkInOutcome.Invalid, new Dictionary<string, List<string>> { [field] = [message] });

    /// <summary>The registration rules speak to the attendee; at the desk staff read them.</summary>
    private static Dictionary<string, List<string>> StaffWording(IReadOnlyDictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Key == nameof(WalkInInput.PrivacyConsent)
            ? ["Confirm that the person has read and accepted the privacy notice."]
            : e.Value.Select(m => m switch
            {
                "Choose the type of your organisation." => "Choose the type of their organisation.",
                "Choose your country." => "Choose their country.",
                _ => m,
            }).ToList());
}
