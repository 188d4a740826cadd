using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Text measuring and drawing for badges: splits text into runs of DejaVu / fallback font, caches XFont objects
/// per (font, size) and fits text into a box by shrinking (never cutting).
/// Not thread-safe: one instance per render.
/// </summary>
internal sealed class BadgeText(XGraphics measureContext)
{
    public const double LineHeightFactor = 1.18;

    /// <summary>Widths are linear in size, so everything is measured once at this size and scaled.</summary>
    private const double ReferenceSize = 100;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly Dictionary<(bool Fallback, bool Bold, int QuarterPoints), XFont> _fonts = [];

    public XGraphics Measurer { get; set; } = measureContext;

    /// <summary>Sizes snap down to quarter points so the font cache stays small and the text still fits.</summary>
    public static double Snap(double size) => Math.Max(0.25, Math.Floor(size * 4) / 4);

    public XFont Font(bool bold, double size, bool fallback = false)
    {
        var key = (fallback, bold, (int)Math.Round(size * 4));
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new XFont(fallback ? BadgeFontResolver.FallbackFamily : BadgeFontResolver.Family, key.Item3 / 4.0,
                bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            _fonts[key] = font;
        }
        return font;
    }

    /// <summary>Runs of consecutive characters sharing a font; combining marks stay with their base character.</summary>
    public static List<(string Text, bool Fallback)> Runs(string text)
    {
        if (AllPrimary(text)) return [(text, false)];
        var runs = new List<(string, bool)>(1);
        var current = new StringBuilder(text.Length);
        var currentFallback = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var keep = current.Length > 0 && (category is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpaceSeparator);
            var fallback = keep ? currentFallback : !BadgeFontResolver.PrimaryCovers(rune) && BadgeFontResolver.FallbackCovers(rune);
            if (current.Length > 0 && fallback != currentFallback)
            {
                runs.Add((current.ToString(), currentFallback));
                current.Clear();
            }
            currentFallback = fallback;
            current.Append(rune.ToString());
        }
        if (current.Length > 0) runs.Add((current.ToString(), currentFallback));
        return runs;
    }

    private static bool AllPrimary(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!BadgeFontResolver.PrimaryCovers(rune)) return false;
        }
        return true;
    }

    public double Width(string text, bool bold, double size) => WidthAtReference(text, bold) * size / ReferenceSize;

    private readonly Dictionary<(string, bool), double> _widths = [];

    private double WidthAtReference(string text, bool bold)
    {
        // Edition title, dates, categories and countries repeat on every badge: measure each once.
        if (_widths.TryGetValue((text, bold), out var cached)) return cached;
        if (_widths.Count > 50_000) _widths.Clear();
        double width = 0;
        foreach (var (run, fallback) in Runs(text))
        {
            width += Measurer.MeasureString(run, Font(bold, ReferenceSize, fallback)).Width;
        }
        _widths[(text, bold)] = width;
        return width;
    }

    public void Draw(XGraphics gfx, string text, bool bold, double size, XBrush brush, double x, double baseline, XStringAlignment alignment)
    {
        var runs = Runs(text);
        if (runs.Count == 1 && !runs[0].Fallback)
        {
            var format = alignment switch
            {
                XStringAlignment.Center => XStringFormats.BaseLineCenter,
                XStringAlignment.Far => XStringFormats.BaseLineRight,
                _ => XStringFormats.BaseLineLeft,
            };
            gfx.DrawString(text, Font(bold, size), brush, x, baseline, format);
            return;
        }
        var total = Width(text, bold, size);
        var left = alignment switch { XStringAlignment.Center => x - total / 2, XStringAlignment.Far => x - total, _ => x };
        foreach (var (run, fallback) in runs)
        {
            var font = Font(bold, size, fallback);
            gfx.DrawString(run, font, brush, left, baseline, XStringFormats.BaseLineLeft);
            left += gfx.MeasureString(run, font).Width;
        }
    }

    /// <summary>
    /// Largest size ≤ <paramref name="maxSize"/> at which <paramref name="text"/> fits the box in at most
    /// <paramref name="maxLines"/> lines, breaking only at spaces; a preferred break (between first and last name) wins
    /// when it costs less than 8 % of the size. Never truncates: long unbreakable text just gets smaller.
    /// </summary>
    public (string[] Lines, double Size) Fit(string text, bool bold, double width, double height, double maxSize, int maxLines, int preferredBreak = -1)
    {
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0) return ([], maxSize);

        string[] single = [text];
        var singleSize = SizeFor(single);
        if (singleSize >= maxSize || maxLines < 2) return (single, Snap(singleSize));

        string[]? bestLines = null, preferredLines = null;
        double bestSize = 0, preferredSize = 0;
        for (var i = text.IndexOf(' ', StringComparison.Ordinal); i > 0; i = text.IndexOf(' ', i + 1))
        {
            string[] lines = [text[..i], text[(i + 1)..]];
            var size = SizeFor(lines);
            if (i == preferredBreak)
            {
                preferredLines = lines;
                preferredSize = size;
            }
            // Equal sizes (both capped at maxSize): the more balanced break reads better than a lone first word.
            if (size > bestSize * (1 + 1e-9) || (bestLines is not null && size >= bestSize * (1 - 1e-9) && Widest(lines) < Widest(bestLines)))
            {
                bestSize = size;
                bestLines = lines;
            }
        }
        if (preferredLines is not null && preferredSize >= bestSize * 0.92)
        {
            bestLines = preferredLines;
            bestSize = preferredSize;
        }
        // A second line must buy real size (> 12 %); otherwise one line reads better and keeps badges uniform.
        return bestLines is not null && bestSize > singleSize * 1.12 ? (bestLines, Snap(bestSize)) : (single, Snap(singleSize));

        double Widest(string[] lines) => lines.Max(l => WidthAtReference(l, bold));

        double SizeFor(string[] lines)
        {
            var widest = Widest(lines) / ReferenceSize;
            var byWidth = widest > 0 ? width / widest : maxSize;
            var byHeight = height / (lines.Length * LineHeightFactor);
            return Math.Min(maxSize, Math.Min(byWidth, byHeight));
        }
    }
}
