using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>
/// Limits for every public endpoint, chosen by route so that an endpoint added later is covered without code: per client
/// IP for the public APIs, pages and token links (manage links, personal calendars: guessing), per device token for the
/// check-in API (only a token this process already knows as valid; any other caller of the check-in API is limited per
/// client IP, and its unknown tokens are limited further by <see cref="CheckIn.DeviceTokenService"/>). "Per client IP"
/// means per IPv4 address, and per /64 network for IPv6 (<see cref="ClientPartition"/>). Organiser routes sit behind a
/// login and are not limited; nor are static files and the health probe.
/// Settings: RateLimits:{PublicApi,TokenLinks,Pages,CheckInDevice} = permits per minute (<see cref="RateLimitOptions"/>).
/// </summary>
public static class PublicRateLimits
{
    public enum Kind { None, PublicApi, TokenLinks, Pages, CheckInDevice }

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, rateLimits) =>
        {
            var permits = new Dictionary<Kind, int>
            {
                [Kind.PublicApi] = rateLimits.Value.PublicApi,
                [Kind.TokenLinks] = rateLimits.Value.TokenLinks,
                [Kind.Pages] = rateLimits.Value.Pages,
                [Kind.CheckInDevice] = rateLimits.Value.CheckInDevice,
            };
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

    private static string ClientIp(HttpContext http) => ClientPartition(http.Connection.RemoteIpAddress);

    /// <summary>
    /// The per-IP partition key of a client address: an IPv4 address (also written IPv4-mapped) on its own, an IPv6 address
    /// by its /64 network, since one subscriber gets a whole /64 and could otherwise take a fresh address for every request.
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>
    /// A bearer token this process already validated identifies its device (only half its hash is kept as the key); any other
    /// bearer is the caller's choice, so a new made-up one per request must not buy a new partition: those share the client IP's.
    /// The hash is the request's one (<see cref="CheckIn.DeviceTokenService.HashOfPresented"/>), which authentication reuses.
    /// </summary>
    internal static string DeviceKey(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        var hash = token.Length > 0 ? CheckIn.DeviceTokenService.HashOfPresented(http, token) : null;
        return hash is not null && http.RequestServices.GetService<CheckIn.DeviceTokenService>()?.IsKnownValidHash(hash) == true
            ? hash[..32]
            : "ip:" + ClientIp(http);
    }
}
