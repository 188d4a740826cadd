using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using static DaysOfClusters.UnitTests.Matchmaking.SchedulingTestKit;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class SchedulingSupportTests
{
    private static readonly SchedulingProblem Small = new(2, 2,
        [Person("a", 0, 1), Person("b", 0, 1), Person("c", 1)],
        [new("ab", "a", "b", FixedTable: 2), new("ac", "a", "c"), new("bc", "b", "c", Locked: new(1, 1))]);

    [Fact]
    public void Violations_WhenScheduleBreaksRules_ReportsEachRule()
    {
        var bad = new Dictionary<string, MeetingPlacement>
        {
            ["ab"] = new(1, 1),   // wrong fixed table, double-books a and b with the others, shares table 1 in slot 1
            ["ac"] = new(0, 3),   // c is unavailable in slot 0, table 3 does not exist
            ["ghost"] = new(0, 1),
        };

        var violations = ScheduleValidator.Violations(Small, bad);

        Assert.Contains(violations, v => v.Contains("fixed table", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("unavailable", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("outside 1..2", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Unknown meeting", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Locked meeting 'bc' is not scheduled", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_WhenParticipantDoubleBookedAndTableShared_ReportsBoth()
    {
        var bad = new Dictionary<string, MeetingPlacement> { ["ab"] = new(1, 2), ["bc"] = new(1, 1), ["ac"] = new(1, 1) };

        var violations = ScheduleValidator.Violations(Small, bad);

        Assert.Contains(violations, v => v.Contains("has both", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Table 1 holds both", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadProblem_WhenWrittenProblem_RoundTrips()
    {
        var json = SchedulingJson.WriteProblem(Small);

        var read = SchedulingJson.ReadProblem(json);

        Assert.Equal(json, SchedulingJson.WriteProblem(read));
        Assert.Equal(Small.Meetings, read.Meetings);
        Assert.Equal(new[] { 0, 1 }, read.Participants[0].AvailableSlots);
    }

    [Fact]
    public void ReadProblem_WhenBenchFormat_ParsesOptionalFields()
    {
        const string json = """{"slots":2,"tables":3,"participants":[{"id":"p1","available":[0,1]},{"id":"p2","available":[1]}],"meetings":[{"id":"m1","a":"p1","b":"p2","priority":2,"fixedTable":3}]}""";

        var problem = SchedulingJson.ReadProblem(json);

        Assert.Equal(new SchedulingMeeting("m1", "p1", "p2", 2, 3), problem.Meetings.Single());
        Assert.Equal(3, problem.Tables);
    }

    [Fact]
    public void WriteAssignments_WhenScheduled_RoundTrips()
    {
        var result = ScheduleAndCheck(Small);

        var json = SchedulingJson.WriteAssignments(Small, result.Assignments);

        Assert.StartsWith("""{"assignments":[{"meeting":""", json, StringComparison.Ordinal);
        Assert.Equal(result.Assignments.OrderBy(a => a.Key), SchedulingJson.ReadAssignments(json).OrderBy(a => a.Key));
    }

    [Fact]
    public void Generate_WhenSameSeed_IsIdenticalAndWellFormed()
    {
        var first = SchedulingInstanceGenerator.Generate(80, 700, 10, 20, 5);
        var second = SchedulingInstanceGenerator.Generate(80, 700, 10, 20, 5);

        Assert.Equal(SchedulingJson.WriteProblem(first), SchedulingJson.WriteProblem(second));
        Assert.Equal(700, first.Meetings.Count);
        Assert.All(first.Meetings, m => Assert.NotEqual(m.A, m.B));
        Assert.Equal(700, first.Meetings.Select(m => string.CompareOrdinal(m.A, m.B) < 0 ? (m.A, m.B) : (m.B, m.A)).Distinct().Count());
        Assert.All(first.Participants, p => Assert.InRange(p.AvailableSlots.Count, 5, 10));
    }
}
