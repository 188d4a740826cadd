using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using UglyToad.PdfPig;

namespace DaysOfClusters.UnitTests.Agenda;

public sealed class AgendaPdfTests
{
    private static readonly Edition Edition = new()
    {
        Title = "Days of Clusters 2027", Slug = "doc-2027", HostCity = "Niš", CountryCode = "RS", TimeZoneId = "Europe/Belgrade",
        StartDate = new DateOnly(2027, 9, 22), EndDate = new DateOnly(2027, 9, 23),
    };

    [Fact]
    public void Build_WhenRoundTableHasTopicSeatsAndOrganisations_PrintsThemUnderTheTitleAtLocalTime()
    {
        var start = new DateTime(2027, 9, 22, 12, 0, 0, DateTimeKind.Utc); // 14:00 in Niš (CEST)
        var table = new PublishedSession(5, "Round table: green energy clusters", null, SessionKind.RoundTable, null, null, null, 1, "Blue Room",
            start, start.AddMinutes(75), "English", false, 25, "Green energy value chains", "Elena Mock", ["Black Sea Energy Cluster", "Niš ICT Cluster"], []);
        var plenary = new PublishedSession(6, "Opening plenary", null, SessionKind.Plenary, null, null, null, 1, "Great Hall",
            start.AddHours(-4), start.AddHours(-3), "English", false, null, null, null, [], []);

        var bytes = AgendaPdf.Build(Edition, 3, [plenary, table]);

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("14:00–15:15", text, StringComparison.Ordinal);
        Assert.Contains("Topic: Green energy value chains · 25 seats · With Black Sea Energy Cluster, Niš ICT Cluster", text, StringComparison.Ordinal);
        Assert.Contains("agenda v3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Topic:", text[..text.IndexOf("Round table: green", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTableLine_WhenNotARoundTable_IsNull() =>
        Assert.Null(AgendaPdf.RoundTableLine(new PublishedSession(1, "Panel", null, SessionKind.Panel, null, null, null, null, null,
            DateTime.UtcNow, DateTime.UtcNow.AddHours(1), null, false, 30, "Topic", null, ["Org"], [])));
}
