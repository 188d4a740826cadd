using DaysOfClusters.Web.Features.Security;
using System.Net;
using System.Threading.RateLimiting;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Limits of the public "send my manage link again" form and API: per client IP (RateLimits:ManageLinkResend, default 5
/// per 10 minutes; beyond it 429) and per address (3 per hour, silently: the answer must not tell whether the address is
/// registered, and nobody may use the form to flood one mailbox).
/// </summary>
public sealed class ManageLinkResendLimiter(IOptions<RateLimitOptions> rateLimits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rateLimits.Value.ManageLinkResend, Window = TimeSpan.FromMinutes(10), QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 3, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    /// <summary>Per client as the other public limits count them (IPv4 address, IPv6 /64).</summary>
    public bool TryAcquireClient(IPAddress? client)
    {
        using var lease = _perIp.AttemptAcquire(PublicRateLimits.ClientPartition(client));
        return lease.IsAcquired;
    }

    public bool TryAcquireAddress(string normalizedEmail)
    {
        using var lease = _perAddress.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perAddress.Dispose();
    }
}

/// <summary>The JSON body of <c>POST /api/manage/resend</c>.</summary>
public sealed record ManageLinkResendRequest(string? Email);

/// <summary>The one answer, whether or not the address is registered.</summary>
public sealed record ManageLinkResendResponse(string Message)
{
    public static readonly ManageLinkResendResponse Accepted = new("If this address is registered, its manage links are on their way.");
}

/// <summary>
/// "Send my manage link again": from the registration form (one edition) and from the public resend form and API (every
/// live registration of the address). The answer never tells whether the address is registered.
/// </summary>
public sealed class ManageLinkResender(
    IDbContextFactory<AppDbContext> dbFactory,
    RegistrationAuditTrail auditTrail,
    RegistrationMailer mailer,
    ILogger<ManageLinkResender> logger)
{
    /// <summary>From the registration form, for one edition: always the same answer, so the form does not tell strangers who registered.</summary>
    public async Task ResendManageLinkAsync(int editionId, string email, CancellationToken ct = default)
    {
        var normalized = RegistrationRules.NormalizeEmail(email ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Registrations.Where(r => r.EditionId == editionId && r.EmailNormalized == normalized && r.AnonymisedUtc == null)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null) return;
        auditTrail.Add(db, id.Value, "attendee", "ManageLinkResent", null);
        await db.SaveChangesAsync(ct);
        await mailer.SendAsync(id.Value, RegistrationMailKind.ManageLink, ct);
    }

    /// <summary>
    /// Starts sending the manage link of every live registration of this address to that address, and returns at once:
    /// the caller answers the same, just as fast, whether the address is registered or not. False when the address is
    /// not an address at all.
    /// </summary>
    public bool QueueManageLinkResend(string? email, ManageLinkResendLimiter limiter)
    {
        var normalized = RegistrationRules.NormalizeEmail(email ?? "");
        if (normalized.Length is 0 or > 254 || !RegistrationRules.IsEmail(normalized)) return false;
        if (!limiter.TryAcquireAddress(normalized)) return true;
        _ = Task.Run(async () =>
        {
            try
            {
                await ResendManageLinksAsync(normalized, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not resend manage links.");
            }
        });
        return true;
    }

    /// <summary>Sends each live registration of the address its manage link; returns how many went out.</summary>
    public async Task<int> ResendManageLinksAsync(string normalizedEmail, CancellationToken ct = default)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Registrations.Where(r => r.EmailNormalized == normalizedEmail && r.AnonymisedUtc == null && r.ManageTokenProtected != null)
                .Select(r => r.Id).ToListAsync(ct);
            if (ids.Count == 0) return 0;
            foreach (var id in ids) auditTrail.Add(db, id, "attendee", "ManageLinkResent", null);
            await db.SaveChangesAsync(ct);
        }
        foreach (var id in ids) await mailer.SendAsync(id, RegistrationMailKind.ManageLink, ct);
        return ids.Count;
    }
}
