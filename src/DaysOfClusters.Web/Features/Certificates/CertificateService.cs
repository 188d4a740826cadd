using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Certificates;

public sealed record TraineeAttendance(int RegistrationId, string Name, string Organisation, int Attended, bool Eligible, int? IssueNumber);

/// <summary>An event's course: how many sessions count, how many a certificate needs, and each confirmed trainee's count.</summary>
public sealed record CourseAttendance(int SessionsTotal, int? ThresholdPercent, int SessionsNeeded, IReadOnlyList<TraineeAttendance> Trainees);

public enum CertificateAvailability { UnknownRegistration, NotOffered, NotConfirmed, NotYet, Ready, NameChanged, Revoked }

public sealed record CertificatePdf(byte[] Content, string FileName, string Code);

/// <summary>What a trainee's manage page and certificate link get: the PDF when earned, else their count against the bar.</summary>
public sealed record AttendeeCertificate(CertificateAvailability Availability, int Attended, int Total, int Needed, CertificatePdf? Pdf = null);

public enum CertificateVerdict { Valid, Replaced, Revoked, NotGenuine }

public sealed record CertificateVerification(
    CertificateVerdict Verdict, string? HolderName, string? EventName, string? EventTitle, string? City, DateOnly? Start, DateOnly? End,
    int Attended, int Total, DateOnly? IssuedOn, string? Number, IReadOnlyList<PartnerView> Partners)
{
    public static CertificateVerification NotGenuine { get; } = new(CertificateVerdict.NotGenuine, null, null, null, null, null, null, 0, 0, null, null, []);
}

