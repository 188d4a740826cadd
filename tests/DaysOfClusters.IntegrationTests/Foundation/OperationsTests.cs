using System.Net;
using System.Text.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Foundation;

public sealed class OperationsTests(OperationsTests.Fixture fixture) : IClassFixture<OperationsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            var editions = App.Services.GetRequiredService<EditionService>();
            var open = await editions.SaveAsync(null, EditionInputs.Valid(8, "8th-days-of-clusters", "Clusters for resilience"));
            Assert.True(open.Succeeded);
            await editions.SetStatusAsync(open.EditionId!.Value, EditionStatus.Open);
            var draft = await editions.SaveAsync(null, EditionInputs.Valid(9, "9th-days-of-clusters", "Secret draft"));
            Assert.True(draft.Succeeded);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Health_When_DatabaseAnswers_Returns200()
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PublicEditionsApi_When_Called_ListsNonDraftEditionsWithTheDocumentedFields()
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri("/api/editions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = Assert.Single(json.RootElement.EnumerateArray());
        var names = item.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(new[] { "city", "countryCode", "end", "ordinal", "slug", "start", "status", "title" }, names);
        Assert.Equal("8th-days-of-clusters", item.GetProperty("slug").GetString());
        Assert.Equal("Clusters for resilience", item.GetProperty("title").GetString());
        Assert.Equal(8, item.GetProperty("ordinal").GetInt32());
        Assert.Equal("Belgrade", item.GetProperty("city").GetString());
        Assert.Equal("RS", item.GetProperty("countryCode").GetString());
        Assert.Equal(EditionInputs.Start.ToString("yyyy-MM-dd"), item.GetProperty("start").GetString());
        Assert.Equal(EditionInputs.Start.AddDays(1).ToString("yyyy-MM-dd"), item.GetProperty("end").GetString());
        Assert.Equal("Open", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownUrl_When_Requested_ShowsFriendlyNotFoundPageWith404()
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("The page you asked for does not exist or has moved.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_When_AnEditionIsOpen_ShowsItButNotDrafts()
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("Clusters for resilience", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret draft", html, StringComparison.Ordinal);
    }
}
