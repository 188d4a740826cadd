using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Sends a registration the message of its status (confirmed, waiting list, offer, …) with its manage link. Messages go
/// out after their change committed, so never with a caller's token that a disconnect cancels; a failure is logged, never
/// thrown: the change is already stored.
/// </summary>
public sealed class RegistrationMailer(
    IDbContextFactory<AppDbContext> dbFactory,
    RegistrationService registrations,
    IMailSender mail,
    MailOptions mailOptions,
    PublicUrls urls,
    IDataProtectionProvider dataProtection,
    ILogger<RegistrationMailer> logger)
{
    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector(RegistrationService.ManageTokenPurpose);

    /// <summary>Reads the registration as stored now and sends it the message; nothing for an erased registration.</summary>
    public async Task SendAsync(int registrationId, RegistrationMailKind kind, CancellationToken callerToken)
    {
        _ = callerToken;
        var ct = CancellationToken.None;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var r = await db.Registrations.AsNoTracking().FirstAsync(x => x.Id == registrationId, ct);
            if (r.AnonymisedUtc is not null || r.ManageTokenProtected is null) return;
            var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == r.EditionId, ct);
            var position = r.Status == RegistrationStatus.Waitlisted ? await registrations.WaitlistPositionAsync(r.Id, ct) : null;
            await SendAsync(r, edition, _tokenProtector.Unprotect(r.ManageTokenProtected), kind, position, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send the {Kind} message for registration {Id}.", kind, registrationId);
        }
    }

    /// <summary>Sends the message from a registration in memory (a fresh one needs no second read).</summary>
    public async Task SendAsync(Registration r, Edition edition, string token, RegistrationMailKind kind, int? position, CancellationToken ct)
    {
        try
        {
            var data = new RegistrationMailData(kind, r.Language, r.Email, r.FullName, $"{edition.DisplayName} – {edition.Title}",
                urls.ManageLink(token), r.Status, position, r.OfferExpiresUtc is { } expires ? EditionRules.ToLocal(expires, edition.TimeZoneId) : null);
            await mail.SendAsync(RegistrationMails.Build(data, mailOptions), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send the {Kind} message for registration {Id}.", kind, r.Id);
        }
    }
}
