using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>
/// Security headers on every response, and a cap on request bodies. The CSP allows scripts from this origin plus the
/// one inline script Blazor renders (the import map), which carries this request's nonce; MudBlazor sets inline styles,
/// so styles allow 'unsafe-inline' (styles cannot run code). Blazor's WebSocket is same-origin ('self').
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> limits)
{
    public const string NonceItem = "doc:csp-nonce";

    private readonly long _maxBodyBytes = limits.Value.MaxRequestBodyBytes;

    public static string NonceOf(HttpContext context) => context.Items[NonceItem] as string ?? "";

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "media-src 'self' blob:; " +
        "worker-src 'self' blob:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Hex, not base64: "+" and "/" would be HTML-encoded in the nonce attribute (the browser decodes them, but nothing
        // is gained by making the markup and the header differ).
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        context.Items[NonceItem] = Convert.ToHexStringLower(random);
        var headers = context.Response.Headers;
        // The policy is written once, when the response starts: Blazor's interactive endpoints add their own
        // "frame-ancestors 'self'" policy, which ours (stricter) replaces, and a re-executed status page has rendered with
        // its own, newer nonce. (It was also written here first: a second policy string per request, always replaced.)
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentSecurityPolicy = Policy(NonceOf(context));
            // Framework error texts (e.g. an unknown OpenAPI document name) echo input without a content type: make them plain text.
            if (context.Response.StatusCode >= 400 && string.IsNullOrEmpty(context.Response.ContentType))
                context.Response.ContentType = "text/plain; charset=utf-8";
            return Task.CompletedTask;
        });
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Manage and invitation links carry their token in the path: never hand it to another site.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        // Nothing the app accepts over HTTP is large (imports go over the Blazor circuit): refuse big bodies early.
        if (context.Request.ContentLength > _maxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            DisableStatusPages(context);
            return Task.CompletedTask;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = _maxBodyBytes;
        return next(context);
    }

    /// <summary>A bare status for API-style refusals, not a re-executed HTML page.</summary>
    public static void DisableStatusPages(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }
}
