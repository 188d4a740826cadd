using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Renders badges to one PDF. All sizes derive from the badge width/height, so every format shares one layout:
/// branded header band, name (≤ 2 lines, shrunk to fit), organisation, country, vector QR with its quiet zone,
/// short code, category band. Text stays text (searchable, extractable, crisp).
/// </summary>
public static class BadgeRenderer
{
    public static readonly XColor BrandBlue = XColor.FromArgb(0x1B, 0x3A, 0x6B);
    public static readonly XColor BrandAccent = XColor.FromArgb(0xF2, 0xA9, 0x00);

    private const double PointsPerMm = 72 / 25.4;

    private static readonly XBrush BrandBrush = new XSolidBrush(BrandBlue);
    private static readonly XBrush AccentBrush = new XSolidBrush(BrandAccent);
    private static readonly XBrush SubtitleBrush = new XSolidBrush(XColor.FromArgb(0xC9, 0xD6, 0xEA));
    private static readonly XBrush InkBrush = new XSolidBrush(XColor.FromArgb(0x1A, 0x1A, 0x1A));
    private static readonly XBrush MutedBrush = new XSolidBrush(XColor.FromArgb(0x55, 0x5B, 0x66));
    private static readonly XPen CropPen = new(XColors.Black, 0.3);

    public static byte[] Render(IReadOnlyList<BadgeData> badges, BadgeFormat format)
    {
        using var stream = new MemoryStream();
        Render(badges, format, stream);
        return stream.ToArray();
    }

    public static void Render(IReadOnlyList<BadgeData> badges, BadgeFormat format, Stream output) => Render(badges, format, output, null);

    /// <param name="progress">Told the number of badges drawn so far after every page (for progress bars of large print runs).</param>
    public static void Render(IReadOnlyList<BadgeData> badges, BadgeFormat format, Stream output, IProgress<int>? progress)
    {
        ArgumentNullException.ThrowIfNull(badges);
        ArgumentNullException.ThrowIfNull(output);
        BadgeFontResolver.EnsureRegistered();
        var layout = BadgeSheetLayout.For(format);

        // QR encoding (~0.6 ms CPU each) costs more than drawing and compressing a page together: the other cores
        // encode ahead in badge order and compress finished pages while this thread draws (see BadgeRenderWork).
        using var work = new BadgeRenderWork(badges, Environment.ProcessorCount - 1);
        RenderPages(badges, layout, work, output, progress);
    }

    private static void RenderPages(IReadOnlyList<BadgeData> badges, BadgeSheetLayout layout, BadgeRenderWork work, Stream output, IProgress<int>? progress)
    {
        using var document = new PdfDocument();
        document.Info.Title = badges.Count > 0 ? $"{badges[0].EditionTitle} — badges" : "Badges";
        document.Info.Creator = "DaysOfClusters";
        document.Options.CompressContentStreams = true;
        BadgeText? text = null;
        var qrContent = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);

