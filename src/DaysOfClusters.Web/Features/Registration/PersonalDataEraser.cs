using System.Net;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// What erasure removes beside the registration's own fields: the texts other features keep about the person
/// (matchmaking profile, meeting messages and feedback comments on their meetings, invitations addressed to them, typed
/// answers) and the messages to or about them in the mail pickup folder. Hashes and ids stay, so statistics stay true.
/// </summary>
public static class PersonalDataEraser
{
    /// <summary>Blanks the other features' texts of the given registrations, inside the caller's transaction or context.</summary>
    public static async Task EraseRelatedAsync(AppDbContext db, IReadOnlyCollection<int> registrationIds, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var ids = registrationIds.ToList();
        await RegistrationAnswers.ErasePersonalAsync(db, db.Registrations.Where(r => ids.Contains(r.Id)).Select(r => r.Id), ct);
        await db.MatchmakingProfiles.Where(p => ids.Contains(p.RegistrationId)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Offer, (string?)null).SetProperty(p => p.Seek, (string?)null).SetProperty(p => p.ShortText, (string?)null)
            .SetProperty(p => p.Languages, (string?)null).SetProperty(p => p.OptedIn, false), ct);
        // Both directions: a message to the person may greet them by name.
        var requests = db.MeetingRequests.Where(m => ids.Contains(m.FromRegistrationId) || ids.Contains(m.ToRegistrationId));
        await db.MeetingFeedback.Where(f => ids.Contains(f.RegistrationId) || requests.Any(m => m.Id == f.RequestId))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, (string?)null), ct);
        await requests.ExecuteUpdateAsync(s => s.SetProperty(m => m.Message, (string?)null), ct);
        var addresses = emails.Where(e => e.Length > 0).ToList();
        await db.Invitations.Where(i => (i.RegistrationId != null && ids.Contains(i.RegistrationId.Value)) || (i.Email != null && addresses.Contains(i.Email)))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Email, (string?)null).SetProperty(i => i.Note, (string?)null), ct);
    }

    /// <summary>
    /// Deletes the pickup folder's messages addressed to one of the e-mails or naming one of the people (decoded headers
    /// and bodies, so encoded words and quoted-printable do not hide them). Messages sent over SMTP are out of reach.
    /// </summary>
    public static int EraseMail(IMailSender mail, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> fullNames)
    {
        if (mail is not PickupFolderMailSender pickup || !Directory.Exists(pickup.Folder)) return 0;
        var needles = emails.Concat(fullNames).Where(n => n.Trim().Length >= 3).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (needles.Count == 0) return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(pickup.Folder))
        {
            if (Mentions(path, needles))
            {
                File.Delete(path);
                deleted++;
            }
        }
        return deleted;
    }

    private static bool Mentions(string path, List<string> needles)
    {
        string text;
        try
        {
            var raw = File.ReadAllText(path);
            if (needles.Any(n => raw.Contains(n, StringComparison.OrdinalIgnoreCase))) return true;
            using var message = MimeMessage.Load(path);
            text = string.Join('\n', message.Headers.Select(h => h.Value)) + "\n" + message.Subject + "\n"
                + string.Join('\n', message.GetRecipients().Select(a => a.Address + " " + a.Name)) + "\n"
                + message.TextBody + "\n" + WebUtility.HtmlDecode(message.HtmlBody ?? "");
        }
        catch (Exception e) when (e is IOException or FormatException or ParseException)
        {
            return false; // a half-written or foreign file: not a message of ours
        }
        return needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
    }
}
