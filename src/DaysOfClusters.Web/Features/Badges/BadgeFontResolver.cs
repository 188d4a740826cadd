using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Fonts for badges. DejaVu Sans (shipped in the build output's Fonts/ folder, copied from npm) covers Latin with all
/// diacritics, Cyrillic, Greek, Armenian, Georgian, Hebrew and Arabic glyphs. For anything else (CJK, Thai, Devanagari...)
/// the <see cref="FallbackFamily"/> is the first TrueType font under /usr/share/fonts that covers the text, preferring
/// Droid Sans Fallback (Debian package fonts-droid-fallback, 7 MB, CJK). Limits: no fallback font installed means
/// .notdef boxes for those characters (<see cref="IsFullyCovered"/> lets the UI warn first); PDFsharp does no shaping
/// or bidi, so Arabic letters are drawn in isolated forms and Hebrew/Arabic left to right.
/// </summary>
public sealed class BadgeFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string FallbackFamily = "Badge Fallback";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private const string FallbackFace = "BadgeFallback";

    private static readonly Lock Gate = new();
    private static readonly BadgeFontResolver Instance = new();
    private static volatile bool _registered;

    private static readonly string[] PreferredFallbacks =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
    ];

    private readonly Lazy<byte[]> _regular = new(() => File.ReadAllBytes(FindDejaVu("DejaVuSans.ttf")));
    private readonly Lazy<byte[]> _bold = new(() => File.ReadAllBytes(FindDejaVu("DejaVuSans-Bold.ttf")));
    private readonly Lazy<TrueTypeCoverage> _primaryCoverage;
    private readonly Lazy<(byte[] Bytes, TrueTypeCoverage Coverage)?> _fallback = new(LoadFallback);

    private BadgeFontResolver() => _primaryCoverage = new(() => TrueTypeCoverage.Read(_regular.Value));

    /// <summary>Sets PDFsharp's global resolver once; safe to call from any thread, any number of times.</summary>
    /// <exception cref="InvalidOperationException">Another font resolver was registered first.</exception>
    public static void EnsureRegistered()
    {
        if (_registered) return;
        lock (Gate)
        {
            if (_registered) return;
            var current = GlobalFontSettings.FontResolver;
            if (current is null) GlobalFontSettings.FontResolver = Instance;
            else if (!ReferenceEquals(current, Instance))
                throw new InvalidOperationException($"A different PDFsharp font resolver ({current.GetType().Name}) is already registered; badges need {nameof(BadgeFontResolver)}.");
            _registered = true;
        }
    }

    /// <summary>True when DejaVu or the installed fallback font has a glyph for every character.</summary>
    public static bool IsFullyCovered(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!PrimaryCovers(rune) && !FallbackCovers(rune)) return false;
        }
        return true;
    }

    /// <summary>Path of the fallback font in use, or null when none is installed.</summary>
    public static string? FallbackFontPath { get; private set; }

    internal static bool PrimaryCovers(Rune rune) => Rune.IsWhiteSpace(rune) || rune.Value < 0x20 || Instance._primaryCoverage.Value.Covers(rune.Value);

    internal static bool FallbackCovers(Rune rune) => Instance._fallback.Value is { } f && f.Coverage.Covers(rune.Value);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, FallbackFamily, StringComparison.OrdinalIgnoreCase))
        {
            if (_fallback.Value is null) return new FontResolverInfo(bold ? BoldFace : RegularFace);
            // Fallback fonts usually ship one weight; simulate bold so a CJK name matches the bold Latin ones.
            return new FontResolverInfo(FallbackFace, bold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None);
        }
        // Every other family name maps to DejaVu, so stray requests ("Arial") still render.
        return new FontResolverInfo(bold ? BoldFace : RegularFace);
    }

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular.Value,
        BoldFace => _bold.Value,
        FallbackFace => _fallback.Value?.Bytes,
        _ => null,
    };

    private static string FindDejaVu(string fileName)
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "Fonts", fileName) };
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, "wwwroot-assets", "node_modules", "dejavu-fonts-ttf", "ttf", fileName));
            }
        }
        candidates.Add(Path.Combine("/usr/share/fonts/truetype/dejavu", fileName));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"Badge font {fileName} not found; build the web project (it copies the DejaVu fonts from npm into Fonts/). Looked in: {string.Join(", ", candidates.Take(3))}...");
    }

    private static (byte[] Bytes, TrueTypeCoverage Coverage)? LoadFallback()
    {
        // A CJK ideograph is the litmus test: the fallback exists for scripts DejaVu lacks, and CJK is the common case.
        const int probe = 0x4E2D; // 中
        var paths = PreferredFallbacks.Where(File.Exists).ToList();
        if (paths.Count == 0 && Directory.Exists("/usr/share/fonts"))
        {
            paths.AddRange(Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }
        foreach (var path in paths)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var coverage = TrueTypeCoverage.Read(bytes);
                if (!coverage.Covers(probe)) continue;
                FallbackFontPath = path;
                return (bytes, coverage);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                // Unreadable or exotic font file: try the next one.
            }
        }
        return null;
    }
}
