using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.UnitTests.Agenda;

public sealed class AgendaConflictTests
{
    private const string Zone = "Europe/Belgrade";
    private static readonly DateOnly First = new(2027, 9, 22);
    private static readonly DateOnly Last = new(2027, 9, 23);
    private static readonly RoomInfo[] Rooms = [new(1, "Hall", 100), new(2, "Blue", 30)];

    private static DateTime L(int day, int hour, int minute = 0, int month = 9) => EditionRules.ToUtc(new DateTime(2027, month, day, hour, minute, 0), Zone);

    private static IReadOnlyList<AgendaConflict> Detect(IReadOnlyList<SessionSlot> sessions, IReadOnlyList<PersonLink>? people = null,
        DateOnly? first = null, DateOnly? last = null) =>
        AgendaRules.DetectConflicts(sessions, Rooms, people ?? [], first ?? First, last ?? Last, Zone);

    [Fact]
    public void DetectConflicts_WhenSameRoomBackToBack_FindsNoClash()
    {
        var conflicts = Detect([new(1, "A", 1, L(22, 10), L(22, 11), null), new(2, "B", 1, L(22, 11), L(22, 12), null)]);

        Assert.Empty(conflicts);
    }

    [Fact]
    public void DetectConflicts_WhenSameRoomOverlapsByOneMinute_FindsRoomClash()
    {
        var conflicts = Detect([new(1, "A", 1, L(22, 10), L(22, 11, 1), null), new(2, "B", 1, L(22, 11), L(22, 12), null)]);

        var conflict = Assert.Single(conflicts);
        Assert.Equal(ConflictKind.RoomDoubleBooked, conflict.Kind);
        Assert.Equal([1, 2], conflict.SessionIds);
        Assert.Equal("room:1:2", conflict.Key);
    }

    [Fact]
    public void DetectConflicts_WhenDifferentRoomsOverlap_FindsNoClash()
    {
        Assert.Empty(Detect([new(1, "A", 1, L(22, 10), L(22, 11), null), new(2, "B", 2, L(22, 10), L(22, 11), null)]));
    }

    [Fact]
    public void DetectConflicts_WhenOneSessionCancelled_IgnoresIt()
    {
        Assert.Empty(Detect([new(1, "A", 1, L(22, 10), L(22, 11), null), new(2, "B", 1, L(22, 10), L(22, 11), null, Cancelled: true)]));
    }

    [Fact]
    public void DetectConflicts_WhenSpeakerAlsoHoldsOverlappingRoundTableSeat_FindsPersonClash()
    {
        // The speaker is linked to registration 42; the same registration holds a seat at an overlapping round table.
        var sessions = new SessionSlot[] { new(1, "Panel", 1, L(22, 10), L(22, 11), null), new(2, "Round table", 2, L(22, 10, 30), L(22, 12), null) };
        var people = new PersonLink[]
        {
            new(1, AgendaRules.PersonKey(7, 42), "Ana", "Speaker"),
            new(2, "R:42", "Ana", "Guest"),
        };

        var conflict = Assert.Single(Detect(sessions, people));

        Assert.Equal(ConflictKind.PersonDoubleBooked, conflict.Kind);
        Assert.Contains("Ana", conflict.Message);
    }

    [Fact]
    public void DetectConflicts_WhenSpeakerWithoutRegistrationModeratesBackToBack_FindsNoClash()
    {
        var sessions = new SessionSlot[] { new(1, "Panel", 1, L(22, 10), L(22, 11), null), new(2, "Panel 2", 2, L(22, 11), L(22, 12), null) };
        var people = new PersonLink[] { new(1, AgendaRules.PersonKey(7, null), "Ana", "Speaker"), new(2, "S:7", "Ana", "Moderator") };

        Assert.Empty(Detect(sessions, people));
    }

    [Fact]
    public void DetectConflicts_WhenSessionOnDayAfterEdition_FindsOutsideDays()
    {
        var conflict = Assert.Single(Detect([new(1, "Late", 1, L(24, 9), L(24, 10), null)]));

        Assert.Equal(ConflictKind.OutsideEditionDays, conflict.Kind);
    }

    [Fact]
    public void DetectConflicts_WhenSessionEndsAtLocalMidnightOfLastDay_IsInside()
    {
        // 23:00–00:00 local on the last day: ends exactly at midnight, still inside; 00:30 UTC would be outside in UTC terms but not locally.
        Assert.Empty(Detect([new(1, "Dinner", 1, L(23, 23), L(24, 0), null)]));
    }

    [Fact]
    public void DetectConflicts_WhenSessionIsEarlyMorningLocalButPreviousDayInUtc_IsInside()
    {
        // 01:00 on 22 Sept in Belgrade is 23:00 UTC on 21 Sept: the edition's own calendar decides.
        Assert.Empty(Detect([new(1, "Early", null, L(22, 1), L(22, 2), null)]));
    }

    [Fact]
    public void DetectConflicts_AcrossDaylightSavingChange_ComparesRealInstantsNotWallClock()
    {
        // 31 Oct 2027: at 03:00 CEST clocks go back to 02:00 CET, so 02:00-03:00 happens twice.
        var first = new DateOnly(2027, 10, 30);
        var last = new DateOnly(2027, 10, 31);
        var x = new SessionSlot(1, "First 02:00", 1, new DateTime(2027, 10, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 10, 31, 0, 45, 0, DateTimeKind.Utc), null); // 02:00-02:45 CEST
        var y = new SessionSlot(2, "Second 02:15", 1, new DateTime(2027, 10, 31, 1, 15, 0, DateTimeKind.Utc), new DateTime(2027, 10, 31, 2, 0, 0, DateTimeKind.Utc), null); // 02:15-03:00 CET
        var z = new SessionSlot(3, "Overlaps by a minute", 1, new DateTime(2027, 10, 31, 0, 44, 0, DateTimeKind.Utc), new DateTime(2027, 10, 31, 1, 15, 0, DateTimeKind.Utc), null);

        Assert.Empty(AgendaRules.DetectConflicts([x, y], Rooms, [], first, last, Zone));
        var conflict = Assert.Single(AgendaRules.DetectConflicts([x, y, z], Rooms, [], first, last, Zone));
        Assert.Equal("room:1:3", conflict.Key);
    }

    [Fact]
    public void DetectConflicts_WhenAudienceExceedsRoom_FindsRoomTooSmall()
    {
        var conflict = Assert.Single(Detect([new(1, "Big panel", 2, L(22, 10), L(22, 11), 31)]));

        Assert.Equal(ConflictKind.RoomTooSmall, conflict.Kind);
        Assert.Contains("Blue holds 30", conflict.Message);
        Assert.Empty(Detect([new(1, "Fits", 2, L(22, 10), L(22, 11), 30)]));
    }
}
