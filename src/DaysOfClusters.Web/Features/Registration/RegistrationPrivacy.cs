using System.Text.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// The person's rights over their registration: everything stored about them as JSON (access), erasure on request, and
/// the anonymisation of every edition whose retention date has passed (the background job).
/// </summary>
public sealed class RegistrationPrivacy(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    RegistrationService registrations,
    RegistrationLifecycle lifecycle,
    RegistrationAuditTrail auditTrail,
    IMailSender mail,
    ILogger<RegistrationPrivacy> logger)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    // Every script as itself (names and answers in Cyrillic or Greek stay readable); HTML-sensitive characters still escaped.
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Everything stored about the person (GDPR access), as JSON.</summary>
    public async Task<string> ExportPersonalDataAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Registrations.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Id == r.EditionId).Select(e => new { e.Title, e.Slug }).FirstAsync(ct);
        var category = await db.RegistrationCategories.AsNoTracking().Where(c => c.Id == r.CategoryId).Select(c => c.Name).FirstAsync(ct);
        var trail = await db.RegistrationAuditEntries.AsNoTracking().Where(a => a.RegistrationId == id).OrderBy(a => a.AtUtc)
            .Select(a => new { a.AtUtc, a.Action, a.Details }).ToListAsync(ct);
        var questions = await QuestionService.LoadAsync(db, r.EditionId, ct);
        var stored = await db.RegistrationAnswers.AsNoTracking().Where(a => a.RegistrationId == id).ToListAsync(ct);
        var answers = questions.Where(q => stored.Any(a => a.QuestionId == q.Id))
            .Select(q => new { Question = q.Label, Answer = QuestionRules.Describe(q, stored) }).ToList();
        var data = new
        {
            Edition = edition, Category = category, r.FirstName, r.LastName, r.Email, r.Organisation, OrganisationType = r.OrganisationType.ToString(),
            r.JobTitle, r.CountryCode, r.Phone, DaysAttending = RegistrationRules.ParseDays(r.DaysAttending), r.DietaryNeeds, r.AccessibilityNeeds,
            r.PrivacyConsentUtc, r.PrivacyNoticeVersion, r.NetworkingConsent, r.Language, Status = r.Status.ToString(), r.WaitlistNumber,
            r.OfferExpiresUtc, r.CreatedUtc, r.UpdatedUtc, r.ConfirmedUtc, r.CancelledUtc, r.AnonymisedUtc, Answers = answers, History = trail,
        };
        return JsonSerializer.Serialize(data, ExportJson);
    }

    /// <summary>
    /// Erasure on request: a held seat is freed first, then the personal fields are blanked, with what other features
    /// keep about the person (<see cref="PersonalDataEraser"/>) and the messages to or about them in the mail pickup
    /// folder. Country, organisation type, category, days, dates and the keyed e-mail hash stay (the continent follows
    /// from the country), so statistics stay true.
    /// </summary>
    public async Task EraseAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await registrations.FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.AnonymisedUtc is not null) return;
        if (registration.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected)) await lifecycle.CancelAsync(id, caller, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await AnonymiseAsync(db.Registrations.Where(r => r.Id == id && r.AnonymisedUtc == null), UtcNow, ct);
            await PersonalDataEraser.EraseRelatedAsync(db, [id], [registration.EmailNormalized], ct);
            auditTrail.Add(db, id, caller.Actor, "Erased", null);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // SQLite: secure_delete (SqlitePragmas) zeroes the old values in their pages; the checkpoint also moves those
            // pages out of the WAL file, where the earlier versions would otherwise stay until it is reused.
            if (db.Database.IsSqlite() && !await SqliteCheckpointer.TruncateWalAsync(db, TimeSpan.FromSeconds(30), ct))
                logger.LogWarning("The WAL checkpoint after erasing registration {Id} stayed busy; older versions stay in the log until it is reused.", id);
        }
        PersonalDataEraser.EraseMail(mail, [registration.EmailNormalized, registration.Email], [registration.FullName]);
    }

    private static Task<int> AnonymiseAsync(IQueryable<Registration> query, DateTime now, CancellationToken ct) =>
        query.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FirstName, "").SetProperty(r => r.LastName, "").SetProperty(r => r.Email, "")
            // Still unique per edition, and no longer the address.
            .SetProperty(r => r.EmailNormalized, r => "erased:" + r.Id)
            .SetProperty(r => r.Organisation, "").SetProperty(r => r.JobTitle, (string?)null).SetProperty(r => r.Phone, (string?)null)
            .SetProperty(r => r.DietaryNeeds, (string?)null).SetProperty(r => r.AccessibilityNeeds, (string?)null)
            .SetProperty(r => r.InternalNotes, (string?)null).SetProperty(r => r.ManageTokenProtected, (string?)null)
            .SetProperty(r => r.AnonymisedUtc, now).SetProperty(r => r.UpdatedUtc, now), ct);

    /// <summary>Anonymises the attendees of every edition whose retention date has passed; the background job calls it.</summary>
    public async Task<int> AnonymiseExpiredEditionsAsync(CancellationToken ct = default)
    {
        var now = UtcNow;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.Where(e => e.RetentionUntil != null && e.RetentionUntil < today).Select(e => e.Id).ToListAsync(ct);
        var total = 0;
        foreach (var editionId in editions)
        {
            var people = await db.Registrations.Where(r => r.EditionId == editionId && r.AnonymisedUtc == null)
                .Select(r => new { r.Id, r.EmailNormalized, r.FirstName, r.LastName }).ToListAsync(ct);
            if (people.Count == 0) continue;
            var ids = people.Select(p => p.Id).ToList();
            var emails = people.Select(p => p.EmailNormalized).ToList();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                total += await AnonymiseAsync(db.Registrations.Where(r => r.EditionId == editionId && r.AnonymisedUtc == null), now, ct);
                await PersonalDataEraser.EraseRelatedAsync(db, ids, emails, ct);
                foreach (var id in ids) auditTrail.Add(db, id, "system", "Erased", "Retention date passed");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            PersonalDataEraser.EraseMail(mail, emails, people.Select(p => $"{p.FirstName} {p.LastName}".Trim()).ToList());
        }
        return total;
    }
}
