using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.CheckIn;

public sealed class WalkInPagesTests(WalkInFixture fixture) : IClassFixture<WalkInFixture>
{
    private readonly AppFactory app = fixture.App;

    private async Task<SeededEdition> EditionAsync()
    {
        app.Started();
        return await CheckInSeed.EditionAsync(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), "p" + Guid.NewGuid().ToString("N")[..10], 1);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Organiser)]
    public async Task WalkInPage_WhenStaffOrOrganiser_RendersTheFormWithEveryField(string role)
    {
        var edition = await EditionAsync();
        using var client = await app.CreateLoggedInClientAsync(role);
        var response = await client.GetAsync(new Uri($"/checkin/walk-in?point={edition.SecondPointId}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Walk-in registration", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"walkin-form\"", html, StringComparison.Ordinal);
        foreach (var field in new[] { "FirstName", "LastName", "Email", "Organisation", "OrganisationType", "JobTitle", "CountryCode", "CategoryId", "PrivacyConsent" })
            Assert.Contains($"data-field=\"{field}\"", html, StringComparison.Ordinal);
        Assert.Contains("Register, check in and print badge", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/checkin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WalkInPage_WhenAnonymous_RedirectsToLogin()
    {
        await EditionAsync();
        using var client = app.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri("/checkin/walk-in", UriKind.Relative));
        Assert.Equal("/account/login", AppFactory.PathOf(response));
    }
}
