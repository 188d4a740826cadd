using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DaysOfClusters.IntegrationTests.Foundation;

/// <summary>
/// The components' own styles (.razor.css) reach the browser only through the bundle the page links. Without the link the
/// reconnect dialog showed all six of its messages at once, and the pages' styles would silently not apply.
/// </summary>
public sealed partial class ScopedStylesTests(ScopedStylesTests.App app) : IClassFixture<ScopedStylesTests.App>
{
    /// <summary>Serves the build's static web assets (the bundle lives in obj/, not wwwroot), as `dotnet run` and a publish do.</summary>
    public sealed class App : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseStaticWebAssets();
        }
    }

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]*DaysOfClusters\.Web[^"]*\.styles\.css)"\s*/?>""")]
    private static partial Regex BundleLink();

    [Fact]
    public async Task EveryPage_WhenServed_LinksTheComponentStylesAndTheBundleHoldsThem()
    {
        using var client = app.CreateBrowserlikeClient();
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var link = BundleLink().Match(home);
        Assert.True(link.Success, "the home page links no DaysOfClusters.Web.styles.css");

        var response = await client.GetAsync(new Uri(link.Groups["href"].Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        // Scoped: each rule carries its component's attribute, so a class name cannot leak into another page.
        Assert.Matches(@"#components-reconnect-modal\[b-[a-z0-9]+\]", css);
        Assert.Matches(@"\.arrival-bar\[b-[a-z0-9]+\]", css);
        Assert.Matches(@"\.choice-places\[b-[a-z0-9]+\]", css);
    }
}
