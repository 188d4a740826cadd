using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Per-IP limit on public registration submits. The interactive form posts over the Blazor circuit, not as HTTP requests,
/// so ASP.NET's rate-limiting middleware never sees a submit; the service asks this limiter instead, keyed on the remote
/// IP the page captured when the circuit was opened. Configure with Registration:RateLimit:PermitsPerMinute (default 10).
/// </summary>
public sealed class RegistrationRateLimiter(IOptions<RegistrationOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RateLimitPermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string clientIp)
    {
        using var lease = _limiter.AttemptAcquire(clientIp);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
