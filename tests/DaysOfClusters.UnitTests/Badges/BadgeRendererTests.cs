using System.Security.Cryptography;
using DaysOfClusters.Web.Features.Badges;
using UglyToad.PdfPig;

namespace DaysOfClusters.UnitTests.Badges;

public sealed class BadgeRendererTests : IDisposable
{
    private const string SixtyCharName = "Maximiliana Alexandrina Konstantinopoulou-Wolfeschlegelstein";

    private static readonly (string First, string Last)[] Names =
    [
        ("Đorđe", "Petrović"),
        ("Љубиша", "Јовановић"),
        ("Αλέξανδρος", "Παπαδόπουλος"),
        ("Şükrü", "Öztürk"),
        ("Ștefan", "Țurcanu"),
        ("Maximiliana Alexandrina", "Konstantinopoulou-Wolfeschlegelstein"),
        ("Ann", "Li"),
    ];

    private readonly ECDsa _key = EditionSigningKeys.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void SixtyCharName_When_Built_Expected_SixtyCharacters() => Assert.Equal(60, SixtyCharName.Length);

    [Theory]
    [InlineData(BadgeFormat.A6)]
    [InlineData(BadgeFormat.Pouch100x140)]
    [InlineData(BadgeFormat.Pouch90x130)]
    [InlineData(BadgeFormat.Card54x90)]
    [InlineData(BadgeFormat.SheetA4x4A6)]
    [InlineData(BadgeFormat.SheetA4x10Cards)]
    public void Render_When_RasterisedAndScanned_Expected_EveryQrVerifiesToItsAttendee(BadgeFormat format)
    {
        var layout = BadgeSheetLayout.For(format);
        // Enough badges to start a second sheet, so slot maths on a later page is exercised too.
        var count = layout.IsSheet ? layout.BadgesPerPage + 1 : Names.Length;
        var (badges, payloads) = Build(count, withBack: false);
        var pdf = WriteTemp(BadgeRenderer.Render(badges, format));

        var pages = BadgeRaster.Rasterise(pdf, 150);

        Assert.Equal((count + layout.BadgesPerPage - 1) / layout.BadgesPerPage, pages.Count);
        var pxPerMm = 150 / 25.4;
        for (var i = 0; i < count; i++)
        {
            var page = pages[i / layout.BadgesPerPage];
            var (x, y) = layout.SlotOrigin(i % layout.BadgesPerPage);
            var cell = page.Crop((int)(x * pxPerMm), (int)(y * pxPerMm), (int)(layout.BadgeWidthMm * pxPerMm), (int)(layout.BadgeHeightMm * pxPerMm));
            var text = BadgeRaster.DecodeQr(cell);
            Assert.True(text is not null, $"{format}: no QR found for badge {i}");
            var result = BadgeToken.TryRead(text, _key);
            Assert.Equal(BadgeTokenReadStatus.Valid, result.Status);
            Assert.Equal(payloads[i], result.Payload);
        }
        File.Delete(pdf);
    }

