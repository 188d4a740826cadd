namespace DaysOfClusters.Web.Infrastructure;

/// <summary>Section <c>App</c>: where the site is reachable, for the links in e-mails (see <see cref="PublicUrls"/>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The site's public address, e.g. https://events.example.org; checked before the app is built (<see cref="PublicUrls.StartupError"/>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The host's own <c>urls</c> setting (outside this section): the links' base in Development when no public address is set.</summary>
    public string? ServerUrls { get; internal set; }
}
