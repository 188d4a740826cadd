using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

public sealed partial class SecurityHeadersTests(SecurityHeadersTests.Fixture fixture) : IClassFixture<SecurityHeadersTests.Fixture>
{
    public sealed class Fixture : IAsyncDisposable
    {
        public AppFactory App { get; } = new AppFactory(settings: new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://doc.example" }).Started();
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private HttpClient Client(string baseAddress) => fixture.App.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress),
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/api/editions")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    [InlineData("/account/login")]
    public async Task AnyResponse_Always_CarriesTheSecurityHeaders(string path)
    {
        using var client = Client("http://localhost");
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Matches(@"script-src 'self' 'nonce-[0-9a-f]{32}';", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=(self)", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
    }

    [Fact]
    public async Task Page_Always_GivesItsOnlyInlineScriptTheNonceOfItsOwnPolicy()
    {
        using var client = Client("http://localhost");
        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await first.Content.ReadAsStringAsync();
        var nonce = NonceInPolicy().Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;
        Assert.NotEqual(nonce, NonceInPolicy().Match(Assert.Single(second.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value);
        var inline = InlineScript().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\son[a-z]+=""", html);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    /// <summary>Script tags without a src attribute, i.e. inline scripts.</summary>
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [Fact]
    public async Task Hsts_When_Https_IsSentAndOverHttpIsNot()
    {
        using var https = Client("https://doc.example");
        using var response = await https.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        using var http = Client("http://doc.example");
        using var plain = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://doc.example", true)]
    [InlineData("http://doc.example", false)]
    public async Task Cookies_When_LoggingIn_AreHttpOnlyLaxAndSecureExactlyOnHttps(string baseAddress, bool secure)
    {
        var user = await fixture.App.CreateUserAsync(Roles.Staff);
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });
        using var login = await AppFactory.PostLoginAsync(client, user.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var culture = await client.GetAsync(new Uri("/culture/set?culture=sr-Latn&redirectUri=/", UriKind.Relative));
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(culture.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("doc.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            var attributes = cookie.ToLowerInvariant();
            Assert.Contains("httponly", attributes, StringComparison.Ordinal);
            Assert.Matches("samesite=(lax|strict)", attributes);
            Assert.Equal(secure, attributes.Contains("; secure", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task LoginForm_When_PostedWithoutAntiforgeryToken_IsRefused()
    {
        var user = await fixture.App.CreateUserAsync(Roles.Organiser);
        using var client = Client("http://localhost");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = user.Email!, ["Input.Password"] = AppFactory.TestPassword,
        });
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("doc.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Logout_When_PostedWithoutAntiforgeryToken_IsRefusedAndWithTheLayoutsTokenSignsOut()
    {
        using var client = await fixture.App.CreateLoggedInClientAsync(Roles.Organiser);
        using var forged = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/organiser/maintenance", UriKind.Relative))).StatusCode);

        var page = await client.GetStringAsync(new Uri("/account/change-password", UriKind.Relative));
        using var real = await client.PostAsync(new Uri("/account/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        var after = await client.GetAsync(new Uri("/organiser/maintenance", UriKind.Relative));
        Assert.Equal("/account/login", AppFactory.PathOf(after));
    }

    [Fact]
    public async Task RequestBody_When_LargerThanTheLimit_Answers413WithoutReadingIt()
    {
        using var client = Client("http://localhost");
        using var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/api/editions/any/registrations", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}

public sealed class PublicRateLimitTests
{
    [Fact]
    public async Task PublicEndpoints_When_OneClientExceedsItsLimit_Answer429PerKindAndDevice()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimits:PublicApi"] = "5", ["RateLimits:TokenLinks"] = "3", ["RateLimits:Pages"] = "4", ["RateLimits:CheckInDevice"] = "2",
        }).Started();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<List<int>> Statuses(string path, int times, string? bearer = null)
        {
            var list = new List<int>();
            for (var i = 0; i < times; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                if (bearer is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
                using var response = await client.SendAsync(request);
                list.Add((int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Equal("60", response.Headers.RetryAfter?.ToString());
            }
            return list;
        }

        Assert.Equal([200, 200, 200, 200, 200, 429, 429], await Statuses("/api/editions", 7));
        // The same per-IP budget covers every public API, e.g. the summary.
        Assert.Equal(429, (await Statuses("/api/editions/any/summary", 1))[0]);
        Assert.Equal([404, 404, 404, 429], await Statuses("/manage/not-a-token/data.json", 4));
        Assert.Equal([200, 200, 200, 200, 429], await Statuses("/", 5));
        // Each device token the server knows has its own budget (validated just before, as a scanner's first request does)...
        var edition = await app.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: null));
        var admin = app.Services.GetRequiredService<CheckInAdminService>();
        var tokens = app.Services.GetRequiredService<DeviceTokenService>();
        var one = (await admin.IssueDeviceAsync(edition.Id, "Door one", null))!.Token;
        var two = (await admin.IssueDeviceAsync(edition.Id, "Door two", null))!.Token;
        await tokens.ValidateAsync(one);
        Assert.Equal([200, 200, 429], await Statuses("/api/checkin/editions", 3, one));
        await tokens.ValidateAsync(two);
        Assert.Equal([200], await Statuses("/api/checkin/editions", 1, two));
        // ...while made-up tokens share the client IP's budget: a new one per request buys nothing.
        Assert.Equal([401, 401, 429], await Statuses("/api/checkin/editions", 3, "docdev_device-one"));
        Assert.Equal([429], await Statuses("/api/checkin/editions", 1, "docdev_device-two"));
        // Probes are never limited.
        Assert.All(await Statuses("/health", 20), s => Assert.Equal(200, s));
    }
}
