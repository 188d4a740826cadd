using System.Buffers.Binary;
using System.Collections;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Which code points a TrueType font maps to a glyph, read from its 'cmap' table (formats 4 and 12).
/// PDFsharp silently draws .notdef boxes for missing glyphs, so the renderer asks this first.
/// </summary>
internal sealed class TrueTypeCoverage
{
    private const int MaxCodePoint = 0x10FFFF;
    private readonly BitArray _covered = new(MaxCodePoint + 1);

    public int Count { get; private set; }

    public bool Covers(int codePoint) => codePoint is >= 0 and <= MaxCodePoint && _covered[codePoint];

    /// <exception cref="FormatException">Not a TrueType/OpenType font with a Unicode cmap.</exception>
    public static TrueTypeCoverage Read(ReadOnlySpan<byte> font)
    {
        try
        {
            return ReadCore(font);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException("Truncated font file.", e);
        }
    }

    private static TrueTypeCoverage ReadCore(ReadOnlySpan<byte> font)
    {
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        var cmap = -1;
        for (var i = 0; i < numTables; i++)
        {
            var record = font.Slice(12 + i * 16, 16);
            if (record[..4].SequenceEqual("cmap"u8))
            {
                cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                break;
            }
        }
        if (cmap < 0) throw new FormatException("The font has no cmap table.");

        var subtables = BinaryPrimitives.ReadUInt16BigEndian(font[(cmap + 2)..]);
        int best = -1, bestFormat = 0;
        for (var i = 0; i < subtables; i++)
        {
            var rec = font[(cmap + 4 + i * 8)..];
            var platform = BinaryPrimitives.ReadUInt16BigEndian(rec);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(rec[2..]);
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(rec[4..]);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (!unicode) continue;
            var format = BinaryPrimitives.ReadUInt16BigEndian(font[offset..]);
            // Format 12 (full Unicode) beats format 4 (BMP only).
            if (format == 12 || (format == 4 && bestFormat != 12))
            {
                best = offset;
                bestFormat = format;
            }
        }
        if (best < 0) throw new FormatException("The font has no Unicode cmap subtable.");

        var coverage = new TrueTypeCoverage();
        if (bestFormat == 12) coverage.ReadFormat12(font[best..]);
        else coverage.ReadFormat4(font[best..]);
        return coverage;
    }

    private void ReadFormat4(ReadOnlySpan<byte> table)
    {
        var segCount = BinaryPrimitives.ReadUInt16BigEndian(table[6..]) / 2;
        var endCodes = table[14..];
        var startCodes = table[(16 + segCount * 2)..];
        var idDeltas = table[(16 + segCount * 4)..];
        var rangeOffsetsPos = 16 + segCount * 6;
        for (var s = 0; s < segCount; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(endCodes[(s * 2)..]);
            int start = BinaryPrimitives.ReadUInt16BigEndian(startCodes[(s * 2)..]);
            int delta = BinaryPrimitives.ReadInt16BigEndian(idDeltas[(s * 2)..]);
            var rangeOffsetAt = rangeOffsetsPos + s * 2;
            int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(table[rangeOffsetAt..]);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var at = rangeOffsetAt + rangeOffset + (c - start) * 2;
                    glyph = BinaryPrimitives.ReadUInt16BigEndian(table[at..]);
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) Mark(c);
            }
        }
    }

    private void ReadFormat12(ReadOnlySpan<byte> table)
    {
        var groups = BinaryPrimitives.ReadUInt32BigEndian(table[12..]);
        for (var g = 0; g < groups; g++)
        {
            var group = table[(16 + g * 12)..];
            var start = BinaryPrimitives.ReadUInt32BigEndian(group);
            var end = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(group[4..]), MaxCodePoint);
            var glyph = BinaryPrimitives.ReadUInt32BigEndian(group[8..]);
            for (var c = start; c <= end; c++, glyph++)
            {
                if (glyph != 0) Mark((int)c);
            }
        }
    }

    private void Mark(int codePoint)
    {
        if (!_covered[codePoint])
        {
            _covered[codePoint] = true;
            Count++;
        }
    }
}
