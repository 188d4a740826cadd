using DaysOfClusters.Web.Features.Agenda;

namespace DaysOfClusters.UnitTests.Agenda;

public sealed class TimetableLayoutTests
{
    private static readonly DateOnly Day = new(2027, 9, 22);

    private static DateTime At(int hour, int minute = 0, int dayOffset = 0) => Day.AddDays(dayOffset).ToDateTime(new TimeOnly(hour, minute));

    private static TimetableLayout Grid(params (DateTime Start, DateTime End)[] sessions) => TimetableLayout.ForDay(Day, sessions);

    [Fact]
    public void ForDay_WhenNoSessions_RunsFromEightToTwentyTwo()
    {
        var layout = Grid();

        Assert.Equal(At(8), layout.Start);
        Assert.Equal(14 * 4, layout.Slots);
        Assert.Equal(56 * 18, layout.HeightPx);
    }

    [Fact]
    public void ForDay_WhenSessionsFitTheDay_KeepsEightToTwentyTwo()
    {
        var layout = Grid((At(9), At(10)), (At(20, 30), At(22)));

        Assert.Equal(At(8), layout.Start);
        Assert.Equal(56, layout.Slots);
    }

    [Fact]
    public void ForDay_WhenASessionStartsEarly_StartsOnItsHour()
    {
        var layout = Grid((At(6, 45), At(7, 5)));

        Assert.Equal(At(6), layout.Start);
        Assert.Equal(16 * 4, layout.Slots);
    }

    [Fact]
    public void ForDay_WhenASessionEndsLate_EndsOnTheHourAfterIt()
    {
        var layout = Grid((At(22, 10), At(22, 40)));

        Assert.Equal((23 - 8) * 4, layout.Slots);
    }

    [Fact]
    public void ForDay_WhenASessionRunsPastMidnight_EndsAtMidnight()
    {
        var layout = Grid((At(22, 30), At(0, 35, dayOffset: 1)));

        Assert.Equal((24 - 8) * 4, layout.Slots);
        Assert.Equal(64 * 18, layout.HeightPx);
    }

    [Fact]
    public void SlotStart_WhenCounted_StepsFifteenMinutesFromTheTop()
    {
        var layout = Grid((At(7, 20), At(8)));

        Assert.Equal(At(7), layout.SlotStart(0));
        Assert.Equal(At(7, 15), layout.SlotStart(1));
        Assert.Equal(At(9, 30), layout.SlotStart(10));
    }

    [Fact]
    public void SlotTop_WhenCounted_StepsEighteenPixels()
    {
        Assert.Equal(0, TimetableLayout.SlotTop(0));
        Assert.Equal(18, TimetableLayout.SlotTop(1));
        Assert.Equal(1152, TimetableLayout.SlotTop(64));
    }

    [Fact]
    public void HourSlots_WhenListed_AreEveryFourthSlot()
    {
        var layout = Grid();

        Assert.Equal(Enumerable.Range(0, 14).Select(h => h * 4), layout.HourSlots());
    }

    [Fact]
    public void Card_WhenAnHourAtNine_SitsFourSlotsPerHourDown()
    {
        var box = Grid().Card(At(9), TimeSpan.FromHours(1), lane: 0, laneCount: 1);

        Assert.Equal(new CardBox("72", "70", "0", "100"), box);
    }

    [Fact]
    public void Card_WhenShorterThanASlot_IsOneSlotTall()
    {
        var box = Grid().Card(At(10, 15), TimeSpan.FromMinutes(7), lane: 0, laneCount: 1);

        Assert.Equal("162", box.Top);
        Assert.Equal("16", box.Height);
    }

    [Fact]
    public void Card_WhenOffTheSlotGrid_KeepsTwoDecimals()
    {
        var box = Grid().Card(At(9, 47), TimeSpan.FromMinutes(50), lane: 2, laneCount: 3);

        Assert.Equal(new CardBox("128.4", "58", "66.67", "33.33"), box);
    }

