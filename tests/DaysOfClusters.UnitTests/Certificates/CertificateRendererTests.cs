using DaysOfClusters.Web.Features.Certificates;
using UglyToad.PdfPig;

namespace DaysOfClusters.UnitTests.Certificates;

public sealed class CertificateRendererTests
{
    /// <summary>A long course: nine sessions listed and a line for the rest, none dropped silently, all above the footer.</summary>
    [Fact]
    public void Render_WhenTheCourseHasMoreSessionsThanFit_ListsNineAndSaysHowManyMore()
    {
        var start = new DateTime(2027, 4, 14, 9, 0, 0);
        var sessions = Enumerable.Range(1, 17).Select(i => new AttendedSession($"Module {i:D2}", start.AddHours(i))).ToList();
        var document = new CertificateDocument("Milena Stojanović", "Klaster Jug", "4th Training", "Cluster management basics", "Leskovac", null,
            new DateOnly(2027, 4, 14), new DateOnly(2027, 4, 16), 17, 18, sessions, new DateOnly(2027, 4, 16), "T-00001", "C1.x", "https://example.org/v", []);

        using var pdf = PdfDocument.Open(CertificateRenderer.Render(document));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));

        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Contains("Module 09", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Module 10", text, StringComparison.Ordinal);
        Assert.Contains("and 8 more sessions", text, StringComparison.Ordinal);
    }
}
