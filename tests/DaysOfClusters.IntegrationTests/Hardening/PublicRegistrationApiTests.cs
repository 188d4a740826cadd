using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Hardening;

public sealed class PublicRegistrationApiTests(PublicRegistrationApiTests.Fixture fixture) : IClassFixture<PublicRegistrationApiTests.Fixture>
{
    public sealed class Fixture : IAsyncDisposable
    {
        public AppFactory App { get; } = new AppFactory(settings: new Dictionary<string, string?> { ["Registration:RateLimit:PermitsPerMinute"] = "1000" }).Started();
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static Uri Url(Edition edition) => new($"/api/editions/{edition.Slug}/registrations", UriKind.Relative);

    [Fact]
    public async Task Post_When_Valid_ConfirmsThenWaitlistsWithoutHandingOutTheManageLink()
    {
        var edition = await fixture.App.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 1));
        using var client = fixture.App.CreateClient();
        using var first = await client.PostAsJsonAsync(Url(edition), HardeningSeed.Json("api1@example.org", edition));
        using var second = await client.PostAsJsonAsync(Url(edition), HardeningSeed.Json("api2@example.org", edition));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Confirmed", a.GetProperty("status").GetString());
        Assert.Equal("Waitlisted", b.GetProperty("status").GetString());
        Assert.Equal(1, b.GetProperty("waitlistPosition").GetInt32());
        Assert.DoesNotContain("token", (await first.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        var stored = await fixture.App.WithDbAsync(db => db.Registrations.Where(r => r.EditionId == edition.Id).OrderBy(r => r.Id).Select(r => r.Email).ToListAsync());
        Assert.Equal(["api1@example.org", "api2@example.org"], stored);
    }

    [Fact]
    public async Task Post_When_InvalidDuplicateUnknownOrClosed_AnswersTheMatching4xxAndStoresNothing()
    {
        var edition = await fixture.App.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: null));
        var closed = await fixture.App.WithDbAsync(async db =>
        {
            var e = await HardeningSeed.CreateOpenEditionAsync(db, capacity: null);
            e.Status = EditionStatus.Closed;
            await db.SaveChangesAsync();
            return e;
        });
        using var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(Url(edition), HardeningSeed.Json("taken@example.org", edition))).StatusCode);

        using var invalid = await client.PostAsJsonAsync(Url(edition), HardeningSeed.Json("not-an-address", edition));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Email", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync(Url(edition), HardeningSeed.Json(" TAKEN@example.org", edition))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync(Url(closed), HardeningSeed.Json("late@example.org", closed))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(new Uri("/api/editions/no-such-edition/registrations", UriKind.Relative), HardeningSeed.Json("x@example.org", edition))).StatusCode);

        var count = await fixture.App.WithDbAsync(db => db.Registrations.CountAsync(r => r.EditionId == edition.Id || r.EditionId == closed.Id));
        Assert.Equal(1, count);
    }
}