/// <summary>
/// Attendance per session of a course (a scan at a session's door counts that session once) and the certificates of
/// attendance for those at or over the event's threshold, signed with the event's badge key so anybody can check them
/// with the published key or on the verify page.
/// </summary>
public sealed class CertificateService(
    IDbContextFactory<AppDbContext> dbFactory, BadgeKeyService keys, EventPartnerService partners, PublicUrls urls, TimeProvider clock)
{
    public const string VerifyPath = "/certificates/verify";

    /// <summary>Sessions a certificate needs: the threshold's share of the course, rounded up.</summary>
    public static int SessionsNeeded(int total, int thresholdPercent) => (int)Math.Ceiling(total * thresholdPercent / 100.0);

    public static bool IsEligible(int attended, int total, int thresholdPercent) => total > 0 && attended >= SessionsNeeded(total, thresholdPercent);

    public string VerifyUrl(string code) => $"{urls.BaseUrl}{VerifyPath}?code={Uri.EscapeDataString(code)}";

    public async Task<CourseAttendance?> AttendanceAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return null;
        var sessions = await CourseSessionIdsAsync(db, editionId, ct);
        var attended = await AttendedAsync(db, editionId, sessions, registrationId: null, ct);
        var issued = await db.Certificates.Where(c => c.EditionId == editionId && c.RevokedUtc == null).ToDictionaryAsync(c => c.RegistrationId, c => c.IssueNumber, ct);
        var trainees = await db.Registrations.AsNoTracking()
            .Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed && r.AnonymisedUtc == null)
            .OrderBy(r => r.LastName).ThenBy(r => r.FirstName)
            .Select(r => new { r.Id, r.FirstName, r.LastName, r.Organisation }).ToListAsync(ct);
        var threshold = edition.CertificateThresholdPercent;
        return new CourseAttendance(sessions.Count, threshold, threshold is { } t ? SessionsNeeded(sessions.Count, t) : 0,
            trainees.Select(r =>
            {
                var count = attended.TryGetValue(r.Id, out var set) ? set.Count : 0;
                return new TraineeAttendance(r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.Organisation, count,
                    threshold is { } th && IsEligible(count, sessions.Count, th), issued.TryGetValue(r.Id, out var n) ? n : null);
            }).ToList());
    }

    /// <summary>The trainee's certificate by their manage link: issued (or brought up to date) and rendered when earned.</summary>
    public async Task<AttendeeCertificate> ForAttendeeAsync(string manageToken, bool render, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(manageToken) || manageToken.Length > 200) return new AttendeeCertificate(CertificateAvailability.UnknownRegistration, 0, 0, 0);
        var hash = RegistrationRules.Sha256Hex(manageToken);
        int registrationId, editionId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await db.Registrations.AsNoTracking().Where(r => r.ManageTokenHash == hash && r.AnonymisedUtc == null)
                .Select(r => new { r.Id, r.EditionId }).FirstOrDefaultAsync(ct);
            if (found is null) return new AttendeeCertificate(CertificateAvailability.UnknownRegistration, 0, 0, 0);
            (registrationId, editionId) = (found.Id, found.EditionId);
        }
        return await IssueAsync(editionId, registrationId, render, byOrganiser: false, ct);
    }

    /// <summary>Where a trainee stands (sessions attended against the bar), read only: for their manage page.</summary>
    public async Task<AttendeeCertificate> ProgressAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.EditionId, r.Status, r.AnonymisedUtc }).FirstOrDefaultAsync(ct);
        if (registration is null || registration.AnonymisedUtc is not null) return new AttendeeCertificate(CertificateAvailability.UnknownRegistration, 0, 0, 0);
        var threshold = await db.Editions.Where(e => e.Id == registration.EditionId).Select(e => e.CertificateThresholdPercent).FirstOrDefaultAsync(ct);
        if (threshold is not { } t) return new AttendeeCertificate(CertificateAvailability.NotOffered, 0, 0, 0);
        var sessions = await CourseSessionIdsAsync(db, registration.EditionId, ct);
        var attended = (await AttendedAsync(db, registration.EditionId, sessions, registrationId, ct)).GetValueOrDefault(registrationId)?.Count ?? 0;
        var availability = registration.Status != RegistrationStatus.Confirmed ? CertificateAvailability.NotConfirmed
            : IsEligible(attended, sessions.Count, t) ? CertificateAvailability.Ready : CertificateAvailability.NotYet;
        return new AttendeeCertificate(availability, attended, sessions.Count, SessionsNeeded(sessions.Count, t));
    }

    /// <summary>
    /// Checks the trainee's attendance now and, when it reaches the threshold, issues the certificate (or raises its issue
    /// number when the attendance it states has changed) and renders it. Nothing is written for anyone under the bar.
    /// </summary>
    /// <param name="byOrganiser">
    /// An organiser's download: it may re-issue to the registration's current name (a corrected spelling). A trainee's own
    /// download keeps the name of the first issue, or gets <see cref="CertificateAvailability.NameChanged"/>.
    /// </param>
    public async Task<AttendeeCertificate> IssueAsync(int editionId, int registrationId, bool render = true, bool byOrganiser = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.EditionId == editionId, ct);
        if (edition is null || registration is null || registration.AnonymisedUtc is not null) return new AttendeeCertificate(CertificateAvailability.UnknownRegistration, 0, 0, 0);
        if (edition.CertificateThresholdPercent is not { } threshold) return new AttendeeCertificate(CertificateAvailability.NotOffered, 0, 0, 0);
        var sessions = await CourseSessionIdsAsync(db, editionId, ct);
        var attendedSessions = (await AttendedAsync(db, editionId, sessions, registrationId, ct)).GetValueOrDefault(registrationId) ?? [];
        var (attended, total, needed) = (attendedSessions.Count, sessions.Count, SessionsNeeded(sessions.Count, threshold));
        if (registration.Status != RegistrationStatus.Confirmed) return new AttendeeCertificate(CertificateAvailability.NotConfirmed, attended, total, needed);
        if (!IsEligible(attended, total, threshold)) return new AttendeeCertificate(CertificateAvailability.NotYet, attended, total, needed);

        var holder = registration.FullName;
        var (certificate, refused) = await UpsertAsync(editionId, registrationId, attended, total, threshold, CertificateToken.HashName(holder), byOrganiser, ct);
        if (certificate is null) return new AttendeeCertificate(refused, attended, total, needed);
        if (!render) return new AttendeeCertificate(CertificateAvailability.Ready, attended, total, needed);

        var issuedOn = DateOnly.FromDateTime(EditionRules.ToLocal(certificate.IssuedUtc, edition.TimeZoneId));
        var payload = new CertificatePayload(editionId, certificate.Id, (ushort)certificate.IssueNumber, (ushort)attended, (ushort)total, issuedOn, CertificateToken.HashName(holder));
        var code = CertificateToken.Encode(payload, await keys.SigningKeyAsync(editionId, ct));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(edition.TimeZoneId);
        var sessionLines = await db.Sessions.AsNoTracking().Where(s => attendedSessions.Contains(s.Id)).OrderBy(s => s.StartUtc)
            .Select(s => new { s.Title, s.StartUtc }).ToListAsync(ct);
        var document = new CertificateDocument(
            holder, registration.Organisation, edition.DisplayName, edition.Title, edition.HostCity, edition.Venue, edition.StartDate, edition.EndDate,
            attended, total, sessionLines.Select(s => new AttendedSession(s.Title, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(s.StartUtc, DateTimeKind.Utc), zone))).ToList(),
            issuedOn, Number(edition, certificate), code, VerifyUrl(code), await partners.ListAsync(editionId, ct));
        var pdf = CertificateRenderer.Render(document);
        return new AttendeeCertificate(CertificateAvailability.Ready, attended, total, needed,
            new CertificatePdf(pdf, $"certificate-{edition.Slug}-{certificate.Id}.pdf", code));
    }

    /// <summary>Checks a certificate's code: its signature with the event's key, then the issued certificate it names.</summary>
    public async Task<CertificateVerification> VerifyAsync(string? code, CancellationToken ct = default)
    {
        if (CertificateToken.TryParseUnverified(code, out var unverified, out _, out _) != CertificateCodeStatus.Valid) return CertificateVerification.NotGenuine;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The row first: a made-up code must not make the app create a key for an event that never signed anything.
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == unverified!.CertificateId && c.EditionId == unverified.EditionId, ct);
        if (certificate is null) return CertificateVerification.NotGenuine;
        if (CertificateToken.TryRead(code, await keys.VerificationKeyAsync(certificate.EditionId, ct), out var payload) != CertificateCodeStatus.Valid)
            return CertificateVerification.NotGenuine;
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == certificate.EditionId, ct);
        var registration = await db.Registrations.AsNoTracking().Where(r => r.Id == certificate.RegistrationId)
            .Select(r => new { r.FirstName, r.LastName, r.AnonymisedUtc, r.Status }).FirstAsync(ct);
        // The name shows only when it is the one the code was signed for: a replaced code never tells who holds the current one.
        var current = registration.AnonymisedUtc is null ? $"{registration.FirstName} {registration.LastName}".Trim() : null;
        var holder = current is not null && CertificateToken.HashName(current) == payload!.NameHash ? current : null;
        var verdict = certificate.RevokedUtc is not null || registration.Status != RegistrationStatus.Confirmed ? CertificateVerdict.Revoked
            : payload!.IssueNumber != certificate.IssueNumber || unchecked((long)payload.NameHash) != certificate.NameHash ? CertificateVerdict.Replaced
            : CertificateVerdict.Valid;
        return new CertificateVerification(verdict, holder, edition.DisplayName, edition.Title, edition.HostCity, edition.StartDate, edition.EndDate,
            payload!.SessionsAttended, payload.SessionsTotal, payload.IssuedOn, Number(edition, certificate), await partners.ListAsync(edition.Id, ct));
    }

    public static string Number(Edition edition, Certificate certificate) =>
        $"{edition.Slug.ToUpperInvariant()}-{certificate.Id:D5}{(certificate.IssueNumber > 1 ? $"/{certificate.IssueNumber}" : "")}";

    /// <summary>The issued certificate, new or re-issued; or none, with why: revoked, or renamed since the first issue without an organiser.</summary>
    private async Task<(Certificate? Row, CertificateAvailability Refused)> UpsertAsync(int editionId, int registrationId, int attended, int total, int threshold, ulong nameHash, bool byOrganiser, CancellationToken ct)
    {
        var name = unchecked((long)nameHash);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.EditionId == editionId && c.RegistrationId == registrationId, ct);
            if (row is null)
            {
                row = new Certificate
                {
                    EditionId = editionId, RegistrationId = registrationId, SessionsAttended = attended, SessionsTotal = total, ThresholdPercent = threshold,
                    NameHash = name, IssuedUtc = now,
                };
                db.Certificates.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return (row, CertificateAvailability.Ready);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    continue; // another download issued it first: take theirs
                }
            }
            // A revoked certificate stays revoked, and a renamed registration does not take the certificate with it.
            if (row.RevokedUtc is not null) return (null, CertificateAvailability.Revoked);
            if (row.NameHash != name && !byOrganiser) return (null, CertificateAvailability.NameChanged);
            if (row.SessionsAttended == attended && row.SessionsTotal == total && row.NameHash == name) return (row, CertificateAvailability.Ready);
            // Attendance changed (or an organiser re-issued to a corrected name): a new issue; the older PDF now verifies as replaced.
            var changed = await db.Certificates.Where(c => c.Id == row.Id && c.IssueNumber == row.IssueNumber).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.IssueNumber, row.IssueNumber + 1).SetProperty(c => c.SessionsAttended, attended).SetProperty(c => c.SessionsTotal, total)
                .SetProperty(c => c.ThresholdPercent, threshold).SetProperty(c => c.IssuedUtc, now).SetProperty(c => c.NameHash, name), ct);
            if (changed == 1 || attempt >= 3)
                return (await db.Certificates.AsNoTracking().FirstAsync(c => c.Id == row.Id, ct), CertificateAvailability.Ready);
        }
    }

    /// <summary>The sessions a course counts: every one not cancelled, except breaks and social programme.</summary>
    private static Task<List<int>> CourseSessionIdsAsync(AppDbContext db, int editionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.EditionId == editionId && s.Status != SessionStatus.Cancelled && s.Kind != SessionKind.Break && s.Kind != SessionKind.NetworkingSocial)
            .Select(s => s.Id).ToListAsync(ct);

    /// <summary>Per registration, the course sessions whose door scanned them in at least once.</summary>
    private static async Task<Dictionary<int, HashSet<int>>> AttendedAsync(AppDbContext db, int editionId, List<int> sessionIds, int? registrationId, CancellationToken ct)
    {
        var query = from p in db.Presences
                    join point in db.CheckInPoints on p.PointId equals point.Id
                    where p.EditionId == editionId && point.Kind == CheckInPointKind.SessionDoor && point.SessionId != null && p.FirstEntryUtc != null
                    select new { p.RegistrationId, SessionId = point.SessionId!.Value };
        if (registrationId is { } id) query = query.Where(x => x.RegistrationId == id);
        var rows = await query.Distinct().ToListAsync(ct);
        var counted = sessionIds.ToHashSet();
        return rows.Where(r => counted.Contains(r.SessionId)).GroupBy(r => r.RegistrationId).ToDictionary(g => g.Key, g => g.Select(r => r.SessionId).ToHashSet());
    }
}
