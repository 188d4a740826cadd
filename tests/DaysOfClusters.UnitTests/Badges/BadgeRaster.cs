using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZXing;
using ZXing.Common;

namespace DaysOfClusters.UnitTests.Badges;

/// <summary>8-bit grey image as pdftoppm -gray writes it (PGM P5).</summary>
public sealed record GrayImage(int Width, int Height, byte[] Pixels)
{
    public GrayImage Crop(int x, int y, int width, int height)
    {
        x = Math.Clamp(x, 0, Width);
        y = Math.Clamp(y, 0, Height);
        width = Math.Min(width, Width - x);
        height = Math.Min(height, Height - y);
        var pixels = new byte[width * height];
        for (var row = 0; row < height; row++)
            Buffer.BlockCopy(Pixels, (y + row) * Width + x, pixels, row * width, width);
        return new GrayImage(width, height, pixels);
    }
}

/// <summary>Rasterises PDFs with poppler's pdftoppm and decodes QR codes with ZXing; shared by the tests and the bench.</summary>
public static class BadgeRaster
{
    public static string PdfToPpmPath() =>
        new[] { "/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pdftoppm is not installed; install poppler-utils (apt-get install -y poppler-utils) to run the badge round-trip checks.");

    /// <summary>Rasterises pages <paramref name="firstPage"/>..<paramref name="lastPage"/> (1-based) to grey images.</summary>
    public static List<GrayImage> Rasterise(string pdfPath, int dpi, int firstPage = 1, int lastPage = 0)
    {
        var outDir = Directory.CreateTempSubdirectory("badge-raster-").FullName;
        try
        {
            var args = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"-r {dpi} -gray -f {firstPage}"));
            if (lastPage > 0) args.Append(CultureInfo.InvariantCulture, $" -l {lastPage}");
            args.Append(CultureInfo.InvariantCulture, $" \"{pdfPath}\" \"{Path.Combine(outDir, "p")}\"");
            var psi = new ProcessStartInfo(PdfToPpmPath(), args.ToString()) { RedirectStandardError = true };
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode}): {stderr}");
            // pdftoppm zero-pads page numbers to the width of the last page number, so ordinal order is page order.
            return Directory.GetFiles(outDir, "p-*.pgm").Order(StringComparer.Ordinal).Select(f => ReadPgm(File.ReadAllBytes(f))).ToList();
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    public static GrayImage ReadPgm(byte[] data)
    {
        var pos = 0;
        string Token()
        {
            while (pos < data.Length)
            {
                if (data[pos] == '#') { while (pos < data.Length && data[pos] != '\n') pos++; }
                else if (char.IsWhiteSpace((char)data[pos])) pos++;
                else break;
            }
            var start = pos;
            while (pos < data.Length && !char.IsWhiteSpace((char)data[pos])) pos++;
            return Encoding.ASCII.GetString(data, start, pos - start);
        }
        if (Token() != "P5") throw new System.FormatException("Not a binary PGM (P5).");
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        var max = int.Parse(Token(), CultureInfo.InvariantCulture);
        if (max > 255) throw new System.FormatException("16-bit PGM is not supported.");
        pos++; // single whitespace after maxval
        if (data.Length - pos < width * height) throw new System.FormatException("Truncated PGM.");
        return new GrayImage(width, height, data.AsSpan(pos, width * height).ToArray());
    }

    public static string? DecodeQr(GrayImage image)
    {
        var reader = new BarcodeReaderGeneric
        {
            // ZXing's detector misses ~1 % of valid version-6 codes in one orientation (its own encoder's output too);
            // retrying rotated finds them, as a phone held at any angle would.
            AutoRotate = true,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        var source = new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        return reader.Decode(source)?.Text;
    }
}
