using System.Text;
using DaysOfClusters.Web.Data;

namespace DaysOfClusters.Web.Features.Agenda;

public sealed record AgendaChangeNotice(string EditionTitle, string EditionSlug, string Email, string FullName, string Language, int Version, IReadOnlyList<AgendaChange> Changes);

/// <summary>Tells one attendee that sessions they follow moved or were cancelled. The integrator wires this to the real mailer.</summary>
public interface IAgendaChangeNotifier
{
    Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct);
}

/// <summary>Default notifier: writes an .eml-like text file per message into &lt;Data:Folder&gt;/mail-pickup/.</summary>
public sealed class PickupFolderAgendaChangeNotifier(IConfiguration configuration, IHostEnvironment environment) : IAgendaChangeNotifier
{
    public string Folder => Path.Combine(DatabaseSetup.DataFolder(configuration, environment), "mail-pickup");

    public async Task NotifyAsync(AgendaChangeNotice notice, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var body = new StringBuilder();
        body.AppendLine($"Dear {notice.FullName},").AppendLine()
            .AppendLine($"The agenda of {notice.EditionTitle} has changed (version {notice.Version}). Sessions you follow:").AppendLine();
        foreach (var change in notice.Changes)
            body.AppendLine($"- {change.Title}: {(change.Kind == AgendaChangeKind.Cancelled ? "CANCELLED" : "moved")} ({change.Detail})");
        body.AppendLine().AppendLine($"The current agenda: /e/{notice.EditionSlug}/agenda");
        var message = new StringBuilder()
            .AppendLine("From: Days of Clusters <no-reply@daysofclusters.invalid>")
            .AppendLine($"To: {notice.FullName} <{notice.Email}>")
            .AppendLine($"Subject: Agenda change: {notice.EditionTitle}")
            .AppendLine($"Date: {DateTime.UtcNow:R}")
            .AppendLine("Content-Type: text/plain; charset=utf-8")
            .AppendLine()
            .Append(body);
        var name = $"agenda-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        await File.WriteAllTextAsync(Path.Combine(Folder, name), message.ToString(), Encoding.UTF8, ct);
    }
}
