using System.Threading.RateLimiting;
using DaysOfClusters.Web.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Accounts;

/// <summary>
/// Log-in attempts per client address (RateLimits:LoginPerIp, default 10 a minute; IPv6 grouped by /64) and per account
/// e-mail (RateLimits:LoginPerAccount, default 5 a minute), counted before any password is checked. Together with the
/// lock-out (5 failures, 15 minutes, not extended by attempts while locked) one client can no longer lock the staff
/// accounts one after another at full speed, nor guess.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public LoginThrottle(IOptions<RateLimitOptions> rateLimits)
    {
        _perAddress = Limiter(rateLimits.Value.LoginPerIp);
        _perAccount = Limiter(rateLimits.Value.LoginPerAccount);
    }

    private static PartitionedRateLimiter<string> Limiter(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    /// <summary>False when this attempt is over either limit; the caller answers 429 without checking the password.</summary>
    public bool TryAcquire(HttpContext http, string email)
    {
        using var address = _perAddress.AttemptAcquire(PublicRateLimits.ClientPartition(http.Connection.RemoteIpAddress));
        if (!address.IsAcquired) return false;
        using var account = _perAccount.AttemptAcquire(email.Trim().ToUpperInvariant());
        return account.IsAcquired;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }
}

/// <summary>
/// An unknown or disabled account costs one password-hash check too, against a hash of a random password, so the answer
/// time does not tell which e-mail addresses have accounts.
/// </summary>
public static class DummyPasswordCheck
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static string? _hash;

    public static void Run(IPasswordHasher<AppUser> hasher, string password)
    {
        var hash = _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
