using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace DaysOfClusters.Web.Infrastructure.Mail;

/// <summary>
/// Section <c>Mail</c>: the sender of every message, and SMTP (MailKit) when <c>Mail:Smtp:Host</c> is set; without it
/// every message is written as an .eml file to &lt;Data:Folder&gt;/mail-pickup.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailOptions() { }

    /// <summary>Only a sender, for building messages outside the app's settings (tests, seeding tools).</summary>
    public MailOptions(string fromAddress, string fromName)
    {
        FromAddress = fromAddress;
        FromName = fromName;
    }

    [ConfigurationKeyName("From:Address")] public string FromAddress { get; set; } = "registration@daysofclusters.example";

    [ConfigurationKeyName("From:Name")] public string FromName { get; set; } = "Days of Clusters";

    [ConfigurationKeyName("Smtp:Host")] public string? SmtpHost { get; set; }

    [ConfigurationKeyName("Smtp:Port")]
    [Range(0, 65535)] public int SmtpPort { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (any case).</summary>
    [ConfigurationKeyName("Smtp:Security")] public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.Auto;

    [ConfigurationKeyName("Smtp:User")] public string? SmtpUser { get; set; }

    [ConfigurationKeyName("Smtp:Password")] public string? SmtpPassword { get; set; }
}
