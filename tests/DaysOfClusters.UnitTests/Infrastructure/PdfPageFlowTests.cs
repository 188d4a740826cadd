using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Infrastructure.Pdf;
using PdfSharp.Drawing;
using UglyToad.PdfPig;

namespace DaysOfClusters.UnitTests.Infrastructure;

public sealed class PdfPageFlowTests
{
    private static PdfPageFlow NewFlow()
    {
        BadgeFontResolver.EnsureRegistered();
        var small = new XFont(BadgeFontResolver.Family, 7.5, XFontStyleEx.Regular);
        return new PdfPageFlow(40, small, footerOffset: 10, page => $"Footer of page {page}");
    }

    [Fact]
    public void NewPage_WhenCalledTwice_NumbersThePagesAndStartsEachAtTheTopMargin()
    {
        using var flow = NewFlow();

        flow.NewPage();
        flow.Y += 300;
        flow.NewPage();

        Assert.Equal(2, flow.PageNumber);
        Assert.Equal(40, flow.Y);
        Assert.Equal(2, flow.Document.PageCount);
    }

    [Fact]
    public void Width_WhenOnAnA4Page_IsThePageWidthLessBothMargins()
    {
        using var flow = NewFlow();
        flow.NewPage();

        Assert.Equal(595.0 - 80, flow.Width, precision: 0);
        Assert.Equal(842.0 - 40, flow.Bottom, precision: 0);
    }

    [Fact]
    public void Fits_WhenTheBlockWouldCrossTheBottomMargin_IsFalse()
    {
        using var flow = NewFlow();
        flow.NewPage();
        flow.Y = flow.Bottom - 20;

        Assert.True(flow.Fits(20));
        Assert.False(flow.Fits(20.5));
    }

    [Fact]
    public void Gfx_WhenNoPageYet_Throws()
    {
        using var flow = NewFlow();

        Assert.Throws<InvalidOperationException>(() => flow.Gfx);
    }

    [Fact]
    public void Save_WhenThreePages_WritesEachPageItsOwnFooter()
    {
        using var flow = NewFlow();
        for (var i = 0; i < 3; i++)
        {
            flow.NewPage();
            flow.Gfx.DrawString($"Body {i + 1}", new XFont(BadgeFontResolver.Family, 9, XFontStyleEx.Regular), XBrushes.Black, flow.Margin, flow.Y + 10);
        }

        var bytes = flow.Save();

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(3, pdf.NumberOfPages);
        for (var n = 1; n <= 3; n++)
        {
            var text = string.Join(" ", pdf.GetPage(n).GetWords().Select(w => w.Text));
            Assert.Contains($"Footer of page {n}", text, StringComparison.Ordinal);
            Assert.Contains($"Body {n}", text, StringComparison.Ordinal);
        }
    }
}
