using DaysOfClusters.Web.Features.Agenda;

namespace DaysOfClusters.UnitTests.Agenda;

public sealed class AgendaChangelogTests
{
    private const string Zone = "Europe/Belgrade";
    private static readonly DateTime T = new(2027, 9, 22, 8, 0, 0, DateTimeKind.Utc);

    private static PublishedSession S(int id, string title, DateTime start, int? room = 1, bool cancelled = false, IReadOnlyList<PublishedSpeaker>? speakers = null) =>
        new(id, title, null, SessionKind.Panel, null, null, null, room, room is null ? null : $"Room {room}", start, start.AddHours(1), "English", cancelled,
            null, null, null, [], speakers ?? []);

    [Fact]
    public void Diff_WhenFirstPublication_ListsEverySessionAsNew()
    {
        var changes = AgendaRules.Diff([], [S(1, "A", T), S(2, "B", T)], Zone);

        Assert.All(changes, c => Assert.Equal(AgendaChangeKind.New, c.Kind));
        Assert.Equal([1, 2], changes.Select(c => c.SessionId));
    }

    [Fact]
    public void Diff_WhenTimeOrRoomChanges_ListsMovedWithLocalTimes()
    {
        var changes = AgendaRules.Diff([S(1, "A", T), S(2, "B", T)], [S(1, "A", T.AddHours(2)), S(2, "B", T, room: 2)], Zone);

        Assert.Equal([AgendaChangeKind.Moved, AgendaChangeKind.Moved], changes.Select(c => c.Kind));
        var moved = changes.Single(c => c.SessionId == 1).Detail;
        Assert.Contains("10:00", moved);
        Assert.Contains("→ Wed 22 Sep 12:00", moved);
    }

    [Fact]
    public void Diff_WhenSessionCancelledOrRemoved_ListsCancelledOnce()
    {
        var previous = new[] { S(1, "A", T), S(2, "B", T) };
        var changes = AgendaRules.Diff(previous, [S(1, "A", T, cancelled: true)], Zone);

        Assert.Equal([(AgendaChangeKind.Cancelled, 1), (AgendaChangeKind.Cancelled, 2)], changes.Select(c => (c.Kind, c.SessionId)).Order());
        Assert.Empty(AgendaRules.Diff([S(1, "A", T, cancelled: true)], [S(1, "A", T, cancelled: true)], Zone));
    }

    [Fact]
    public void Diff_WhenNothingChanged_IsEmpty()
    {
        var speakers = new[] { new PublishedSpeaker(5, "Ana", null, null, null, SpeakerRole.Speaker) };
        Assert.Empty(AgendaRules.Diff([S(1, "A", T, speakers: speakers)], [S(1, "A", T, speakers: speakers)], Zone));
    }

    [Fact]
    public void Diff_WhenOnlySpeakersChange_ListsChanged()
    {
        var speakers = new[] { new PublishedSpeaker(5, "Ana", null, null, null, SpeakerRole.Speaker) };
        var change = Assert.Single(AgendaRules.Diff([S(1, "A", T)], [S(1, "A", T, speakers: speakers)], Zone));

        Assert.Equal(AgendaChangeKind.Changed, change.Kind);
    }
}
