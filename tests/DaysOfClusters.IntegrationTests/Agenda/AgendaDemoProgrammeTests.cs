using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.IntegrationTests.Agenda;

/// <summary>The demo edition's programme is what the issue asks for, and it publishes without a single conflict.</summary>
public sealed class AgendaDemoProgrammeTests(AgendaAppFactory app) : IClassFixture<AgendaAppFactory>
{
    [Fact]
    public async Task SeedIfEmptyAsync_WhenDemoEditionHasNoRooms_PublishesTwoDaysInThreeRoomsWithEveryKindAndNoConflicts()
    {
        var edition = await app.CreateEditionAsync(AgendaDemoSeeder.DemoSlug);
        var seeder = app.Get<AgendaDemoSeeder>();

        Assert.True(await seeder.SeedIfEmptyAsync());
        Assert.False(await seeder.SeedIfEmptyAsync()); // a second start adds nothing

        var agenda = app.Get<AgendaService>();
        var state = (await agenda.EditorStateAsync(edition.Id))!;
        Assert.Empty(state.Conflicts);
        Assert.Equal(3, state.Rooms.Count);
        var published = (await agenda.PublicAgendaAsync(edition.Slug))!;
        Assert.Equal(1, published.Publication.Version);
        var sessions = published.Sessions;
        Assert.Equal(state.Sessions.Count, sessions.Count);
        Assert.All(sessions, s => Assert.NotNull(s.RoomName));
        Assert.Equal(3, sessions.Select(s => s.RoomId).Distinct().Count());

        var days = sessions.GroupBy(s => DateOnly.FromDateTime(EditionRules.ToLocal(s.StartUtc, edition.TimeZoneId))).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([edition.StartDate, edition.StartDate.AddDays(1)], days.Keys.Order());
        var first = days[edition.StartDate].OrderBy(s => s.StartUtc).ToList();
        var opening = first.First(s => s.Kind != SessionKind.Break);
        Assert.Equal(SessionKind.Plenary, opening.Kind);
        Assert.StartsWith("Opening plenary", opening.Title, StringComparison.Ordinal);

        int Count(SessionKind kind) => sessions.Count(s => s.Kind == kind);
        Assert.True(Count(SessionKind.Panel) >= 2, "panels");
        Assert.True(Count(SessionKind.Workshop) >= 2, "workshops");
        Assert.Equal(2, Count(SessionKind.RoundTable));
        Assert.True(Count(SessionKind.MatchmakingBlock) >= 1, "a matchmaking block");
        Assert.True(Count(SessionKind.Break) >= 3, "breaks");
        Assert.Contains(sessions, s => s.Kind == SessionKind.NetworkingSocial && s.Title.Contains("dinner", StringComparison.OrdinalIgnoreCase));
        Assert.All(sessions.Where(s => s.Kind == SessionKind.RoundTable), t =>
        {
            Assert.True(t.SeatCapacity > 0);
            Assert.False(string.IsNullOrWhiteSpace(t.Topic));
            Assert.False(string.IsNullOrWhiteSpace(t.Host));
            Assert.NotEmpty(t.Organisations);
        });
        Assert.Contains(opening.Speakers, p => p.Role == SpeakerRole.Moderator);
    }
}
