using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Foundation;

/// <summary>
/// Enumerates the app's endpoints, so an organiser page or API added later is covered without touching this test:
/// each must require the Organiser role and must refuse an anonymous visitor and a Staff user for real.
/// </summary>
public sealed partial class OrganiserSecurityTests(OrganiserSecurityTests.Fixture fixture) : IClassFixture<OrganiserSecurityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public int EditionId { get; private set; }
        public string Slug { get; } = "8th-days-of-clusters";

        public async Task InitializeAsync()
        {
            var saved = await App.Services.GetRequiredService<EditionService>().SaveAsync(null, EditionInputs.Valid(8, Slug));
            Assert.True(saved.Succeeded);
            EditionId = saved.EditionId!.Value;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public sealed record OrganiserEndpoint(string Pattern, string Url, string Method, bool IsApi, Endpoint Endpoint);

    private List<OrganiserEndpoint> OrganiserEndpoints()
    {
        var sources = fixture.App.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Where(x => x.Pattern.StartsWith("/organiser", StringComparison.OrdinalIgnoreCase) || x.Pattern.StartsWith("/api/organiser", StringComparison.OrdinalIgnoreCase))
            .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new OrganiserEndpoint(x.Pattern, Substitute(x.Pattern), m, x.Pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase), x.Endpoint)))
            .DistinctBy(e => (e.Pattern, e.Method))
            .ToList();
    }

    private string Substitute(string pattern) => RouteParameter().Replace(pattern, m =>
    {
        var name = m.Groups["name"].Value;
        var constraint = m.Groups["constraint"].Value.ToLowerInvariant();
        if (name.Contains("slug", StringComparison.OrdinalIgnoreCase)) return fixture.Slug;
        if (constraint.Contains("int", StringComparison.Ordinal) || constraint.Contains("long", StringComparison.Ordinal)) return fixture.EditionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (constraint.Contains("guid", StringComparison.Ordinal)) return Guid.Empty.ToString();
        return "x";
    });

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraint>(:[^}=?]+)*)[?]?(=[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public void EndpointEnumeration_When_AppIsBuilt_FindsTheOrganiserPages()
    {
        var endpoints = OrganiserEndpoints();
        Assert.True(endpoints.Count > 3, $"Only {endpoints.Count} organiser endpoints found: the enumeration is broken.");
        Assert.Contains(endpoints, e => e.Pattern == "/organiser/editions");
        Assert.Contains(endpoints, e => e.Pattern == "/organiser/editions/{Id:int}");
        Assert.Contains(endpoints, e => e.Pattern == "/organiser/accounts");
        Assert.Contains(endpoints, e => e.Pattern == "/organiser/geography");
    }

    [Fact]
    public async Task EveryOrganiserEndpoint_When_Inspected_RequiresTheOrganiserRoleOnly()
    {
        var policyProvider = fixture.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        foreach (var e in OrganiserEndpoints())
        {
            if (e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) { problems.Add($"{e.Method} {e.Pattern} allows anonymous access"); continue; }
            var data = e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var policy = await AuthorizationPolicy.CombineAsync(policyProvider, data, e.Endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var roleRules = policy?.Requirements.OfType<RolesAuthorizationRequirement>().ToList() ?? [];
            // Every role requirement must be met, so one that names only Organiser is enough to keep Staff out.
            if (!roleRules.Any(r => r.AllowedRoles.Contains(Roles.Organiser) && !r.AllowedRoles.Contains(Roles.Staff)))
                problems.Add($"{e.Method} {e.Pattern} does not require the Organiser role");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Requests every organiser endpoint with its own method: APIs must answer the status, pages redirect to the path.</summary>
    private async Task AssertEveryEndpointRefusesAsync(HttpClient client, HttpStatusCode apiStatus, string pageRedirect)
    {
        var problems = new List<string>();
        foreach (var e in OrganiserEndpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
            var response = await client.SendAsync(request);
            if (e.IsApi)
            {
                if (response.StatusCode != apiStatus) problems.Add($"{e.Method} {e.Url}: {(int)response.StatusCode}, expected {(int)apiStatus}");
            }
            else if (response.StatusCode != HttpStatusCode.Redirect || AppFactory.PathOf(response) != pageRedirect)
            {
                problems.Add($"{e.Method} {e.Url}: {(int)response.StatusCode} {response.Headers.Location}, expected a redirect to {pageRedirect}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryOrganiserEndpoint_When_Anonymous_RedirectsToLoginOrAnswers401()
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        await AssertEveryEndpointRefusesAsync(client, HttpStatusCode.Unauthorized, "/account/login");
    }

    [Fact]
    public async Task EveryOrganiserEndpoint_When_StaffUser_RedirectsToAccessDeniedOrAnswers403()
    {
        using var client = await fixture.App.CreateLoggedInClientAsync(Roles.Staff);
        // The staff session is real: a page for any signed-in user opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/change-password", UriKind.Relative))).StatusCode);
        await AssertEveryEndpointRefusesAsync(client, HttpStatusCode.Forbidden, "/account/access-denied");
    }

    [Fact]
    public async Task EveryOrganiserPage_When_Organiser_Opens()
    {
        using var client = await fixture.App.CreateLoggedInClientAsync(Roles.Organiser);
        var problems = new List<string>();
        foreach (var e in OrganiserEndpoints().Where(e => !e.IsApi && e.Method == "GET"))
        {
            var response = await client.GetAsync(new Uri(e.Url, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK) problems.Add($"GET {e.Url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
