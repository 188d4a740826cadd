using DaysOfClusters.Web.Infrastructure;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace DaysOfClusters.Web.Features.Security;

public static class SecurityFeature
{
    public static IServiceCollection AddAppSecurity(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSettings<RequestLimitOptions>(RequestLimitOptions.Section);
        services.AddPublicRateLimits();
        // Every cookie the server sets: Secure on HTTPS, at least SameSite=Lax, never readable by scripts.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.HttpOnly = HttpOnlyPolicy.Always;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "doc.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Behind a TLS-terminating proxy on the same machine (the default trusted proxy is loopback only), the request
        // scheme and client IP come from X-Forwarded-*: HSTS and Secure cookies then apply, rate limits see the client.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }

    /// <summary>
    /// Headers, cookie policy and the rate limiter; after the error and status pages (so their re-executed pages get the
    /// headers too) and before authentication. UseForwardedHeaders must come first in the pipeline, before UseHsts.
    /// </summary>
    public static WebApplication UseAppSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCookiePolicy();
        app.UseRateLimiter();
        return app;
    }
}
