using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>A one-page A4 report for sponsors and funders: the headline, a continent bar chart in vector shapes, the top countries.</summary>
public static class StatisticsPdf
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly XColor Navy = XColor.FromArgb(0x1B, 0x3A, 0x6B);
    private static readonly XColor Teal = XColor.FromArgb(0x00, 0x83, 0x8F);
    private static readonly XColor Grey = XColor.FromArgb(0x60, 0x60, 0x60);
    private static readonly XColor Light = XColor.FromArgb(0xE8, 0xEC, 0xF2);

    public static byte[] Render(StatisticsReport report, DateTime? generatedUtc = null)
    {
        DaysOfClusters.Web.Features.Badges.BadgeFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Days of Clusters – statistics – {report.ScopeName}";
        document.Info.Author = "Days of Clusters";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, report, generatedUtc ?? DateTime.UtcNow, page.Width.Point, page.Height.Point);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(DaysOfClusters.Web.Features.Badges.BadgeFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static void Draw(XGraphics gfx, StatisticsReport report, DateTime generatedUtc, double width, double height)
    {
        const double margin = 48;
        var contentWidth = width - 2 * margin;
        var h = report.Headline;

        gfx.DrawRectangle(new XSolidBrush(Navy), 0, 0, width, 8);
        var y = 44.0;
        gfx.DrawString("Days of Clusters", Font(11, bold: true), new XSolidBrush(Teal), margin, y);
        y += 24;
        // A long edition name shrinks the title until it fits the line instead of running off the page.
        var title = $"Who came, and from where — {report.ScopeName}";
        var titleSize = 17.0;
        while (titleSize > 9 && gfx.MeasureString(title, Font(titleSize, bold: true)).Width > width - 2 * margin) titleSize -= 0.5;
        gfx.DrawString(title, Font(titleSize, bold: true), new XSolidBrush(Navy), margin, y);

        // The answer first: one sentence in large type.
        y += 46;
        gfx.DrawString($"{N(h.Registered)} experts", Font(30, bold: true), new XSolidBrush(Navy), margin, y);
        y += 30;
        gfx.DrawString($"from {N(h.Countries)} {Plural(h.Countries, "country", "countries")} on {N(h.Continents)} {Plural(h.Continents, "continent", "continents")}",
            Font(20), new XSolidBrush(Navy), margin, y);
        y += 22;
        var attendedLine = h.Attended > 0
            ? $"{N(h.Attended)} attended (checked in at least once) from {N(h.AttendedCountries)} countries"
              + (h.NoShowRate is { } ns ? $"; no-show rate {ns.ToString("P0", En)}." : ".")
            : "Attendance figures appear once check-in has started.";
        gfx.DrawString(attendedLine, Font(10.5), new XSolidBrush(Grey), margin, y);

        // Pillars: three boxes.
        y += 22;
        var pillars = report.Pillars.Where(p => p.Key != "Other").ToList();
        var boxWidth = (contentWidth - 2 * 12) / 3;
        for (var i = 0; i < pillars.Count && i < 3; i++)
        {
            var x = margin + i * (boxWidth + 12);
            gfx.DrawRectangle(new XSolidBrush(Light), x, y, boxWidth, 50);
            gfx.DrawString(N(pillars[i].Registered), Font(18, bold: true), new XSolidBrush(Navy), x + 10, y + 24);
            gfx.DrawString(pillars[i].Label, Font(9.5), new XSolidBrush(Grey), x + 10, y + 41);
        }
        y += 78;

        // Continents: horizontal bars drawn as vector rectangles.
        gfx.DrawString("Registered by continent", Font(13, bold: true), new XSolidBrush(Navy), margin, y);
        y += 14;
        var continents = report.Continents.Where(c => c.Registered > 0).ToList();
        y = Bars(gfx, continents, margin, y, contentWidth, Navy, 20, 9);

        // Top countries.
        y += 18;
        gfx.DrawString("Top countries", Font(13, bold: true), new XSolidBrush(Navy), margin, y);
        y += 14;
        var top = report.Countries.Where(c => c.Registered > 0).Take(12).ToList();
        y = Bars(gfx, top, margin, y, contentWidth, Teal, 15, 8.5);
        var others = report.Countries.Skip(12).Sum(c => c.Registered);
        if (others > 0)
        {
            y += 4;
            gfx.DrawString($"… and {N(others)} more from {report.Countries.Skip(12).Count(c => c.Registered > 0)} other countries.", Font(9), new XSolidBrush(Grey), margin, y + 8);
        }

        var regions = report.Regions.Where(r => r.Registered > 0).Take(6).ToList();
        if (regions.Count > 0 && y < height - 100 - regions.Count * 15)
        {
            y += 26;
            gfx.DrawString("Named regions", Font(13, bold: true), new XSolidBrush(Navy), margin, y);
            y += 14;
            Bars(gfx, regions, margin, y, contentWidth, XColor.FromArgb(0x6A, 0x1B, 0x9A), 15, 8.5);
        }

        var footer = height - 40;
        gfx.DrawLine(new XPen(Light, 1), margin, footer - 14, width - margin, footer - 14);
        gfx.DrawString("Registered = confirmed registrations; cancelled, rejected, pending and waiting-list registrations are not counted. "
            , Font(7.5), new XSolidBrush(Grey), margin, footer);
        gfx.DrawString($"Erased registrations still count by country, continent and type. Generated {generatedUtc.ToString("d MMMM yyyy HH:mm", En)} UTC.",
            Font(7.5), new XSolidBrush(Grey), margin, footer + 11);
    }

    private static double Bars(XGraphics gfx, List<StatRow> rows, double x, double y, double width, XColor colour, double rowHeight, double fontSize)
    {
        if (rows.Count == 0)
        {
            gfx.DrawString("No registrations yet.", Font(9.5), new XSolidBrush(Grey), x, y + 12);
            return y + rowHeight;
        }
        const double labelWidth = 150;
        const double valueWidth = 60;
        var max = Math.Max(1, rows.Max(r => r.Registered));
        var barArea = width - labelWidth - valueWidth;
        foreach (var row in rows)
        {
            var barWidth = Math.Max(1.5, barArea * row.Registered / max);
            gfx.DrawString(Truncate(row.Label, 28), Font(fontSize), XBrushes.Black, new XRect(x, y, labelWidth - 8, rowHeight), XStringFormats.CenterLeft);
            gfx.DrawRectangle(new XSolidBrush(colour), x + labelWidth, y + rowHeight * 0.18, barWidth, rowHeight * 0.64);
            gfx.DrawString(N(row.Registered), Font(fontSize, bold: true), new XSolidBrush(Navy),
                new XRect(x + labelWidth + barWidth + 6, y, valueWidth, rowHeight), XStringFormats.CenterLeft);
            y += rowHeight;
        }
        return y;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
    private static string N(int n) => n.ToString("N0", En);
    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