        for (var first = 0; first < badges.Count; first += layout.BadgesPerPage)
        {
            var count = Math.Min(layout.BadgesPerPage, badges.Count - first);
            DrawPage(back: false);
            var anyBack = false;
            for (var i = 0; i < count; i++) anyBack |= badges[first + i].BackLines is not null;
            if (anyBack) DrawPage(back: true);
            progress?.Report(first + count);

            void DrawPage(bool back)
            {
                var page = document.AddPage();
                page.Width = XUnit.FromMillimeter(layout.PageWidthMm);
                page.Height = XUnit.FromMillimeter(layout.PageHeightMm);
                qrContent.Clear();
                using (var gfx = XGraphics.FromPdfPage(page))
                {
                    DrawSlots(gfx, page.Height.Point, back);
                }
                // One stream per page: XGraphics' own (balanced q…Q, so the QR runs start from default user space)
                // followed by the QR runs; compressed off this thread instead of one by one inside Save.
                PdfContent? content = null;
                foreach (var c in page.Contents) content = c;
                var drawn = content!.Stream!.Value;
                var merged = drawn;
                if (qrContent.WrittenCount > 0)
                {
                    merged = new byte[drawn.Length + 1 + qrContent.WrittenCount];
                    drawn.CopyTo(merged, 0);
                    merged[drawn.Length] = (byte)'\n';
                    qrContent.WrittenSpan.CopyTo(merged.AsSpan(drawn.Length + 1));
                }
                work.Compress(content, merged);
            }

            void DrawSlots(XGraphics gfx, double pageHeight, bool back)
            {
                text ??= new BadgeText(gfx);
                text.Measurer = gfx;
                for (var slot = 0; slot < count; slot++)
                {
                    var badge = badges[first + slot];
                    if (back && badge.BackLines is null) continue;
                    var (x, y) = layout.SlotOrigin(slot, back);
                    var state = gfx.Save();
                    gfx.TranslateTransform(x * PointsPerMm, y * PointsPerMm);
                    var size = new XSize(layout.BadgeWidthMm * PointsPerMm, layout.BadgeHeightMm * PointsPerMm);
                    if (back)
                    {
                        DrawBack(gfx, text, badge, size);
                    }
                    else
                    {
                        var qr = work.Qr(first + slot);
                        var (qrX, qrY, side) = DrawFront(gfx, text, badge, qr, size);
                        qr.WriteContent(qrContent, x * PointsPerMm + qrX, y * PointsPerMm + qrY, side, pageHeight);
                    }
                    gfx.Restore(state);
                }
                if (layout.IsSheet) DrawCropMarks(gfx, layout);
            }
        }

