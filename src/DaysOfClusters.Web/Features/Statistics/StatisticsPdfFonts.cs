using PdfSharp.Fonts;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// PDFsharp needs a font resolver on Linux. The Badges feature brings the app's shared resolver; this one is only
/// installed when no resolver has been set yet, and serves DejaVu Sans (copied to Fonts/ at build) for every family.
/// </summary>
public static class StatisticsPdfFonts
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuResolver();
        }
    }

    private sealed class DejaVuResolver : IFontResolver
    {
        private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fonts");

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            bold ? new FontResolverInfo("DejaVuSans-Bold", false, italic) : new FontResolverInfo("DejaVuSans", false, italic);

        public byte[] GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
    }
}
