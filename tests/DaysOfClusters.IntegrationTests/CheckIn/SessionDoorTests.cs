using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.IntegrationTests.CheckIn;

public sealed class SessionDoorTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    [Fact]
    public async Task AddDoorPerSession_WhenRunTwice_GivesEachTeachingSessionOneDoorAndSkipsBreaksAndCancelledOnes()
    {
        var saved = await app.Get<EditionService>().SaveAsync(null, EditionInputs.Valid(2, "2nd-training-" + Guid.NewGuid().ToString("N")[..6], "Doors"));
        var editionId = saved.EditionId!.Value;
        var agenda = app.Get<AgendaService>();
        var day = EditionInputs.Start.AddHours(9);
        async Task<int> SessionAsync(string title, SessionKind kind, SessionStatus status = SessionStatus.Draft, int hour = 0)
        {
            var (id, errors) = await agenda.SaveSessionAsync(editionId, new SessionInput { Title = title, Kind = kind, Status = status, LocalStart = day.AddHours(hour), DurationMinutes = 60 });
            Assert.Empty(errors);
            return id!.Value;
        }
        var first = await SessionAsync("Cluster strategy", SessionKind.Workshop, hour: 0);
        await SessionAsync("Lunch", SessionKind.Break, hour: 1);
        await SessionAsync("Dropped topic", SessionKind.Workshop, SessionStatus.Cancelled, hour: 2);
        var second = await SessionAsync("Project financing", SessionKind.Workshop, hour: 3);
        var admin = app.Get<CheckInAdminService>();

        var added = await admin.AddDoorPerSessionAsync(editionId);
        var again = await admin.AddDoorPerSessionAsync(editionId);

        Assert.Equal((2, 0), (added, again));
        var doors = (await admin.PointsAsync(editionId)).Where(p => p.Kind == CheckInPointKind.SessionDoor).ToList();
        Assert.Equal([first, second], doors.Select(d => d.SessionId!.Value).Order());
        Assert.Contains(doors, d => d.Name.EndsWith("Cluster strategy", StringComparison.Ordinal) && d.Name.Contains("09:00", StringComparison.Ordinal));
        Assert.All(await admin.DoorSessionsAsync(editionId), s => Assert.True(s.HasDoor));
    }

    [Fact]
    public async Task AddDoorPerSession_WhenTwoParallelSessionsShareTitleAndTime_GivesEachItsOwnDoor()
    {
        var saved = await app.Get<EditionService>().SaveAsync(null, EditionInputs.Valid(3, "3rd-training-" + Guid.NewGuid().ToString("N")[..6], "Parallel"));
        var editionId = saved.EditionId!.Value;
        var agenda = app.Get<AgendaService>();
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Empty((await agenda.SaveSessionAsync(editionId, new SessionInput { Title = "Group work", Kind = SessionKind.Workshop, LocalStart = EditionInputs.Start.AddHours(10) })).Errors);
        var admin = app.Get<CheckInAdminService>();

        var added = await admin.AddDoorPerSessionAsync(editionId);

        Assert.Equal(2, added);
        Assert.Equal(2, (await admin.PointsAsync(editionId)).Select(p => p.SessionId).Distinct().Count());
    }
}
