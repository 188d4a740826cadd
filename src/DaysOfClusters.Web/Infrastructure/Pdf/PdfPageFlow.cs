using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DaysOfClusters.Web.Infrastructure.Pdf;

/// <summary>
/// Lays content down the A4 pages of one document, top to bottom: <see cref="Y"/> is where the next block goes, and a new
/// page starts at the top margin with its footer line ("… page n") already drawn. The caller decides when a block no
/// longer fits (<see cref="Fits"/>), so a block is never split across two pages.
/// </summary>
public sealed class PdfPageFlow : IDisposable
{
    private readonly XFont _footerFont;
    private readonly double _footerOffset;
    private readonly Func<int, string> _footer;
    private PdfPage? _page;
    private XGraphics? _gfx;

    /// <param name="margin">The margin on every side, in points.</param>
    /// <param name="footerFont">The font of the footer line.</param>
    /// <param name="footerOffset">How far below the bottom margin the footer line starts.</param>
    /// <param name="footer">The footer text of a page, given its number (from 1).</param>
    public PdfPageFlow(double margin, XFont footerFont, double footerOffset, Func<int, string> footer)
    {
        Margin = margin;
        _footerFont = footerFont;
        _footerOffset = footerOffset;
        _footer = footer;
    }

    public PdfDocument Document { get; } = new();

    public double Margin { get; }

    /// <summary>The number of the current page: 0 before the first <see cref="NewPage"/>.</summary>
    public int PageNumber { get; private set; }

    /// <summary>Where the next block goes on the current page, in points from the top.</summary>
    public double Y { get; set; }

    /// <summary>The graphics of the current page; a new one after every <see cref="NewPage"/>.</summary>
    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page yet: call NewPage first.");

    /// <summary>The width between the left and right margins.</summary>
    public double Width => Page.Width.Point - 2 * Margin;

    /// <summary>The bottom margin line: no block reaches below it.</summary>
    public double Bottom => Page.Height.Point - Margin;

    private PdfPage Page => _page ?? throw new InvalidOperationException("No page yet: call NewPage first.");

    /// <summary>Ends the current page (if any) and starts the next: footer drawn, <see cref="Y"/> back at the top margin.</summary>
    public void NewPage()
    {
        _gfx?.Dispose();
        _page = Document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        PageNumber++;
        Y = Margin;
        _gfx.DrawString(_footer(PageNumber), _footerFont, XBrushes.Gray, new XRect(Margin, Bottom + _footerOffset, Width, 12), XStringFormats.TopLeft);
    }

    /// <summary>Whether a block this high still fits above the bottom margin of the current page.</summary>
    public bool Fits(double height) => Y + height <= Bottom;

    /// <summary>Ends the last page and returns the document as PDF bytes.</summary>
    public byte[] Save()
    {
        _gfx?.Dispose();
        _gfx = null;
        using var stream = new MemoryStream();
        Document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        Document.Dispose();
    }
}
