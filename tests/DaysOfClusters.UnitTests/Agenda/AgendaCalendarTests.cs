using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using Ical.Net;

namespace DaysOfClusters.UnitTests.Agenda;

public sealed class AgendaCalendarTests
{
    private static PublishedSession Session(int id, DateTime startUtc, bool cancelled = false) =>
        new(id, $"Session {id}", "About it", SessionKind.Plenary, 1, "Policy", "#123456", 1, "Great Hall", startUtc, startUtc.AddMinutes(90), "English",
            cancelled, null, null, null, [], [new PublishedSpeaker(1, "Ana Example", "Example Cluster", "RS", null, SpeakerRole.Speaker)]);

    [Fact]
    public void Build_WhenSessionAt10Belgrade_WritesTzidAndVtimezoneAndParsesBackAs10Local()
    {
        var start = EditionRules.ToUtc(new DateTime(2027, 9, 22, 10, 0, 0), "Europe/Belgrade");

        var text = AgendaCalendar.Build("Demo", "Europe/Belgrade", [Session(7, start)], "https://example.test", "demo");

        Assert.Contains("DTSTART;TZID=Europe/Belgrade:20270922T100000", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        var evt = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal(new DateTime(2027, 9, 22, 10, 0, 0), evt.DtStart!.Value);
        Assert.Equal(start, evt.DtStart.AsUtc);
        Assert.Equal("Great Hall", evt.Location);
        Assert.Equal("session-7@demo.daysofclusters", evt.Uid);
        Assert.Equal(new Uri("https://example.test/e/demo/sessions/7"), evt.Url);
    }

    [Fact]
    public void Build_WhenWinterTime_UsesWinterOffset()
    {
        var start = EditionRules.ToUtc(new DateTime(2027, 12, 1, 10, 0, 0), "Europe/Belgrade");

        var evt = Assert.Single(Calendar.Load(AgendaCalendar.Build("Demo", "Europe/Belgrade", [Session(1, start)], null, "demo"))!.Events);

        Assert.Equal(new DateTime(2027, 12, 1, 9, 0, 0, DateTimeKind.Utc), evt.DtStart!.AsUtc);
    }

    [Fact]
    public void Build_WhenSecondVersion_WritesSequenceAndPublicationStamp()
    {
        var published = new DateTime(2027, 9, 1, 8, 30, 0, DateTimeKind.Utc);

        var text = AgendaCalendar.Build("Demo", "Europe/Belgrade", [Session(1, published.AddDays(21))], null, "demo", version: 2, publishedUtc: published);

        Assert.Contains("SEQUENCE:2", text);
        Assert.Contains("DTSTAMP:20270901T083000Z", text);
        Assert.Equal(2, Assert.Single(Calendar.Load(text)!.Events).Sequence);
    }

    [Fact]
    public void Build_WhenSessionCancelled_MarksEventCancelled()
    {
        var text = AgendaCalendar.Build("Demo", "Europe/Belgrade", [Session(1, DateTime.UtcNow, cancelled: true)], null, "demo");

        Assert.Contains("STATUS:CANCELLED", text);
        Assert.Contains("SUMMARY:CANCELLED: Session 1", text);
    }

    [Fact]
    public void ToUtc_WhenLocalBelgradeSummerTime_IsTwoHoursEarlier()
    {
        Assert.Equal(new DateTime(2027, 9, 22, 8, 0, 0), EditionRules.ToUtc(new DateTime(2027, 9, 22, 10, 0, 0), "Europe/Belgrade"));
        Assert.Equal(new DateTime(2027, 9, 22, 10, 0, 0), EditionRules.ToLocal(new DateTime(2027, 9, 22, 8, 0, 0), "Europe/Belgrade"));
    }
}