    [Theory]
    [InlineData(BadgeFormat.A6)]
    [InlineData(BadgeFormat.Card54x90)]
    public void Render_When_NamesInManyScripts_Expected_PdfPigExtractsThemExactlyInsideTheBadge(BadgeFormat format)
    {
        var (badges, _) = Build(Names.Length, withBack: false);
        using var document = PdfDocument.Open(BadgeRenderer.Render(badges, format));
        var layout = BadgeSheetLayout.For(format);
        var widthPt = layout.BadgeWidthMm * 72 / 25.4;

        for (var i = 0; i < Names.Length; i++)
        {
            var page = document.GetPage(i + 1);
            var words = page.GetWords().ToList();
            var joined = string.Join(' ', words.Select(w => w.Text));
            var expected = $"{Names[i].First} {Names[i].Last}";
            Assert.Contains(expected, joined, StringComparison.Ordinal);
            // Never overflowing: every glyph of the page lies within the badge.
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Left, -0.01, widthPt + 0.01));
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, -0.01, widthPt + 0.01));
        }
    }

    [Theory]
    [InlineData(BadgeFormat.A6, 10)]
    [InlineData(BadgeFormat.Card54x90, 5)]
    public void Render_When_SixtyCharName_Expected_AtMostTwoLinesAndNoSmallerThanNeeded(BadgeFormat format, double minPointSize)
    {
        var (badges, _) = Build(Names.Length, withBack: false);
        using var document = PdfDocument.Open(BadgeRenderer.Render([badges[5]], format));
        var nameWords = document.GetPage(1).GetWords()
            .Where(w => SixtyCharName.Split(' ').Contains(w.Text) || w.Text.StartsWith("Konstantinopoulou", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(SixtyCharName.Replace(" ", "", StringComparison.Ordinal), string.Concat(nameWords.Select(w => w.Text)));
        Assert.InRange(nameWords.Select(w => Math.Round(w.Letters[0].StartBaseLine.Y)).Distinct().Count(), 1, 2);
        Assert.All(nameWords, w => Assert.True(w.Letters[0].PointSize >= minPointSize, $"{w.Text} at {w.Letters[0].PointSize} pt"));
    }

    [Fact]
    public void Render_When_BackLinesGiven_Expected_BackPageAfterEachFront()
    {
        var (badges, _) = Build(2, withBack: true);
        using var document = PdfDocument.Open(BadgeRenderer.Render(badges, BadgeFormat.A6));

        Assert.Equal(4, document.NumberOfPages);
        Assert.Contains("agenda", document.GetPage(2).Text, StringComparison.Ordinal);
        Assert.Contains("Keynote", string.Join(' ', document.GetPage(4).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_When_CjkName_Expected_FallbackFontOrReportedAsUncovered()
    {
        if (BadgeFontResolver.FallbackFontPath is null && !BadgeFontResolver.IsFullyCovered("王小明"))
        {
            // No CJK-capable font installed (apt-get install fonts-droid-fallback): the gap must at least be detectable.
            Assert.False(BadgeFontResolver.IsFullyCovered("王小明"));
            Assert.True(BadgeFontResolver.IsFullyCovered("Đorđe Љубиша Αλέξανδρος Şükrü Ștefan"));
            return;
        }
        var (badges, _) = Build(1, withBack: false);
        var badge = badges[0] with { FirstName = "小明", LastName = "王" };
        using var document = PdfDocument.Open(BadgeRenderer.Render([badge], BadgeFormat.A6));

        var letters = document.GetPage(1).Letters.Where(l => l.Value is "小" or "明" or "王").ToList();
        Assert.Equal(3, letters.Count);
        Assert.All(letters, l => Assert.DoesNotContain("DejaVu", l.FontName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#1B3A6B", true)]
    [InlineData("#F2A900", false)]
    [InlineData("#FFFFFF", false)]
    [InlineData("#000", true)]
    [InlineData("not a colour", false)] // grey: black text reads better
    public void ContrastingText_When_Background_Expected_WhiteOnlyOnDarkColours(string hex, bool white) =>
        Assert.Equal(white, BadgeRenderer.ContrastingText(BadgeRenderer.ParseColour(hex)));

    [Fact]
    public void QrMatrix_When_TokenText_Expected_Version6AndRunsCoverEveryDarkModule()
    {
        var text = BadgeToken.Encode(new BadgeTokenPayload(1, ulong.MaxValue, ushort.MaxValue, 255), _key);
        var qr = QrMatrix.Create(text);

        Assert.Equal(6, qr.Version);
        Assert.Equal(41, qr.Size);
        var fromRuns = new bool[qr.Size, qr.Size];
        foreach (var (row, column, length) in qr.Runs)
        {
            for (var c = column; c < column + length; c++) fromRuns[row, c] = true;
        }
        for (var r = 0; r < qr.Size; r++)
        {
            for (var c = 0; c < qr.Size; c++) Assert.Equal(qr[r, c], fromRuns[r, c]);
        }
    }

    /// <summary>The partners' footer line is on every badge, inside it, and leaves the QR scannable on the smallest card too.</summary>
    [Theory]
    [InlineData(BadgeFormat.A6)]
    [InlineData(BadgeFormat.Card54x90)]
    public void Render_When_TheEventHasPartners_Expected_TheirLineAboveTheBandAndTheQrStillVerifies(BadgeFormat format)
    {
        var (badges, payloads) = Build(2, withBack: false);
        const string partners = "With European Commission, DG GROW · Embassy of Denmark in Belgrade · Privredna komora Srbije";
        var withPartners = badges.Select(b => b with { Partners = partners }).ToList();
        var bytes = BadgeRenderer.Render(withPartners, format);
        using (var document = PdfDocument.Open(bytes))
        {
            var layout = BadgeSheetLayout.For(format);
            var widthPt = layout.BadgeWidthMm * 72 / 25.4;
            var page = document.GetPage(1);
            Assert.Contains("Embassy of Denmark in Belgrade", string.Join(' ', page.GetWords().Select(w => w.Text)), StringComparison.Ordinal);
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, -0.01, widthPt + 0.01));
        }
        var pdf = WriteTemp(bytes);
        var text = BadgeRaster.DecodeQr(BadgeRaster.Rasterise(pdf, 150)[0]);
        File.Delete(pdf);
        Assert.Equal(payloads[0], BadgeToken.TryRead(text, _key).Payload);
    }

    /// <summary>QRs are encoded by helper threads and the drawing thread at once: every page must still get its own badge's code.</summary>
    [Fact]
    public void Render_When_MoreBadgesThanHelpersCanEncodeAhead_Expected_EveryPageCarriesItsOwnBadgesQr()
    {
        var (badges, payloads) = Build(24, withBack: false);
        var pdf = WriteTemp(BadgeRenderer.Render(badges, BadgeFormat.Card54x90));
        var pages = BadgeRaster.Rasterise(pdf, 150);
        File.Delete(pdf);

        Assert.Equal(badges.Count, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var text = BadgeRaster.DecodeQr(pages[i]);
            Assert.True(text is not null, $"no QR found on page {i + 1}");
            Assert.Equal(payloads[i], BadgeToken.TryRead(text, _key).Payload);
        }
    }

    /// <summary>Text and QR runs share one content stream per page, compressed before PDFsharp's save (which must not compress it twice).</summary>
    [Fact]
    public void Render_When_Saved_Expected_OneFlateContentStreamPerPageWithTextAndQrRuns()
    {
        var (badges, _) = Build(3, withBack: true);
        var bytes = BadgeRenderer.Render(badges, BadgeFormat.A6);
        // Compressed: no drawing operator appears in the file as plain text.
        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(" Tj", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" re\n", raw, StringComparison.Ordinal);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);

        Assert.Equal(6, document.PageCount);
        for (var i = 0; i < document.PageCount; i++)
        {
            var contents = document.Pages[i].Contents;
            Assert.Single(contents.Elements);
            PdfSharp.Pdf.Advanced.PdfContent? content = null;
            foreach (var c in contents) content = c;
            var decoded = System.Text.Encoding.Latin1.GetString(content!.Stream!.UnfilteredValue);
            Assert.Contains(" Tj", decoded, StringComparison.Ordinal);
            var front = i % 2 == 0;
            // Fronts end with the QR's dark runs in module units (x y length 1 re); backs have no QR.
            Assert.Equal(front, decoded.Contains(" 1 re\n", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Render_When_AQrCannotBeEncoded_Expected_TheErrorSurfacesFromRender()
    {
        var (badges, _) = Build(6, withBack: false);
        badges[4] = badges[4] with { QrText = "" };

        Assert.ThrowsAny<ArgumentException>(() => BadgeRenderer.Render(badges, BadgeFormat.A6));
    }

    private (List<BadgeData>, List<BadgeTokenPayload>) Build(int count, bool withBack)
    {
        var badges = new List<BadgeData>();
        var payloads = new List<BadgeTokenPayload>();
        (string, string)[] categories = [("Delegate", "#1B3A6B"), ("Speaker", "#F2A900"), ("Press", "#C62828")];
        for (var i = 0; i < count; i++)
        {
            var payload = new BadgeTokenPayload(8, BadgeTicketId.NewId(), (ushort)(i + 1), (byte)(i % 3));
            payloads.Add(payload);
            var (first, last) = Names[i % Names.Length];
            var (category, colour) = categories[i % categories.Length];
            badges.Add(new BadgeData("8th Days of Clusters", "12–14 May 2026", "Ljubljana", first, last,
                "Cloud Native Computing Foundation", "Slovenia", category, colour,
                BadgeToken.Encode(payload, _key), payload.ShortCode,
                withBack ? ["Tue 09:00 Keynote", "Wed 14:00 Workshop"] : null));
        }
        return (badges, payloads);
    }

    private static string WriteTemp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"badges-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