        if (badges.Count == 0) document.AddPage(); // PDFsharp cannot save an empty document.
        work.Finish();
        document.Save(output, closeStream: false);
    }

    /// <summary>Draws all but the QR's dark modules (left to the raw content writer); returns where the QR goes.</summary>
    private static (double X, double Y, double Side) DrawFront(XGraphics gfx, BadgeText text, BadgeData badge, QrMatrix qr, XSize size)
    {
        var (w, h) = (size.Width, size.Height);
        var margin = w * 0.06;
        var inner = w - 2 * margin;
        var y = DrawHeader(gfx, text, badge, w, h);

        // Name: the reason the badge exists; gets the most room and the largest type.
        var nameHeight = h * 0.2;
        y += h * 0.025;
        var first = badge.FirstName.Trim();
        var last = badge.LastName.Trim();
        var fullName = $"{first} {last}".Trim();
        var (nameLines, nameSize) = text.Fit(fullName, bold: true, inner, nameHeight, maxSize: w * 0.1, maxLines: 2,
            preferredBreak: first.Length > 0 && last.Length > 0 ? first.Length : -1);
        DrawLinesCentred(gfx, text, nameLines, nameSize, bold: true, InkBrush, w / 2, y, nameHeight);
        y += nameHeight + h * 0.012;

        if (!string.IsNullOrWhiteSpace(badge.Organisation))
        {
            var orgHeight = h * 0.07;
            // Never larger than the name: a long name shrinks, and its organisation must stay visibly secondary.
            var (orgLines, orgSize) = text.Fit(badge.Organisation, bold: false, inner, orgHeight, maxSize: Math.Min(w * 0.055, nameSize * 0.8), maxLines: 2);
            DrawLinesCentred(gfx, text, orgLines, orgSize, bold: false, InkBrush, w / 2, y, orgHeight);
            y += orgHeight;
        }
        if (!string.IsNullOrWhiteSpace(badge.CountryName))
        {
            var countryHeight = h * 0.04;
            var (countryLines, countrySize) = text.Fit(badge.CountryName, bold: false, inner, countryHeight, maxSize: Math.Min(w * 0.042, nameSize * 0.7), maxLines: 1);
            DrawLinesCentred(gfx, text, countryLines, countrySize, bold: false, MutedBrush, w / 2, y, countryHeight);
            y += countryHeight;
        }

        // Bottom up: category band, short code, then the QR takes what is left (capped so it never dominates).
        var bandHeight = h * 0.095;
        var bandTop = h - bandHeight;
        DrawCategoryBand(gfx, text, badge, w, bandTop, bandHeight);

        // The event's partners: small print above the band, on two lines at most rather than shrunk out of reading.
        var footerBottom = bandTop;
        if (!string.IsNullOrWhiteSpace(badge.Partners))
        {
            var footerHeight = h * 0.05;
            var (partnerLines, partnerSize) = text.Fit(badge.Partners, bold: false, inner, footerHeight, maxSize: w * 0.026, maxLines: 2);
            if (partnerLines.Length > 0)
            {
                var used = partnerLines.Length * partnerSize * BadgeText.LineHeightFactor;
                DrawLinesCentred(gfx, text, partnerLines, partnerSize, bold: false, MutedBrush, w / 2, bandTop - h * 0.008 - used, used);
                footerBottom = bandTop - h * 0.008 - used;
            }
        }

        var codeSize = BadgeText.Snap(w * 0.04);
        var codeBaseline = footerBottom - h * 0.022;
        text.Draw(gfx, badge.ShortCode, bold: true, codeSize, InkBrush, w / 2, codeBaseline, XStringAlignment.Center);

        var qrBottom = codeBaseline - codeSize * 1.05;
        var qrTop = y + h * 0.008;
        var side = Math.Min(qrBottom - qrTop, w * 0.6);
        // Whole device pixels per module at 300 dpi print would need exact sizes; instead keep the side a multiple of the module count in 1/100 pt.
        side = Math.Floor(side / qr.SizeWithQuietZone * 100) / 100 * qr.SizeWithQuietZone;
        var qrY = qrTop + (qrBottom - qrTop - side) / 2;
        var qrX = (w - side) / 2;
        gfx.DrawRectangle(XBrushes.White, qrX, qrY, side, side);
        return (qrX, qrY, side);
    }

    /// <summary>Header band in brand colours with a drawn logo mark; returns its bottom.</summary>
    private static double DrawHeader(XGraphics gfx, BadgeText text, BadgeData badge, double w, double h)
    {
        var bandHeight = h * 0.13;
        gfx.DrawRectangle(BrandBrush, 0, 0, w, bandHeight);
        gfx.DrawRectangle(AccentBrush, 0, bandHeight, w, h * 0.006);

        // Logo mark: three nodes of a "cluster", one in the accent colour.
        var unit = bandHeight * 0.16;
        var cx = w * 0.06 + unit * 1.6;
        var cy = bandHeight / 2;
        gfx.DrawEllipse(XBrushes.White, cx - unit * 1.6, cy - unit * 0.2, unit * 1.3, unit * 1.3);
        gfx.DrawEllipse(XBrushes.White, cx + unit * 0.3, cy - unit * 0.2, unit * 1.3, unit * 1.3);
        gfx.DrawEllipse(AccentBrush, cx - unit * 0.65, cy - unit * 1.55, unit * 1.3, unit * 1.3);

        var left = cx + unit * 2.2;
        var available = w - left - w * 0.05;
        var (titleLines, titleSize) = text.Fit(badge.EditionTitle, bold: true, available, bandHeight * 0.42, maxSize: w * 0.055, maxLines: 1);
        var subtitle = string.Join(" · ", new[] { badge.EditionDates, badge.EditionCity }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var (subLines, subSize) = text.Fit(subtitle, bold: false, available, bandHeight * 0.28, maxSize: w * 0.034, maxLines: 1);
        var blockHeight = titleSize * 1.0 + subSize * 1.35;
        var baseline = (bandHeight - blockHeight) / 2 + titleSize * 0.9;
        if (titleLines.Length > 0) text.Draw(gfx, titleLines[0], bold: true, titleSize, XBrushes.White, left, baseline, XStringAlignment.Near);
        if (subLines.Length > 0) text.Draw(gfx, subLines[0], bold: false, subSize, SubtitleBrush, left, baseline + subSize * 1.45, XStringAlignment.Near);
        return bandHeight + h * 0.006;
    }

    private static void DrawCategoryBand(XGraphics gfx, BadgeText text, BadgeData badge, double w, double top, double height)
    {
        var colour = ParseColour(badge.CategoryColorHex);
        gfx.DrawRectangle(new XSolidBrush(colour), 0, top, w, height);
        var label = badge.CategoryName.Trim().ToUpper(CultureInfo.InvariantCulture);
        var (lines, size) = text.Fit(label, bold: true, w * 0.9, height * 0.75, maxSize: height * 0.5, maxLines: 1);
        if (lines.Length == 0) return;
        var brush = ContrastingText(colour) ? XBrushes.White : XBrushes.Black;
        // Cap height of DejaVu is ~0.73 em: centre the capitals, not the em box.
        text.Draw(gfx, lines[0], bold: true, size, brush, w / 2, top + height / 2 + size * 0.365, XStringAlignment.Center);
    }

    private static void DrawBack(XGraphics gfx, BadgeText text, BadgeData badge, XSize size)
    {
        var (w, h) = (size.Width, size.Height);
        var margin = w * 0.08;
        var y = DrawHeader(gfx, text, badge, w, h) + h * 0.04;
        var lines = badge.BackLines ?? [];
        if (lines.Count == 0)
        {
            // No agenda (yet): the back just names the event, so a badge turned round in its pouch still says where it belongs.
            var blockTop = h * 0.3;
            var (titleLines, titleSize) = text.Fit(badge.EditionTitle, bold: true, w - 2 * margin, h * 0.22, maxSize: w * 0.085, maxLines: 3);
            DrawLinesCentred(gfx, text, titleLines, titleSize, bold: true, BrandBrush, w / 2, blockTop, h * 0.22);
            gfx.DrawRectangle(AccentBrush, w * 0.35, blockTop + h * 0.25, w * 0.3, h * 0.006);
            var detailTop = blockTop + h * 0.29;
            var details = new (string? Text, int MaxLines, double Height, XBrush Brush)[]
            {
                (badge.EditionTheme, 2, h * 0.1, BrandBrush),
                (badge.EditionDates, 1, h * 0.06, InkBrush),
                (badge.EditionCity, 1, h * 0.06, MutedBrush),
            };
            foreach (var (detail, maxLines, height, brush) in details)
            {
                if (string.IsNullOrWhiteSpace(detail)) continue;
                var (detailLines, detailSize) = text.Fit(detail, bold: false, w - 2 * margin, height, maxSize: w * 0.05, maxLines);
                DrawLinesCentred(gfx, text, detailLines, detailSize, bold: false, brush, w / 2, detailTop, height);
                detailTop += height;
            }
            return;
        }
        var headingSize = BadgeText.Snap(w * 0.06);
        y += headingSize;
        text.Draw(gfx, "Your agenda", bold: true, headingSize, BrandBrush, margin, y, XStringAlignment.Near);
        y += headingSize * 0.6;
        var bottom = h - h * 0.05;
        var lineSize = BadgeText.Snap(Math.Min(w * 0.04, (bottom - y) / (lines.Count * 1.45)));
        foreach (var line in lines)
        {
            var fitted = text.Fit(line, bold: false, w - 2 * margin, lineSize * 1.45, lineSize, maxLines: 1).Size;
            y += lineSize * 1.45;
            text.Draw(gfx, line, bold: false, fitted, InkBrush, margin, y, XStringAlignment.Near);
        }
    }

    private static void DrawLinesCentred(XGraphics gfx, BadgeText text, string[] lines, double size, bool bold, XBrush brush, double centreX, double top, double height)
    {
        if (lines.Length == 0) return;
        var lineHeight = size * BadgeText.LineHeightFactor;
        var firstBaseline = top + (height - lines.Length * lineHeight) / 2 + size * 0.93;
        for (var i = 0; i < lines.Length; i++)
        {
            text.Draw(gfx, lines[i], bold, size, brush, centreX, firstBaseline + i * lineHeight, XStringAlignment.Center);
        }
    }

    /// <summary>Marks on every cut line, outside the badges where the sheet has a margin, on the page edge otherwise.</summary>
    private static void DrawCropMarks(XGraphics gfx, BadgeSheetLayout layout)
    {
        const double gap = 1.5, length = 5; // mm
        static double Pt(double mm) => mm * PointsPerMm;
        var left = layout.OriginXMm;
        var top = layout.OriginYMm;
        var right = left + layout.Columns * layout.BadgeWidthMm;
        var bottom = top + layout.Rows * layout.BadgeHeightMm;
        for (var c = 0; c <= layout.Columns; c++)
        {
            var x = left + c * layout.BadgeWidthMm;
            var topEnd = Math.Max(0, top - gap);
            var bottomStart = Math.Min(layout.PageHeightMm, bottom + gap);
            var topStart = Math.Max(0, topEnd - length);
            var bottomEnd = Math.Min(layout.PageHeightMm, bottomStart + length);
            // Edge-to-edge sheets (4 × A6) have no margin: draw a short mark from the page edge instead.
            if (topEnd - topStart < 1) (topStart, topEnd) = (0, length * 0.6);
            if (bottomEnd - bottomStart < 1) (bottomStart, bottomEnd) = (layout.PageHeightMm - length * 0.6, layout.PageHeightMm);
            if (x <= 0 || x >= layout.PageWidthMm) continue;
            gfx.DrawLine(CropPen, Pt(x), Pt(topStart), Pt(x), Pt(topEnd));
            gfx.DrawLine(CropPen, Pt(x), Pt(bottomStart), Pt(x), Pt(bottomEnd));
        }
        for (var r = 0; r <= layout.Rows; r++)
        {
            var y = top + r * layout.BadgeHeightMm;
            var leftEnd = Math.Max(0, left - gap);
            var leftStart = Math.Max(0, leftEnd - length);
            var rightStart = Math.Min(layout.PageWidthMm, right + gap);
            var rightEnd = Math.Min(layout.PageWidthMm, rightStart + length);
            if (leftEnd - leftStart < 1) (leftStart, leftEnd) = (0, length * 0.6);
            if (rightEnd - rightStart < 1) (rightStart, rightEnd) = (layout.PageWidthMm - length * 0.6, layout.PageWidthMm);
            if (y <= 0.6 || y >= layout.PageHeightMm - 0.6) continue;
            gfx.DrawLine(CropPen, Pt(leftStart), Pt(y), Pt(leftEnd), Pt(y));
            gfx.DrawLine(CropPen, Pt(rightStart), Pt(y), Pt(rightEnd), Pt(y));
        }
    }

    /// <summary>"#RRGGBB", "RRGGBB" or "#RGB"; anything else is a neutral grey so a typo never breaks printing.</summary>
    internal static XColor ParseColour(string? hex)
    {
        var s = (hex ?? "").Trim().TrimStart('#');
        if (s.Length == 3) s = string.Concat(s.Select(c => new string(c, 2)));
        return s.Length == 6 && int.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)
            ? XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            : XColor.FromArgb(0x80, 0x80, 0x80);
    }

    /// <summary>True when white text contrasts more than black (WCAG relative luminance).</summary>
    internal static bool ContrastingText(XColor background)
    {
        static double Linear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var l = 0.2126 * Linear(background.R / 255.0) + 0.7152 * Linear(background.G / 255.0) + 0.0722 * Linear(background.B / 255.0);
        return 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
    }
}
