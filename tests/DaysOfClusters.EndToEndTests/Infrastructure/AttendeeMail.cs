using System.Text.RegularExpressions;
using MimeKit;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>What reaches an attendee's inbox when the app has no SMTP server: the .eml files of its pickup folder.</summary>
public static partial class AttendeeMail
{
    public static string PickupFolder(string dataFolder) => Path.Combine(dataFolder, "mail-pickup");

    /// <summary>The manage link from the confirmation written for <paramref name="email"/>, waiting for it up to a minute.</summary>
    public static async Task<string> ManageLinkAsync(string dataFolder, string email)
    {
        var folder = PickupFolder(dataFolder);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase))
                        && ManageLink().Match(message.TextBody ?? "") is { Success: true } link) return link.Value;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No confirmation with a manage link to {email} in {folder}.");
    }

    [GeneratedRegex(@"https?://\S+/manage/[A-Za-z0-9_\-]+")]
    private static partial Regex ManageLink();
}
