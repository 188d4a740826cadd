using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>
/// Section <c>RateLimits</c>: permits per client (IPv4 address, IPv6 /64) or per device token. A limiter needs at least
/// one permit. Read by the public limits here, the log-in throttle, the check-in device tokens and the manage-link resend.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per client and minute to the public APIs.</summary>
    [Range(1, int.MaxValue)] public int PublicApi { get; set; } = 300;

    /// <summary>Requests per client and minute to manage links and personal calendar feeds.</summary>
    [Range(1, int.MaxValue)] public int TokenLinks { get; set; } = 60;

    /// <summary>Requests per client and minute to pages.</summary>
    [Range(1, int.MaxValue)] public int Pages { get; set; } = 600;

    /// <summary>Check-in API requests per minute per known device token.</summary>
    [Range(1, int.MaxValue)] public int CheckInDevice { get; set; } = 6000;

    /// <summary>Unknown or revoked device tokens per client and minute, beyond which 429 without a database look-up.</summary>
    [Range(1, int.MaxValue)] public int CheckInFailures { get; set; } = 30;

    /// <summary>Log-in attempts per minute from one client address.</summary>
    [Range(1, int.MaxValue)] public int LoginPerIp { get; set; } = 10;

    /// <summary>Log-in attempts per minute on one e-mail address.</summary>
    [Range(1, int.MaxValue)] public int LoginPerAccount { get; set; } = 5;

    /// <summary>"Send my manage link again" requests per client and 10 minutes.</summary>
    [Range(1, int.MaxValue)] public int ManageLinkResend { get; set; } = 5;
}
