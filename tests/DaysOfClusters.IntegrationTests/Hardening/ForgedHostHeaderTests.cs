using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Attack: a forged Host header decides the base of the manage links the app e-mails to attendees.</summary>
public sealed class ForgedHostHeaderTests
{
    [Fact]
    public async Task ManageLinkMail_When_FirstRequestCarriesAForgedHost_PointsToTheListeningAddress()
    {
        // Development without App:PublicBaseUrl: the links must come from the configured listening address.
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["environment"] = "Development", ["App:PublicBaseUrl"] = "", ["urls"] = "http://localhost:5175",
            ["Registration:RateLimit:PermitsPerMinute"] = "1000",
        }).Started();
        var edition = await app.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 10));
        using var client = app.CreateClient();

        using (var probe = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative)))
        {
            probe.Headers.Host = "evil.example";
            using var answered = await client.SendAsync(probe);
        }
        using var registered = await client.PostAsJsonAsync(new Uri($"/api/editions/{edition.Slug}/registrations", UriKind.Relative),
            HardeningSeed.Json("forged.host@example.org", edition));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var mail = await ReadMailAsync(Path.Combine(app.DataFolder, "mail-pickup"));
        Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http://localhost:5175/manage/", mail, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_When_OutsideDevelopmentWithoutPublicBaseUrl_RefusesToStart()
    {
        using var app = new AppFactory(settings: new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "" });
        Assert.ThrowsAny<Exception>(() => app.Started());
    }

    [Fact]
    public void StartupError_When_OutsideDevelopmentWithoutPublicBaseUrl_SaysWhatToSetInOneLine()
    {
        var empty = new ConfigurationBuilder().Build();
        var error = PublicUrls.StartupError(empty, isDevelopment: false);
        Assert.NotNull(error);
        Assert.Contains("App:PublicBaseUrl", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Null(PublicUrls.StartupError(empty, isDevelopment: true));
        var relative = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "events.example.org" }).Build();
        Assert.NotNull(PublicUrls.StartupError(relative, isDevelopment: false));
    }

    [Fact]
    public async Task AnyRequest_When_HostIsNotThePublicOne_IsRefusedOutsideDevelopment()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://events.example.org" }).Started();
        using var client = app.CreateClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        forged.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var publicHost = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        publicHost.Headers.Host = "events.example.org";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(publicHost)).StatusCode);
        // The machine itself (health probes, the proxy's own checks) still reaches the app.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    private static async Task<string> ReadMailAsync(string folder)
    {
        for (var i = 0; i < 100; i++)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
            if (files.Length > 0)
            {
                // Decoded: a body with non-ASCII names is base64 or quoted-printable in the file.
                var messages = files.Select(f => MimeKit.MimeMessage.Load(f)).ToList();
                return string.Join("\n", messages.Select(m => m.TextBody + "\n" + m.HtmlBody));
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No e-mail was written to " + folder);
    }
}
