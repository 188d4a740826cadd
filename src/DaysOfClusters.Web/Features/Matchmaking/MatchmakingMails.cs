using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Matchmaking;

public enum MatchmakingMailKind
{
    Requested,
    Accepted,
    Declined,
    Cancelled,
    Expired,
}

/// <summary>What one message needs: the recipient, the other side of the meeting and the link to the recipient's matchmaking page.</summary>
public sealed record MatchmakingMailData(
    MatchmakingMailKind Kind, string Language, string ToEmail, string ToName, string EditionTitle, string OtherName, string OtherOrganisation,
    string? Message, string? MatchmakingLink);

/// <summary>Plain-text messages in English and Serbian (Latin), like the registration mails: nothing typed by an attendee becomes markup.</summary>
public static class MatchmakingMails
{
    public static MimeMessage Build(MatchmakingMailData d, MailOptions from)
    {
        var serbian = d.Language == "sr-Latn";
        var other = $"{d.OtherName} ({d.OtherOrganisation})";
        var (subject, body) = serbian ? Serbian(d, other) : English(d, other);
        var text = new System.Text.StringBuilder();
        text.Append(serbian ? $"Poštovani/a {d.ToName}," : $"Dear {d.ToName},").Append("\n\n").Append(body).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(d.Message) && d.Kind == MatchmakingMailKind.Requested)
            text.Append(serbian ? "Poruka:\n" : "Message:\n").Append(d.Message.Trim()).Append("\n\n");
        if (d.MatchmakingLink is not null)
        {
            text.Append(serbian ? "Vaši B2B sastanci, zahtevi i termini:\n" : "Your B2B meetings, requests and availability:\n")
                .Append(d.MatchmakingLink).Append("\n\n")
                .Append(serbian ? "Ovaj link je lični; ne prosleđujte ga.\n\n" : "This link is personal; please do not forward it.\n\n");
        }
        text.Append(d.EditionTitle).Append('\n');
        var message = new MimeMessage { Subject = $"{d.EditionTitle}: {subject}" };
        message.From.Add(new MailboxAddress(from.FromName, from.FromAddress));
        message.To.Add(new MailboxAddress(d.ToName, d.ToEmail));
        // 8bit keeps the text readable in the pickup files and is what every modern SMTP server accepts.
        message.Body = new TextPart("plain") { Text = text.ToString(), ContentTransferEncoding = ContentEncoding.EightBit };
        return message;
    }

    private static (string Subject, string Body) English(MatchmakingMailData d, string other) => d.Kind switch
    {
        MatchmakingMailKind.Requested => ($"meeting request from {d.OtherName}",
            $"{other} would like to meet you at the B2B matchmaking. Open your matchmaking page to accept or decline the request."),
        MatchmakingMailKind.Accepted => ($"{d.OtherName} accepted your meeting request",
            $"{other} accepted your meeting request. Tick the slots you can attend on your matchmaking page; you will see the time and table once the organisers publish the schedule."),
        MatchmakingMailKind.Declined => ($"{d.OtherName} declined your meeting request",
            $"{other} declined your meeting request. The marketplace has other participants you can ask."),
        MatchmakingMailKind.Cancelled => ($"meeting with {d.OtherName} cancelled",
            $"{other} cancelled the meeting with you. If it was scheduled, its slot and table are free again."),
        _ => ($"your meeting request to {d.OtherName} expired",
            $"Your meeting request to {other} was not answered in time and has expired. You can send a new request."),
    };

    private static (string Subject, string Body) Serbian(MatchmakingMailData d, string other) => d.Kind switch
    {
        MatchmakingMailKind.Requested => ($"zahtev za sastanak od {d.OtherName}",
            $"{other} želi da se sastane sa vama na B2B susretima. Otvorite svoju stranicu B2B susreta da biste prihvatili ili odbili zahtev."),
        MatchmakingMailKind.Accepted => ($"{d.OtherName} je prihvatio/la vaš zahtev za sastanak",
            $"{other} je prihvatio/la vaš zahtev za sastanak. Označite termine u kojima ste slobodni na stranici B2B susreta; vreme i sto videćete kada organizatori objave raspored."),
        MatchmakingMailKind.Declined => ($"{d.OtherName} je odbio/la vaš zahtev za sastanak",
            $"{other} je odbio/la vaš zahtev za sastanak. Na berzi profila ima i drugih učesnika kojima možete poslati zahtev."),
        MatchmakingMailKind.Cancelled => ($"sastanak sa {d.OtherName} je otkazan",
            $"{other} je otkazao/la sastanak sa vama. Ako je bio zakazan, termin i sto su ponovo slobodni."),
        _ => ($"vaš zahtev za sastanak sa {d.OtherName} je istekao",
            $"Na vaš zahtev za sastanak sa {other} nije odgovoreno na vreme i zahtev je istekao. Možete poslati novi zahtev."),
    };
}

/// <summary>
/// Sends matchmaking mails through the app's mailer (SMTP when configured, else the .eml pickup folder) after the change is stored;
/// a mail failure is logged, never thrown, so it cannot undo or repeat a request's change.
/// </summary>
public sealed class MatchmakingNotifier(
    IDbContextFactory<AppDbContext> dbFactory, RegistrationService registrations, IMailSender mail, IOptions<MailOptions> mailOptions, PublicUrls urls,
    ILogger<MatchmakingNotifier> logger)
{
    public async Task NotifyAsync(MatchmakingMailKind kind, int requestId, int recipientRegistrationId, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var request = await db.MeetingRequests.AsNoTracking().FirstAsync(m => m.Id == requestId, ct);
            var otherId = request.FromRegistrationId == recipientRegistrationId ? request.ToRegistrationId : request.FromRegistrationId;
            var people = await db.Registrations.AsNoTracking().Where(r => r.Id == recipientRegistrationId || r.Id == otherId).ToListAsync(ct);
            var to = people.First(r => r.Id == recipientRegistrationId);
            var other = people.First(r => r.Id == otherId);
            if (to.AnonymisedUtc is not null) return;
            var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == request.EditionId, ct);
            var token = await registrations.ManageTokenAsync(to.Id, ct);
            var link = token is null ? null : $"{urls.ManageLink(token)}/matchmaking";
            var data = new MatchmakingMailData(kind, to.Language, to.Email, to.FullName, $"{edition.DisplayName} – {edition.Title}",
                other.FullName, other.Organisation, request.Message, link);
            await mail.SendAsync(MatchmakingMails.Build(data, mailOptions.Value), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send the {Kind} matchmaking message for request {Id}.", kind, requestId);
        }
    }
}
