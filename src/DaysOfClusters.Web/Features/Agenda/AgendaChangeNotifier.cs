using System.Text;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using MimeKit;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary><paramref name="ManageToken"/> is null when the person's token can no longer be read (then the mail links the public agenda only).</summary>
public sealed record AgendaChangeNotice(string EditionTitle, string EditionSlug, string Email, string FullName, string Language, int Version,
    IReadOnlyList<AgendaChange> Changes, string? ManageToken = null);

/// <summary>Tells one attendee that sessions they follow moved or were cancelled. The integrator wires this to the real mailer.</summary>
public interface IAgendaChangeNotifier
{
    Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct);
}

/// <summary>Sends the notice through the app's mailer (SMTP when configured, else the .eml pickup folder), in the attendee's language,
/// with absolute links (a relative link in an e-mail leads nowhere).</summary>
public sealed class MailAgendaChangeNotifier(IMailSender mail, IOptions<MailOptions> mailOptions, PublicUrls urls) : IAgendaChangeNotifier
{
    public async Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct)
    {
        var serbian = notice.Language == "sr-Latn";
        var body = new StringBuilder();
        body.AppendLine(serbian ? $"Poštovani/a {notice.FullName}," : $"Dear {notice.FullName},").AppendLine()
            .AppendLine(serbian
                ? $"Program skupa {notice.EditionTitle} je izmenjen (verzija {notice.Version}). Sesije koje pratite:"
                : $"The agenda of {notice.EditionTitle} has changed (version {notice.Version}). Sessions you follow:").AppendLine();
        foreach (var change in notice.Changes)
        {
            var what = change.Kind == AgendaChangeKind.Cancelled ? (serbian ? "OTKAZANO" : "CANCELLED") : (serbian ? "pomereno" : "moved");
            body.AppendLine($"- {change.Title}: {what} ({change.Detail})");
        }
        body.AppendLine().AppendLine(serbian ? "Aktuelni program:" : "The current agenda:").AppendLine($"{urls.BaseUrl}/e/{notice.EditionSlug}/agenda");
        if (notice.ManageToken is { } token)
            body.AppendLine().AppendLine(serbian ? "Vaš lični program:" : "Your personal agenda:").AppendLine($"{urls.ManageLink(token)}/agenda");
        var message = new MimeMessage { Subject = serbian ? $"Izmena programa: {notice.EditionTitle}" : $"Agenda change: {notice.EditionTitle}" };
        message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(notice.FullName, notice.Email));
        // 8bit keeps the text readable in the pickup files and is what every modern SMTP server accepts.
        message.Body = new TextPart("plain") { Text = body.ToString(), ContentTransferEncoding = ContentEncoding.EightBit };
        await mail.SendAsync(message, ct);
    }
}
