using System.Globalization;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DaysOfClusters.Web.Features.Certificates;

public sealed record AttendedSession(string Title, DateTime StartLocal);

/// <summary>Everything printed on a certificate of attendance.</summary>
public sealed record CertificateDocument(
    string HolderName, string Organisation, string EventName, string EventTitle, string City, string? Venue, DateOnly Start, DateOnly End,
    int Attended, int Total, IReadOnlyList<AttendedSession> Sessions, DateOnly IssuedOn, string Number, string Code, string VerifyUrl,
    IReadOnlyList<PartnerView> Partners);

/// <summary>
/// A4 landscape certificate: the holder's name, the course and the sessions attended, and a QR linking to the verify page
/// with the signed code (drawn as vector squares, like the badge's). Partners and co-organisers sign off in the footer.
/// </summary>
public static class CertificateRenderer
{
    private static readonly XBrush BrandBrush = new XSolidBrush(BadgeRenderer.BrandBlue);
    private static readonly XBrush AccentBrush = new XSolidBrush(BadgeRenderer.BrandAccent);
    private static readonly XBrush InkBrush = new XSolidBrush(XColor.FromArgb(0x1A, 0x1A, 0x1A));
    private static readonly XBrush MutedBrush = new XSolidBrush(XColor.FromArgb(0x55, 0x5B, 0x66));
    private static readonly XPen FramePen = new(BadgeRenderer.BrandBlue, 1.2);
    private static readonly XPen RulePen = new(XColor.FromArgb(0xC9, 0xD6, 0xEA), 0.8);

    public static byte[] Render(CertificateDocument c)
    {
        BadgeFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Certificate of attendance — {c.HolderName} — {c.EventName}";
        document.Info.Creator = "DaysOfClusters";
        document.Info.Subject = c.Code;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(297);
        page.Height = XUnit.FromMillimeter(210);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, new BadgeText(gfx), c, page.Width.Point, page.Height.Point);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Draw(XGraphics gfx, BadgeText text, CertificateDocument c, double w, double h)
    {
        var margin = 28.0;
        gfx.DrawRectangle(FramePen, margin, margin, w - 2 * margin, h - 2 * margin);
        gfx.DrawRectangle(BrandBrush, margin, margin, w - 2 * margin, 62);
        gfx.DrawRectangle(AccentBrush, margin, margin + 62, w - 2 * margin, 4);
        text.Draw(gfx, "DAYS OF CLUSTERS NETWORK", bold: true, 11, XBrushes.White, margin + 22, margin + 26, XStringAlignment.Near);
        text.Draw(gfx, "Balkan and Black Sea cluster network", bold: false, 9, XBrushes.White, margin + 22, margin + 44, XStringAlignment.Near);
        text.Draw(gfx, c.EventName, bold: true, 11, XBrushes.White, w - margin - 22, margin + 26, XStringAlignment.Far);
        text.Draw(gfx, $"No. {c.Number}", bold: false, 9, XBrushes.White, w - margin - 22, margin + 44, XStringAlignment.Far);

        var centre = w / 2;
        var y = margin + 120;
        text.Draw(gfx, "CERTIFICATE OF ATTENDANCE", bold: true, 26, BrandBrush, centre, y, XStringAlignment.Center);
        y += 20;
        text.Draw(gfx, "Potvrda o pohađanju", bold: false, 11, MutedBrush, centre, y, XStringAlignment.Center);
        y += 34;
        text.Draw(gfx, "This is to certify that", bold: false, 12, InkBrush, centre, y, XStringAlignment.Center);

        var inner = w - 2 * margin - 80;
        var (nameLines, nameSize) = text.Fit(c.HolderName, bold: true, inner, 46, maxSize: 32, maxLines: 1);
        y += 12 + nameSize;
        foreach (var line in nameLines) text.Draw(gfx, line, bold: true, nameSize, InkBrush, centre, y, XStringAlignment.Center);
        if (!string.IsNullOrWhiteSpace(c.Organisation))
        {
            var (orgLines, orgSize) = text.Fit(c.Organisation, bold: false, inner, 16, maxSize: 13, maxLines: 1);
            y += 8 + orgSize;
            foreach (var line in orgLines) text.Draw(gfx, line, bold: false, orgSize, MutedBrush, centre, y, XStringAlignment.Center);
        }
        y += 26;
        var share = c.Total == 0 ? 0 : (int)Math.Round(100.0 * c.Attended / c.Total);
        text.Draw(gfx, $"attended {c.Attended} of the {c.Total} sessions ({share} %) of", bold: false, 12, InkBrush, centre, y, XStringAlignment.Center);
        var (titleLines, titleSize) = text.Fit($"{c.EventName}: {c.EventTitle}", bold: true, inner, 20, maxSize: 16, maxLines: 1);
        y += 8 + titleSize;
        foreach (var line in titleLines) text.Draw(gfx, line, bold: true, titleSize, BrandBrush, centre, y, XStringAlignment.Center);
        y += 18;
        var place = string.IsNullOrWhiteSpace(c.Venue) ? c.City : $"{c.Venue}, {c.City}";
        text.Draw(gfx, $"{place} · {BadgeService.FormatDates(c.Start, c.End)}", bold: false, 11, MutedBrush, centre, y, XStringAlignment.Center);

        // Sessions attended, in two columns when many, under a thin rule.
        y += 16;
        gfx.DrawLine(RulePen, margin + 120, y, w - margin - 120, y);
        y += 14;
        // At most ten lines (two columns of five) fit above the footer; a longer course says how many more there were.
        const int maxLines = 10;
        var lines = c.Sessions.Select(s => $"{s.StartLocal.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}  {s.Title}").ToList();
        if (lines.Count > maxLines) lines = [.. lines.Take(maxLines - 1), $"… and {lines.Count - (maxLines - 1)} more sessions"];
        var columns = lines.Count > 4 ? 2 : 1;
        var perColumn = (lines.Count + columns - 1) / columns;
        var columnWidth = (w - 2 * margin - 240) / columns;
        for (var i = 0; i < lines.Count; i++)
        {
            var column = i / Math.Max(1, perColumn);
            var row = i % Math.Max(1, perColumn);
            var x = margin + 120 + column * columnWidth;
            var (fit, size) = text.Fit(lines[i], bold: false, columnWidth - 10, 12, maxSize: 9, maxLines: 1);
            text.Draw(gfx, fit.FirstOrDefault() ?? "", bold: false, size, InkBrush, x, y + row * 13, XStringAlignment.Near);
        }

        DrawFooter(gfx, text, c, w, h, margin);
    }

