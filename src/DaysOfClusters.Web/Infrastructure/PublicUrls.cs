using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Infrastructure;

/// <summary>
/// The absolute base URL for links in e-mails: App:PublicBaseUrl. Never a request's Host header, which any client
/// chooses. Outside Development the app refuses to start without it (<see cref="StartupError"/>); in Development the
/// links use the address the server listens on (the server's addresses, else the `urls` setting).
/// Read at every use, as a changed appsettings.json is.
/// </summary>
public sealed partial class PublicUrls(IOptionsMonitor<AppOptions> app, IServer? server = null)
{
    public const string Setting = "App:PublicBaseUrl";

    public string BaseUrl => (Trimmed(app.CurrentValue.PublicBaseUrl) ?? ListeningAddress()).TrimEnd('/');

    /// <summary>Why the app cannot start with this configuration, in one line; null when it can.</summary>
    public static string? StartupError(IConfiguration configuration, bool isDevelopment)
    {
        var configured = Configured(configuration);
        if (configured is null)
            return isDevelopment ? null
                : $"{Setting} is not set: set it to the site's public address, e.g. App__PublicBaseUrl=https://events.example.org (environment) or --{Setting} https://events.example.org; links in e-mails are built from it.";
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0
            ? null
            : $"{Setting} must be an absolute http(s) address such as https://events.example.org, not \"{configured}\".";
    }

    /// <summary>The host name of App:PublicBaseUrl (for AllowedHosts), or null when it is not set.</summary>
    public static string? PublicHost(IConfiguration configuration) =>
        Uri.TryCreate(Configured(configuration), UriKind.Absolute, out var uri) ? uri.Host : null;

    private static string? Configured(IConfiguration configuration) => Trimmed(configuration[Setting]);

    private static string? Trimmed(string? configured) => configured is { Length: > 0 } ? configured.Trim() : null;

    private string ListeningAddress()
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault()
            ?? app.CurrentValue.ServerUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://localhost:5175";
        // "Listen on every interface" is no address a browser can open.
        return WildcardHost().Replace(address, "://localhost");
    }

    [GeneratedRegex(@"://(\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex WildcardHost();

    public string ManageLink(string token) => $"{BaseUrl}/manage/{token}";
    public string InvitationLink(string slug, string token) => $"{BaseUrl}/e/{slug}/register?invitation={token}";
}
