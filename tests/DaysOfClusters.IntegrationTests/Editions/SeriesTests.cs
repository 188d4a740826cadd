using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>Every event of the network belongs to a series: saved with it, listed by it (home page, series page, /api/events).</summary>
public sealed class SeriesTests(SeriesTests.Fixture fixture) : IClassFixture<SeriesTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public int TrainingId { get; private set; }

        public async Task InitializeAsync()
        {
            var editions = App.Services.GetRequiredService<EditionService>();
            var conference = await editions.SaveAsync(null, EditionInputs.Valid(8, "8th-days-of-clusters", "Clusters for resilience"));
            Assert.True(conference.Succeeded);
            await editions.SetStatusAsync(conference.EditionId!.Value, EditionStatus.Open);
            var training = EditionInputs.Valid(3, "3rd-training", "Cluster management basics");
            training.SeriesId = 4;
            training.Kind = EventKind.Training;
            training.HostCity = "Leskovac";
            var saved = await editions.SaveAsync(null, training);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
            TrainingId = saved.EditionId!.Value;
            await editions.SetStatusAsync(TrainingId, EditionStatus.Open);
            var roundTable = EditionInputs.Valid(2, "2nd-round-table", "Draft round table");
            roundTable.SeriesId = 2;
            roundTable.Kind = EventKind.RoundTable;
            Assert.True((await editions.SaveAsync(null, roundTable)).Succeeded); // a draft: never public
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private EditionService Editions => fixture.App.Services.GetRequiredService<EditionService>();

    [Fact]
    public async Task Save_WhenTheSeriesDoesNotExist_RefusesTheFieldAndStoresNothing()
    {
        var before = await fixture.App.WithDbAsync(db => db.Editions.CountAsync());
        var input = EditionInputs.Valid(1, "no-series-" + Guid.NewGuid().ToString("N")[..8]);
        input.SeriesId = 999;

        var result = await Editions.SaveAsync(null, input);

        Assert.False(result.Succeeded);
        Assert.Equal(["Choose a series from the list."], result.Errors[nameof(EditionInput.SeriesId)]);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.Editions.CountAsync()));
    }

    [Fact]
    public async Task Save_WhenATrainingIsSaved_KeepsItsSeriesKindAndNumberWithinTheSeries()
    {
        var training = await Editions.FindAsync(fixture.TrainingId);

        Assert.NotNull(training);
        Assert.Equal(4, training.SeriesId);
        Assert.Equal(EventKind.Training, training.Kind);
        Assert.Equal("3rd Training", training.DisplayName);
        Assert.Equal(4, EditionService.ToInput(training).SeriesId);
    }

    [Fact]
    public async Task EventsApi_WhenFilteredBySeries_ListsOnlyThatSeriesPublicEvents()
    {
        using var client = fixture.App.CreateBrowserlikeClient();

        var all = await client.GetFromJsonAsync<List<PublicEventDto>>(new Uri("/api/events", UriKind.Relative));
        var trainings = await client.GetFromJsonAsync<List<PublicEventDto>>(new Uri("/api/events?series=training", UriKind.Relative));

        Assert.NotNull(all);
        Assert.Contains(all, e => e is { Slug: "8th-days-of-clusters", Series: "dofc", Kind: "Conference" });
        Assert.DoesNotContain(all, e => e.Slug == "2nd-round-table");
        var training = Assert.Single(trainings!);
        Assert.Equal(("3rd-training", "training", "Training", 3, "Leskovac"), (training.Slug, training.Series, training.Kind, training.Ordinal, training.City));
        // The editions' own list keeps working as before.
        var editions = await client.GetFromJsonAsync<List<PublicEditionDto>>(new Uri("/api/editions", UriKind.Relative));
        Assert.Contains(editions!, e => e.Slug == "3rd-training");
    }

    [Theory]
    [InlineData("/api/events?series=nope", HttpStatusCode.NotFound)]
    [InlineData("/api/events?series=%27%3B%20DROP%20TABLE%20%22Editions%22--", HttpStatusCode.NotFound)]
    [InlineData("/api/events?country=serbia", HttpStatusCode.BadRequest)]
    public async Task EventsApi_WhenAFilterIsUnknownOrMalformed_AnswersAClearProblem(string path, HttpStatusCode expected)
    {
        using var client = fixture.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, await fixture.App.WithDbAsync(db => db.Editions.CountAsync()));
    }

    [Fact]
    public async Task HomePage_WhenFilteredBySeries_ShowsThatSeriesEventsOnly()
    {
        using var client = fixture.App.CreateBrowserlikeClient();

        var everything = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var trainings = await client.GetStringAsync(new Uri("/?series=training", UriKind.Relative));

        Assert.Contains("Clusters for resilience", everything, StringComparison.Ordinal);
        Assert.Contains("Cluster management basics", everything, StringComparison.Ordinal);
        Assert.Contains("Cluster management basics", trainings, StringComparison.Ordinal);
        Assert.DoesNotContain("Clusters for resilience", trainings, StringComparison.Ordinal);
        Assert.Contains("<option value=\"training\" selected", trainings, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft round table", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeriesPage_WhenKnownOrUnknown_ShowsItsEventsOrA404()
    {
        using var client = fixture.App.CreateBrowserlikeClient();

        var training = await client.GetAsync(new Uri("/series/training", UriKind.Relative));
        var unknown = await client.GetAsync(new Uri("/series/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, training.StatusCode);
        var html = await training.Content.ReadAsStringAsync();
        Assert.Contains("Courses for cluster managers", html, StringComparison.Ordinal);
        Assert.Contains("Cluster management basics", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Clusters for resilience", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("Cluster management basics", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
