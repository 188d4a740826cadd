using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.RateLimiting;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>
/// Limits for every public endpoint, chosen by route so that an endpoint added later is covered without code: per client
/// IP for the public APIs, pages and token links (manage links, personal calendars: guessing), per device token for the
/// check-in API. Organiser routes sit behind a login and are not limited; nor are static files and the health probe.
/// Settings: RateLimits:{PublicApi,TokenLinks,Pages,CheckInDevice} = permits per minute.
/// </summary>
public static class PublicRateLimits
{
    public enum Kind { None, PublicApi, TokenLinks, Pages, CheckInDevice }

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = new Dictionary<Kind, int>
        {
            [Kind.PublicApi] = configuration.GetValue("RateLimits:PublicApi", 300),
            [Kind.TokenLinks] = configuration.GetValue("RateLimits:TokenLinks", 60),
            [Kind.Pages] = configuration.GetValue("RateLimits:Pages", 600),
            [Kind.CheckInDevice] = configuration.GetValue("RateLimits:CheckInDevice", 6000),
        };
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                SecurityHeadersMiddleware.DisableStatusPages(context.HttpContext);
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var kind = Classify(http);
                if (kind == Kind.None) return RateLimitPartition.GetNoLimiter("none");
                var key = kind + ":" + (kind == Kind.CheckInDevice ? DeviceKey(http) : ClientIp(http));
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits[kind], Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>Decided from the matched endpoint's route pattern (routing has run before this middleware).</summary>
    public static Kind Classify(HttpContext http)
    {
        // A re-executed error or status page was already counted as the request that failed.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null) return Kind.None;
        var endpoint = http.GetEndpoint();
        var pattern = "/" + ((endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "").Trim('/');
        if (endpoint is null) return http.Request.Path.StartsWithSegments("/api") ? Kind.PublicApi : Kind.Pages;
        if (Starts(pattern, "/organiser") || Starts(pattern, "/api/organiser") || Starts(pattern, "/health")
            || Starts(pattern, "/_framework") || Starts(pattern, "/_blazor") || Starts(pattern, "/_content")) return Kind.None;
        if (Starts(pattern, "/api/checkin")) return Kind.CheckInDevice;
        if (Starts(pattern, "/manage") || Starts(pattern, "/api/agenda/{token")) return Kind.TokenLinks;
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null) return Kind.Pages;
        if (Starts(pattern, "/api") || pattern.Contains('{', StringComparison.Ordinal)) return Kind.PublicApi;
        // A literal route to a file name is a static asset (MapStaticAssets); other literal routes are small endpoints.
        return Path.HasExtension(pattern) ? Kind.None : Kind.PublicApi;
    }

    private static bool Starts(string pattern, string prefix) => pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The bearer token identifies the device; only its hash is kept as the partition key.</summary>
    private static string DeviceKey(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.Length == 0
            ? "ip:" + ClientIp(http)
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)), 0, 16).ToLower(CultureInfo.InvariantCulture);
    }
}
