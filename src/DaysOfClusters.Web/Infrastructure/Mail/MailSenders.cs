using MailKit.Net.Smtp;
using MailKit.Security;
using DaysOfClusters.Web.Data;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DaysOfClusters.Web.Infrastructure.Mail;

/// <summary>Sends one message. Registration calls it after its transaction commits, so a mail failure never loses a registration.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct = default);
}

/// <summary>The embedded default: each message becomes an .eml file in &lt;Data:Folder&gt;/mail-pickup (no server needed).</summary>
public sealed class PickupFolderMailSender(string folder, TimeProvider? clock = null) : IMailSender
{
    public string Folder { get; } = folder;

    public Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        // Named by the time it was sent (the app's clock, so a test that moves time sees it), then a GUID for uniqueness.
        var name = $"{(clock ?? TimeProvider.System).GetUtcNow().UtcDateTime:yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
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
    /// <summary>What every feature that sends mail shares: the sender, the From address and the public base of links.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddSettings<MailOptions>(MailOptions.Section);
        services.AddSettings<AppOptions>(AppOptions.Section)
            // Development's links fall back to the host's own `urls` setting, which lives outside the App section.
            .Configure<IConfiguration>((app, configuration) => app.ServerUrls = configuration[WebHostDefaults.ServerUrlsKey]);
        services.AddSingleton<PublicUrls>();
        services.AddSingleton(sp => Create(sp.GetRequiredService<IOptions<MailOptions>>().Value, DatabaseSetup.DataFolder(sp), sp.GetRequiredService<TimeProvider>()));
        // Mail texts take the sender's address itself rather than IOptions<MailOptions>.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        return services;
    }

    /// <summary>SMTP when Mail:Smtp:Host is set (Port, Security = None|Auto|SslOnConnect|StartTls|StartTlsWhenAvailable, User, Password); else the pickup folder.</summary>
    public static IMailSender Create(MailOptions mail, string dataFolder, TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(mail.SmtpHost))
            return new PickupFolderMailSender(Path.Combine(dataFolder, "mail-pickup"), clock);
        return new SmtpMailSender(new SmtpSettings(mail.SmtpHost, mail.SmtpPort, mail.SmtpSecurity, mail.SmtpUser, mail.SmtpPassword));
    }
}
