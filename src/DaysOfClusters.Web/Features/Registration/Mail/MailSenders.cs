using MailKit.Net.Smtp;
using MailKit.Security;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DaysOfClusters.Web.Features.Registration.Mail;

/// <summary>Sends one message. Registration calls it after its transaction commits, so a mail failure never loses a registration.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct = default);
}

/// <summary>The embedded default: each message becomes an .eml file in &lt;Data:Folder&gt;/mail-pickup (no server needed).</summary>
public sealed class PickupFolderMailSender(string folder) : IMailSender
{
    public string Folder { get; } = folder;

    public Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Folder, name + ".tmp");
        // A message is a few kilobytes: formatted in memory and written with one synchronous write, which costs far less
        // than an async file stream's thread-pool round trips per buffer flush.
        using (var buffer = new MemoryStream(4096))
        {
            message.WriteTo(buffer, ct);
            using var file = Create(temp);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        // Renamed when complete, so a reader of the folder never sees half a message.
        File.Move(temp, Path.Combine(Folder, name));
        return Task.CompletedTask;
    }

    private FileStream Create(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (DirectoryNotFoundException)
        {
            // First message, or the folder was removed since: create it once instead of on every message.
            Directory.CreateDirectory(Folder);
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
    }
}

public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? User, string? Password);

/// <summary>MailKit over SMTP, used when Mail:Smtp:Host is configured. One connection per message: volumes are small.</summary>
public sealed class SmtpMailSender(SmtpSettings settings) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
        if (!string.IsNullOrEmpty(settings.User))
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

public static class MailSetup
{
    /// <summary>SMTP when Mail:Smtp:Host is set (Port, Security = None|Auto|SslOnConnect|StartTls|StartTlsWhenAvailable, User, Password); else the pickup folder.</summary>
    public static IMailSender Create(MailOptions mail, string dataFolder)
    {
        if (string.IsNullOrWhiteSpace(mail.SmtpHost))
            return new PickupFolderMailSender(Path.Combine(dataFolder, "mail-pickup"));
        return new SmtpMailSender(new SmtpSettings(mail.SmtpHost, mail.SmtpPort, mail.SmtpSecurity, mail.SmtpUser, mail.SmtpPassword));
    }
}

/// <summary>
/// The absolute base URL for links in e-mails: App:PublicBaseUrl. Never a request's Host header, which any client
/// chooses. Outside Development the app refuses to start without it (<see cref="StartupError"/>); in Development the
/// links use the address the server listens on (the server's addresses, else the `urls` setting).
/// Read at every use, as a changed appsettings.json is.
/// </summary>
public sealed partial class PublicUrls(IOptionsMonitor<AppOptions> app, IServer? server = null)
{
    public const string Setting = "App:PublicBaseUrl";

    public string BaseUrl => (Trimmed(app.CurrentValue.PublicBaseUrl) ?? ListeningAddress()).TrimEnd('/');

    /// <summary>Why the app cannot start with this configuration, in one line; null when it can.</summary>
    public static string? StartupError(IConfiguration configuration, bool isDevelopment)
    {
        var configured = Configured(configuration);
        if (configured is null)
            return isDevelopment ? null
                : $"{Setting} is not set: set it to the site's public address, e.g. App__PublicBaseUrl=https://events.example.org (environment) or --{Setting} https://events.example.org; links in e-mails are built from it.";
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0
            ? null
            : $"{Setting} must be an absolute http(s) address such as https://events.example.org, not \"{configured}\".";
    }

    /// <summary>The host name of App:PublicBaseUrl (for AllowedHosts), or null when it is not set.</summary>
    public static string? PublicHost(IConfiguration configuration) =>
        Uri.TryCreate(Configured(configuration), UriKind.Absolute, out var uri) ? uri.Host : null;

    private static string? Configured(IConfiguration configuration) => Trimmed(configuration[Setting]);

    private static string? Trimmed(string? configured) => configured is { Length: > 0 } ? configured.Trim() : null;

    private string ListeningAddress()
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault()
            ?? app.CurrentValue.ServerUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://localhost:5175";
        // "Listen on every interface" is no address a browser can open.
        return WildcardHost().Replace(address, "://localhost");
    }

    [GeneratedRegex(@"://(\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex WildcardHost();

    public string ManageLink(string token) => $"{BaseUrl}/manage/{token}";
    public string InvitationLink(string slug, string token) => $"{BaseUrl}/e/{slug}/register?invitation={token}";
}
