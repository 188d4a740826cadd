using System.Text.RegularExpressions;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// Attack surface by documentation: the README's nginx example is what installations copy. The check-in hub is a
/// WebSocket with per-process connection state, so it must reach the sticky pool with the upgrade headers.
/// </summary>
public sealed partial class ReverseProxyExampleTests
{
    [Theory]
    [InlineData("/api/organiser/hubs/checkin")]
    [InlineData("/api/organiser/hubs/checkin/negotiate")]
    [InlineData("/_blazor")]
    [InlineData("/organiser/editions")]
    public void ReadmeNginxExample_When_RoutingAWebSocketPath_SendsItToTheStickyPoolWithUpgradeHeaders(string path)
    {
        var location = MatchingLocation(NginxExample(), path);
        Assert.Contains("proxy_pass http://doc_sticky;", location, StringComparison.Ordinal);
        Assert.Matches(@"proxy_set_header\s+Upgrade\s+\$http_upgrade;", location);
        Assert.Matches(@"proxy_set_header\s+Connection\s+\$connection_upgrade;", location);
    }

    [Theory]
    [InlineData("/api/checkin")]
    [InlineData("/api/editions/x/registrations")]
    public void ReadmeNginxExample_When_RoutingAStatelessApi_SendsItToAnyInstance(string path) =>
        Assert.Contains("proxy_pass http://doc_any;", MatchingLocation(NginxExample(), path), StringComparison.Ordinal);

    private static string NginxExample()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DaysOfClusters.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var block = NginxBlock().Match(readme);
        Assert.True(block.Success, "The README has no nginx example.");
        return block.Groups[1].Value;
    }

    /// <summary>nginx's rule for prefix locations: the longest matching prefix wins.</summary>
    private static string MatchingLocation(string config, string path)
    {
        var best = LocationBlock().Matches(config).Where(m => path.StartsWith(m.Groups[1].Value, StringComparison.Ordinal))
            .MaxBy(m => m.Groups[1].Value.Length);
        Assert.NotNull(best);
        return best.Groups[2].Value;
    }

    [GeneratedRegex(@"```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();

    [GeneratedRegex(@"location\s+(/\S*)\s*\{([^}]*)\}", RegexOptions.Singleline)]
    private static partial Regex LocationBlock();
}
