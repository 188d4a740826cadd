using System.Globalization;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>Who gets the invitation: past attendees (with the contact filter) and/or network members' contact persons.</summary>
public sealed record InvitationRequest(int EditionId, bool PastAttendees, bool NetworkMembers, ContactFilter Filter);

public sealed record InvitationRecipient(string EmailHash, string Name, string Email, string Language, InvitationSource Source);

/// <summary>Recipients plus why the others in the selection are left out.</summary>
public sealed record InvitationPreview(
    string? Error, IReadOnlyList<InvitationRecipient> Recipients, int AlreadyInvited, int AlreadyRegistered, int NotAgreed, int Unsubscribed, int Erased);

public sealed record InvitationSendResult(string? Error, int Sent, int Skipped, int Failed);

/// <summary>
/// Invitations of an open edition. Rule: past attendees are invited only when they agreed to hear from the network and did
/// not unsubscribe since; network members' contact persons are invited unless they unsubscribed. Nobody gets the same
/// edition's invitation twice: the (edition, e-mail hash) row is claimed in the database before the mail is written.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<AppDbContext> dbFactory, ContactService contacts, IMailSender mail, IOptions<MailOptions> mailOptions, PublicUrls urls, TimeProvider clock,
    EmailHasher emailHasher, ILogger<InvitationService> log)
{
    /// <summary>Countries whose contact persons get the Serbian (Latin) message when no registration says otherwise.</summary>
    private static readonly HashSet<string> SerbianLatinCountries = ["RS", "ME", "BA", "HR"];

    public const string MailKindHeader = "X-DoC-Mail";
    public const string MailKind = "network-invitation";

    /// <summary>
    /// Editions an invitation can be for: open for registration, not closed yet, and with a public form, which is what the
    /// message links to (an invitation-only round table's guests get single-use links from its registration desk instead).
    /// </summary>
    public async Task<List<Edition>> TargetEditionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Editions.AsNoTracking().Where(e => e.Status == EditionStatus.Open && !e.InvitationOnly && (e.RegistrationClosesUtc == null || e.RegistrationClosesUtc > now))
            .OrderByDescending(e => e.Ordinal).ToListAsync(ct);
    }

    public async Task<int> InvitedCountAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NetworkInvitations.CountAsync(i => i.EditionId == editionId, ct);
    }

    public async Task<InvitationPreview> PreviewAsync(InvitationRequest request, CancellationToken ct = default)
    {
        var edition = (await TargetEditionsAsync(ct)).FirstOrDefault(e => e.Id == request.EditionId);
        if (edition is null) return Refused("Choose an edition that is open for registration.");
        if (!request.PastAttendees && !request.NetworkMembers) return Refused("Choose past attendees, network members or both.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invited = (await db.NetworkInvitations.Where(i => i.EditionId == edition.Id).Select(i => i.EmailHash).ToListAsync(ct)).ToHashSet();
        var registered = (await db.Registrations.Where(r => r.EditionId == edition.Id && r.AnonymisedUtc == null && r.Status != RegistrationStatus.Cancelled)
            .Select(r => r.EmailHash).ToListAsync(ct)).ToHashSet();
        var optOuts = (await db.NetworkOptOuts.Select(o => o.EmailHash).ToListAsync(ct)).ToHashSet();
        var all = await contacts.AllAsync(ct);
        var byHash = all.ToDictionary(c => c.EmailHash);

        var recipients = new Dictionary<string, InvitationRecipient>();
        int alreadyInvited = 0, alreadyRegistered = 0, notAgreed = 0, unsubscribed = 0, erased = 0;
        bool Free(string hash)
        {
            if (recipients.ContainsKey(hash)) return false;
            if (registered.Contains(hash)) { alreadyRegistered++; return false; }
            if (invited.Contains(hash)) { alreadyInvited++; return false; }
            return true;
        }

        if (request.PastAttendees)
        {
            foreach (var c in ContactService.Apply(all, request.Filter with { Consent = null }))
            {
                switch (c.Consent)
                {
                    case ContactConsent.Erased: erased++; continue;
                    case ContactConsent.NotAgreed: notAgreed++; continue;
                    case ContactConsent.Unsubscribed: unsubscribed++; continue;
                }
                if (!Free(c.EmailHash) || string.IsNullOrWhiteSpace(c.Email)) continue;
                recipients[c.EmailHash] = new InvitationRecipient(c.EmailHash, c.Name ?? "", c.Email, c.Language, InvitationSource.PastAttendee);
            }
        }

        if (request.NetworkMembers)
        {
            var members = await db.Organisations.AsNoTracking()
                .Where(o => o.NetworkMemberSince != null && o.ContactEmail != null && o.ContactEmail != "")
                .Select(o => new { o.Name, o.ContactName, o.ContactEmail, o.CountryCode, o.Kind }).ToListAsync(ct);
            foreach (var o in members.Where(o => (string.IsNullOrEmpty(request.Filter.CountryCode) || o.CountryCode == request.Filter.CountryCode)
                                                 && (request.Filter.Kind is not { } kind || o.Kind == kind)))
            {
                var hash = emailHasher.Hash(RegistrationRules.NormalizeEmail(o.ContactEmail!));
                if (optOuts.Contains(hash)) { unsubscribed++; continue; }
                if (!Free(hash)) continue;
                var language = byHash.TryGetValue(hash, out var known) && known.Consent != ContactConsent.Erased ? known.Language
                    : SerbianLatinCountries.Contains(o.CountryCode) ? "sr-Latn" : "en";
                recipients[hash] = new InvitationRecipient(hash, o.ContactName ?? o.Name, o.ContactEmail!.Trim(), language, InvitationSource.NetworkMember);
            }
        }

        return new InvitationPreview(null, recipients.Values.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList(),
            alreadyInvited, alreadyRegistered, notAgreed, unsubscribed, erased);
    }

    /// <summary>
    /// Sends to the preview's recipients. Each person's row is inserted (unique per edition) before the mail is written, so
    /// a double click or two organisers at once send one message per person; a mail failure releases the row for a retry.
    /// </summary>
    public async Task<InvitationSendResult> SendAsync(InvitationRequest request, string actor, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(request, ct);
        if (preview.Error is not null) return new InvitationSendResult(preview.Error, 0, 0, 0);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == request.EditionId, ct);
            int sent = 0, skipped = 0, failed = 0;
            foreach (var recipient in preview.Recipients)
            {
                var token = RegistrationRules.NewToken();
                var claim = await ClaimAsync(edition.Id, recipient, RegistrationRules.Sha256Hex(token), actor, ct);
                if (claim is null) { skipped++; continue; }
                try
                {
                    await mail.SendAsync(Build(recipient, edition, token), ct);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Invitation of edition {EditionId} could not be sent (invitation {InvitationId})", edition.Id, claim);
                    await using var release = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                    await release.NetworkInvitations.Where(i => i.Id == claim).ExecuteDeleteAsync(CancellationToken.None);
                    failed++;
                }
            }
            return new InvitationSendResult(null, sent, skipped, failed);
        }
    }

    /// <summary>The invitation row's id, or null when this person is already invited to the edition or has just unsubscribed.</summary>
    private async Task<int?> ClaimAsync(int editionId, InvitationRecipient recipient, string tokenHash, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Checked again here, not only in the preview: an unsubscribe while a long send runs is honoured at once.
        if (await db.NetworkOptOuts.AnyAsync(o => o.EmailHash == recipient.EmailHash, ct) && recipient.Source == InvitationSource.NetworkMember)
            return null;
        if (recipient.Source == InvitationSource.PastAttendee && await OptedOutSinceConsentAsync(db, recipient.EmailHash, ct)) return null;
        var row = new NetworkInvitation
        {
            EditionId = editionId, EmailHash = recipient.EmailHash, Source = recipient.Source, Language = recipient.Language,
            UnsubscribeTokenHash = tokenHash, SentBy = actor, SentUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            // Only the unique (edition, person) index may refuse the row; anything else is a real failure.
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            if (await check.NetworkInvitations.AnyAsync(i => i.EditionId == editionId && i.EmailHash == recipient.EmailHash, ct)) return null;
            throw;
        }
    }

    private static async Task<bool> OptedOutSinceConsentAsync(AppDbContext db, string emailHash, CancellationToken ct)
    {
        var optOut = await db.NetworkOptOuts.Where(o => o.EmailHash == emailHash).Select(o => (DateTime?)o.AtUtc).FirstOrDefaultAsync(ct);
        if (optOut is null) return false;
        var consent = await db.Registrations.Where(r => r.EmailHash == emailHash && r.AnonymisedUtc == null).MaxAsync(r => r.NetworkNewsConsentUtc, ct);
        return consent is null || optOut >= consent;
    }

    public string RegisterLink(Edition edition) => $"{urls.BaseUrl}/e/{Uri.EscapeDataString(edition.Slug)}/register";

    public string UnsubscribeLink(string token) => $"{urls.BaseUrl}/unsubscribe/{token}";

    /// <summary>Plain text (nothing typed can become markup), in the recipient's language, with the personal unsubscribe link.</summary>
    public MimeMessage Build(InvitationRecipient to, Edition edition, string token)
    {
        var (subject, body) = Text(to.Language, to.Name, edition, RegisterLink(edition), UnsubscribeLink(token));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(to.Name, to.Email));
        message.Subject = subject;
        message.Headers.Add(MailKindHeader, MailKind);
        message.Headers.Add("List-Unsubscribe", $"<{UnsubscribeLink(token)}>");
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Subject and body of the message, also shown as the preview on the organiser page.</summary>
    public static (string Subject, string Body) Text(string language, string name, Edition edition, string registerLink, string unsubscribeLink)
    {
        var serbian = language == "sr-Latn";
        var culture = CultureInfo.GetCultureInfo(serbian ? "sr-Latn-RS" : "en-GB");
        var dates = edition.StartDate == edition.EndDate
            ? edition.StartDate.ToString("d MMMM yyyy", culture)
            : $"{edition.StartDate.ToString("d MMMM", culture)} – {edition.EndDate.ToString("d MMMM yyyy", culture)}";
        var place = string.IsNullOrWhiteSpace(edition.Venue) ? edition.HostCity : $"{edition.Venue}, {edition.HostCity}";
        return serbian
            ? ($"Poziv: {edition.Title}",
               $"Poštovani/a {name},\n\nPozivamo Vas na {edition.Title}, {dates}, {place}.\n\nPrijava je otvorena:\n{registerLink}\n\n" +
               $"Ovu poruku primate jer ste pristali da Vas mreža Dani klastera obaveštava o budućim izdanjima ili ste kontakt osoba organizacije članice mreže.\n" +
               $"Da ne biste više primali pozive, otvorite ovaj link:\n{unsubscribeLink}\n\nDani klastera\n")
            : ($"Invitation: {edition.Title}",
               $"Dear {name},\n\nYou are invited to {edition.Title}, {dates}, {place}.\n\nRegistration is open:\n{registerLink}\n\n" +
               $"You receive this message because you agreed to hear from the Days of Clusters network about future editions, or you are the contact person of a network member.\n" +
               $"To receive no further invitations, open this link:\n{unsubscribeLink}\n\nDays of Clusters\n");
    }

    private static InvitationPreview Refused(string error) => new(error, [], 0, 0, 0, 0, 0);
}
