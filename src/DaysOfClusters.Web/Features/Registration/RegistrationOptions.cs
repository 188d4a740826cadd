using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>Section <c>Registration</c>.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Registration";

    /// <summary>Public registrations per client IP and minute (<see cref="RegistrationRateLimiter"/>).</summary>
    [ConfigurationKeyName("RateLimit:PermitsPerMinute")]
    [Range(1, int.MaxValue)] public int RateLimitPermitsPerMinute { get; set; } = 10;

    /// <summary>True: no background worker (expired seat offers, freed seats, retention); tests that run it themselves set this.</summary>
    [ConfigurationKeyName("Worker:Disabled")] public bool WorkerDisabled { get; set; }
}