    [Fact]
    public void Card_WhenTheGridStartsEarly_CountsFromItsTop()
    {
        var box = Grid((At(6, 45), At(7, 5))).Card(At(6, 45), TimeSpan.FromMinutes(20), lane: 1, laneCount: 2);

        Assert.Equal(new CardBox("54", "22", "50", "50"), box);
    }

    [Fact]
    public void Lanes_WhenSessionsOverlap_GivesEachItsOwnLane()
    {
        var lanes = TimetableLayout.Lanes([(1, At(9), At(10)), (2, At(9, 30), At(10, 15)), (3, At(9, 45), At(10, 35))]);

        Assert.Equal(3, lanes.Count);
        Assert.Equal([0, 1, 2], new[] { lanes[1], lanes[2], lanes[3] });
    }

    [Fact]
    public void Lanes_WhenBackToBack_SharesTheLane()
    {
        var lanes = TimetableLayout.Lanes([(1, At(9), At(10)), (2, At(10), At(11))]);

        Assert.Equal(1, lanes.Count);
        Assert.Equal(0, lanes[2]);
    }

    [Fact]
    public void Lanes_WhenAnEarlierLaneFreesUp_TakesTheFirstFreeLane()
    {
        var lanes = TimetableLayout.Lanes([(1, At(9), At(10)), (2, At(9, 30), At(12)), (3, At(10, 15), At(11))]);

        Assert.Equal(2, lanes.Count);
        Assert.Equal(0, lanes[3]);
    }

    [Fact]
    public void Lanes_WhenColumnIsEmpty_CountsOneLane()
    {
        Assert.Equal(1, TimetableLayout.Lanes([]).Count);
    }

    [Theory]
    [InlineData(100.0, 100.0, 0)]
    [InlineData(100.0, 136.0, 2)]
    [InlineData(100.0, 91.0, 0)] // half a slot up: rounds to even
    [InlineData(100.0, 127.0, 2)] // one and a half slots down: rounds to even
    [InlineData(300.0, 245.0, -3)]
    public void Steps_WhenGrabbed_RoundsThePointersTravelToSlots(double grab, double drop, int expected)
    {
        Assert.Equal(expected, TimetableLayout.Steps(grab, drop));
    }

    [Fact]
    public void Steps_WhenNeverGrabbed_IsNull()
    {
        Assert.Null(TimetableLayout.Steps(null, 240));
    }

    [Fact]
    public void MovedStart_WhenSteps_ShiftsTheStartBySlots()
    {
        Assert.Equal(At(9, 30), TimetableLayout.MovedStart(At(10), -2, At(15)));
    }

    [Fact]
    public void MovedStart_WhenNoSteps_StartsOnTheDropSlot()
    {
        Assert.Equal(At(15), TimetableLayout.MovedStart(At(10), null, At(15)));
    }

    [Fact]
    public void ResizedMinutes_WhenSteps_MovesTheEndBySlots()
    {
        Assert.Equal(90, TimetableLayout.ResizedMinutes(At(10), 60, 2, At(15)));
    }

    [Fact]
    public void ResizedMinutes_WhenNoSteps_EndsWithTheDropSlot()
    {
        Assert.Equal(75, TimetableLayout.ResizedMinutes(At(10), 60, null, At(11)));
    }

    [Fact]
    public void ResizedMinutes_WhenShrunkBelowASlot_KeepsOneSlot()
    {
        Assert.Equal(15, TimetableLayout.ResizedMinutes(At(10), 30, -4, At(15)));
        Assert.Equal(15, TimetableLayout.ResizedMinutes(At(10), 30, null, At(9)));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(216.0, "216")]
    [InlineData(100.0 / 3, "33.33")]
    [InlineData(200.0 / 3, "66.67")]
    [InlineData(12.5, "12.5")]
    public void Px_WhenFormatted_KeepsAtMostTwoDecimals(double value, string expected)
    {
        Assert.Equal(expected, TimetableLayout.Px(value));
    }
}
