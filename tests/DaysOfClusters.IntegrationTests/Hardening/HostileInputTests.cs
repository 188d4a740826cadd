using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// Every public endpoint (all routes outside /organiser and /api/organiser, found from the app's endpoint data sources,
/// so one added later is attacked too) gets malformed, huge and hostile input: it must answer a clean status below 500,
/// APIs a 4xx, never echo script unescaped, and leave the database exactly as it was.
/// </summary>
public sealed partial class HostileInputTests
{
    public sealed record PublicEndpoint(string Pattern, string Method, bool IsPage);

    private static readonly string[] HostileValues =
    [
        "' OR '1'='1' --", "1; DROP TABLE Registrations; --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "../../../../etc/passwd", "%00", "{{7*7}}${7*7}", "-1", "99999999999999999999", new string('A', 4000), "ünïcødé-ж-名前",
    ];

    public static List<PublicEndpoint> PublicEndpoints(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(x => !Starts(x.Pattern, "/organiser") && !Starts(x.Pattern, "/api/organiser") && !Starts(x.Pattern, "/_"))
            // Literal file routes are the static assets (MapStaticAssets): files, not code that reads input.
            .Where(x => x.Pattern.Contains('{', StringComparison.Ordinal) || !Path.HasExtension(x.Pattern) || Starts(x.Pattern, "/api"))
            .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => new PublicEndpoint(x.Pattern, m, x.Endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)))
            .DistinctBy(e => (e.Pattern, e.Method))
            .ToList();

    private static bool Starts(string pattern, string prefix) => pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraint>(:[^}=?]+)*)[?]?(=[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private static string Fill(string pattern, string value) => RouteParameter().Replace(pattern, m =>
        m.Groups["constraint"].Value.Contains("int", StringComparison.OrdinalIgnoreCase) ? "2147483647" : Uri.EscapeDataString(value));

    private static IEnumerable<HttpContent> HostileBodies()
    {
        static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
        yield return Json("{\"firstName\": \"Ana\", \"email\": ");
        yield return Json("not json at all");
        yield return Json("[1, 2, 3]");
        yield return Json("null");
        yield return Json("");
        yield return Json("{\"firstName\": \"<script>alert(1)</script>\", \"lastName\": \"'; DROP TABLE Registrations; --\", \"email\": \"' OR 1=1 --\", " +
                          "\"organisationType\": \"DROP\", \"daysAttending\": [\"1; --\"], \"privacyConsent\": true}");
        yield return Json("{\"firstName\": \"Robert'); DROP TABLE Registrations;--\", \"lastName\": \"<b>x</b>\", \"email\": \"bobby@example.org\", " +
                          "\"organisation\": \"x\", \"organisationType\": 999, \"jobTitle\": \"x\", \"countryCode\": \"' OR 1=1\", \"privacyConsent\": true}");
        yield return Json("{\"code\": \"' OR 1=1 --\", \"pointId\": -1, \"direction\": \"<script>\", \"nonce\": \"" + new string('n', 5000) + "\"}");
        yield return Json("{\"a\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}");
        // Ten megabytes of JSON: one huge string field.
        yield return Json("{\"firstName\": \"" + new string('x', 10 * 1024 * 1024) + "\"}");
        yield return new StringContent("firstName=Ana&email=x%40example.org", Encoding.UTF8, "application/x-www-form-urlencoded");
        yield return new StringContent("<registration><email>x@example.org</email></registration>", Encoding.UTF8, "application/xml");
        yield return new StringContent("{\"email\": \"x@example.org\"}", Encoding.UTF8, "text/plain");
        yield return new ByteArrayContent([0xFF, 0xFE, 0x00, 0x01, 0x02]);
    }

    [Fact]
    public async Task EveryPublicEndpoint_When_GivenHostileInput_AnswersCleanlyAndChangesNothing()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimits:PublicApi"] = "1000000", ["RateLimits:TokenLinks"] = "1000000", ["RateLimits:Pages"] = "1000000",
            ["RateLimits:CheckInDevice"] = "1000000", ["Registration:RateLimit:PermitsPerMinute"] = "1000000",
        }).Started();
        var edition = await app.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 10));
        var device = await app.Services.GetRequiredService<CheckInAdminService>().IssueDeviceAsync(edition.Id, "hostile-test-device", null);
        Assert.NotNull(device);

        var endpoints = PublicEndpoints(app.Services);
        Assert.Contains(endpoints, e => e.Pattern == "/api/editions" && e.Method == "GET");
        Assert.Contains(endpoints, e => e.Pattern == "/api/editions/{slug}/registrations" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern == "/api/editions/{slug}/summary");
        Assert.Contains(endpoints, e => e.Pattern == "/manage/{token}/data.json");
        Assert.Contains(endpoints, e => e.Pattern == "/api/checkin" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.IsPage && e.Pattern.StartsWith("/e/{", StringComparison.Ordinal));

        // An edition's seat counters are bookkeeping made on its first registration attempt (from the rows already there);
        // they exist before the attack, as after any real registration, so what is compared below is data alone.
        await app.Services.GetRequiredService<DaysOfClusters.Web.Features.Registration.RegistrationSeats>().EnsureCountersAsync(edition.Id);
        var before = await app.WithDbAsync(TestDatabase.TableCountsAsync);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var problems = new List<string>();
        var requests = 0;

        async Task SendAsync(PublicEndpoint endpoint, string url, HttpContent? body, bool expect4xx, string? bearer = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(url, UriKind.Relative)) { Content = body };
            if (bearer is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            using var response = await client.SendAsync(request);
            requests++;
            var status = (int)response.StatusCode;
            var what = $"{endpoint.Method} {Shorten(url)} body={Shorten(body is null ? "-" : body.Headers.ContentType?.ToString() ?? "none")}{(bearer is null ? "" : " +device")}";
            // Pages and endpoints behind a login refuse an anonymous caller by redirecting to the login page.
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && AppFactory.PathOf(response) == "/account/login";
            if (status >= 500) problems.Add($"{what}: {status}");
            else if (expect4xx && status < 400 && !toLogin) problems.Add($"{what}: {status}, expected a 4xx");
            var text = await response.Content.ReadAsStringAsync();
            // Markup only runs in HTML; other types are served with nosniff, so a browser never renders them as HTML.
            var isHtml = text.Length > 0 && response.Content.Headers.ContentType?.MediaType is "text/html" or null;
            if (status >= 400 && text.Length > 0 && response.Content.Headers.ContentType is null) problems.Add($"{what}: a body without a content type");
            if (isHtml && !response.Headers.Contains("X-Content-Type-Options")) problems.Add($"{what}: no nosniff header");
            if (isHtml && (text.Contains("<script>alert(1)</script>", StringComparison.Ordinal) || text.Contains("<img src=x onerror", StringComparison.Ordinal)))
                problems.Add($"{what}: {status} {response.Content.Headers.ContentType} echoes the script unescaped");
        }

        foreach (var endpoint in endpoints)
        {
            // Integer route values get a valid (unknown) number; only string ones carry the hostile text.
            var hasParameters = RouteParameter().Matches(endpoint.Pattern).Any(m => !m.Groups["constraint"].Value.Contains("int", StringComparison.OrdinalIgnoreCase));
            var isApi = !endpoint.IsPage;
            var bearer = Starts(endpoint.Pattern, "/api/checkin") ? device!.Token : null;
            foreach (var value in HostileValues)
            {
                var url = Fill(endpoint.Pattern, value) + "?q=" + Uri.EscapeDataString(value) + "&culture=" + Uri.EscapeDataString(value) + "&point=" + Uri.EscapeDataString(value);
                var body = endpoint.Method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null;
                // Hostile route values never name a real edition or token; an API without route values may answer 200.
                await SendAsync(endpoint, url, body, expect4xx: isApi && (hasParameters || body is not null), bearer);
                if (bearer is not null) await SendAsync(endpoint, url, null, expect4xx: true);
            }
            if (endpoint.Method is not ("POST" or "PUT" or "PATCH")) continue;
            // Bodies go to the real edition's route, so they reach the code that reads them.
            var target = RouteParameter().Replace(endpoint.Pattern, m => m.Groups["name"].Value.Contains("slug", StringComparison.OrdinalIgnoreCase) ? edition.Slug : "1");
            foreach (var body in HostileBodies())
            {
                // Pages take form posts: without an antiforgery token every one of them must be refused.
                await SendAsync(endpoint, target, body, expect4xx: true, bearer);
            }
        }

        Assert.True(requests > 100, $"Only {requests} requests were sent: the enumeration is broken.");
        Assert.True(problems.Count == 0, $"{problems.Count} of {requests} requests misbehaved:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(60))}");
        var after = await app.WithDbAsync(TestDatabase.TableCountsAsync);
        var changed = before.Where(b => after.GetValueOrDefault(b.Key) != b.Value).Select(b => $"{b.Key}: {b.Value} -> {after.GetValueOrDefault(b.Key)}").ToList();
        Assert.True(changed.Count == 0, "The database changed: " + string.Join(", ", changed));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
    }

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..90] + "…";
}
