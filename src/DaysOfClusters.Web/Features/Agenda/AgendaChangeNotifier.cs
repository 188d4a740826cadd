using System.Text;
using DaysOfClusters.Web.Features.Registration.Mail;
using MimeKit;

namespace DaysOfClusters.Web.Features.Agenda;

public sealed record AgendaChangeNotice(string EditionTitle, string EditionSlug, string Email, string FullName, string Language, int Version, IReadOnlyList<AgendaChange> Changes);

/// <summary>Tells one attendee that sessions they follow moved or were cancelled. The integrator wires this to the real mailer.</summary>
public interface IAgendaChangeNotifier
{
    Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct);
}

/// <summary>Sends the notice through the app's mailer (SMTP when configured, else the .eml pickup folder).</summary>
public sealed class MailAgendaChangeNotifier(IMailSender mail, MailOptions options) : IAgendaChangeNotifier
{
    public async Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct)
    {
        var body = new StringBuilder();
        body.AppendLine($"Dear {notice.FullName},").AppendLine()
            .AppendLine($"The agenda of {notice.EditionTitle} has changed (version {notice.Version}). Sessions you follow:").AppendLine();
        foreach (var change in notice.Changes)
            body.AppendLine($"- {change.Title}: {(change.Kind == AgendaChangeKind.Cancelled ? "CANCELLED" : "moved")} ({change.Detail})");
        body.AppendLine().AppendLine($"The current agenda: /e/{notice.EditionSlug}/agenda");
        var message = new MimeMessage { Subject = $"Agenda change: {notice.EditionTitle}" };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(notice.FullName, notice.Email));
        // 8bit keeps the text readable in the pickup files and is what every modern SMTP server accepts.
        message.Body = new TextPart("plain") { Text = body.ToString(), ContentTransferEncoding = ContentEncoding.EightBit };
        await mail.SendAsync(message, ct);
    }
}