    private static void DrawFooter(XGraphics gfx, BadgeText text, CertificateDocument c, double w, double h, double margin)
    {
        // The QR (a link to the verify page with the signed code) bottom right; issue facts bottom left.
        var qr = QrMatrix.Create(c.VerifyUrl);
        var side = 92.0;
        var qrX = w - margin - 16 - side;
        var qrY = h - margin - 16 - side;
        qr.Draw(gfx, qrX, qrY, side);
        text.Draw(gfx, "Scan to verify", bold: true, 8, MutedBrush, qrX + side / 2, qrY - 4, XStringAlignment.Center);

        var left = margin + 22;
        var bottom = h - margin - 18;
        text.Draw(gfx, $"Issued {c.IssuedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} · No. {c.Number}", bold: false, 9, InkBrush, left, bottom - 30, XStringAlignment.Near);
        text.Draw(gfx, "Digitally signed by the organisers (ES256). Check it at", bold: false, 8, MutedBrush, left, bottom - 18, XStringAlignment.Near);
        var (urlLines, urlSize) = text.Fit(VerifyBase(c.VerifyUrl), bold: false, qrX - left - 20, 10, maxSize: 8, maxLines: 1);
        text.Draw(gfx, urlLines.FirstOrDefault() ?? "", bold: false, urlSize, BrandBrush, left, bottom - 7, XStringAlignment.Near);

        if (c.Partners.Count > 0)
        {
            var partners = string.Join(" · ", c.Partners.Select(p => $"{p.Name} ({p.RoleText.ToLowerInvariant()})"));
            var (partnerLines, partnerSize) = text.Fit($"With {partners}", bold: false, qrX - left - 20, 24, maxSize: 9, maxLines: 2);
            var py = bottom - 58 - (partnerLines.Length - 1) * partnerSize * BadgeText.LineHeightFactor;
            foreach (var line in partnerLines)
            {
                text.Draw(gfx, line, bold: false, partnerSize, InkBrush, left, py, XStringAlignment.Near);
                py += partnerSize * BadgeText.LineHeightFactor;
            }
        }
    }

    /// <summary>The verify page's address without the code, readable for typing; the code itself is in the QR.</summary>
    private static string VerifyBase(string url) => url.Split('?')[0];
}
