using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using DaysOfClusters.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Statistics;

using Registration = DaysOfClusters.Web.Features.Registration.Registration;

/// <summary>The shared test host without demo data, seeded once with two editions of known figures.</summary>
public sealed class StatisticsAppFactory : AppFactory
{
    public async Task SeedAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (await db.Editions.AnyAsync()) return;
        static Edition Make(int ordinal, string slug, bool headline) => new()
        {
            Ordinal = ordinal, Title = $"Edition {ordinal}", Slug = slug, HostCity = "Niš", CountryCode = "RS", StartDate = new DateOnly(2025, 9, 24),
            EndDate = new DateOnly(2025, 9, 26), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open, PublicHeadline = headline,
        };
        var hidden = Make(7, "hidden-edition", headline: false);
        var shown = Make(8, "shown-edition", headline: true);
        db.Editions.AddRange(hidden, shown);
        await db.SaveChangesAsync();
        var categories = DefaultCategories.For(shown.Id);
        db.RegistrationCategories.AddRange(categories);
        db.RegistrationCategories.AddRange(DefaultCategories.For(hidden.Id));
        await db.SaveChangesAsync();
        var n = 0;
        foreach (var (country, status) in new[] { ("RS", RegistrationStatus.Confirmed), ("RS", RegistrationStatus.Confirmed), ("JP", RegistrationStatus.Confirmed), ("US", RegistrationStatus.Cancelled) })
        {
            var email = $"person{++n}@example.org";
            db.Registrations.Add(new Registration
            {
                EditionId = shown.Id, CategoryId = categories[0].Id, FirstName = "P", LastName = $"{n}", Email = email, EmailNormalized = email,
                EmailHash = DaysOfClusters.Web.Features.Registration.RegistrationRules.Sha256Hex(email), Organisation = "Org", OrganisationType = OrganisationType.CompanySme,
                CountryCode = country, PrivacyNoticeVersion = "1", Status = status, ManageTokenHash = $"t{n}",
                CreatedUtc = new DateTime(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc), UpdatedUtc = new DateTime(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc),
            });
        }
        await db.SaveChangesAsync();
    }

}

public sealed class StatisticsEndpointTests(StatisticsAppFactory factory) : IClassFixture<StatisticsAppFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        await factory.SeedAsync();
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [Fact]
    public async Task Summary_WhenHeadlineOff_Returns404()
    {
        var client = await ClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/editions/hidden-edition/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/editions/no-such-edition/summary")).StatusCode);
    }

    [Fact]
    public async Task Summary_WhenHeadlineOn_Returns200WithExactFigures()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("/api/editions/shown-edition/summary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"registered":3,"attended":0,"countries":2,"continents":2}""", json);
    }

    [Theory]
    [InlineData("/api/organiser/statistics/all/countries.csv")]
    [InlineData("/api/organiser/statistics/1/continents.csv")]
    [InlineData("/api/organiser/statistics/all/report.pdf")]
    public async Task OrganiserExports_WhenAnonymous_Return401(string url)
    {
        var client = await ClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task StatisticsPage_WhenAnonymous_RedirectsToLogin()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("/organiser/statistics");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganiserStatisticsEndpoints_WhenEnumerated_AllRequireTheOrganiserRole()
    {
        await factory.SeedAsync();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/organiser/statistics", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(2, endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Roles)
                .Concat(endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().SelectMany(p => p.Requirements)
                    .OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles))
                .ToList();
            Assert.Contains("Organiser", roles);
        }
    }
}
