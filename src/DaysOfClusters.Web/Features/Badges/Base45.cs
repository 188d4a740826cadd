using System.Diagnostics.CodeAnalysis;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Base45 (RFC 9285). Its 45-character alphabet is exactly QR alphanumeric mode's, so a QR holding
/// Base45 text packs 5.5 bits per character instead of 8 in byte mode.
/// </summary>
public static class Base45
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private static readonly sbyte[] ReverseAlphabet = BuildReverse();

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = data.Length / 2 * 3 + data.Length % 2 * 2;
        return string.Create(length, data.ToArray(), static (chars, bytes) =>
        {
            var o = 0;
            var i = 0;
            for (; i + 1 < bytes.Length; i += 2)
            {
                var n = bytes[i] * 256 + bytes[i + 1];
                chars[o++] = Alphabet[n % 45];
                chars[o++] = Alphabet[n / 45 % 45];
                chars[o++] = Alphabet[n / (45 * 45)];
            }
            if (i < bytes.Length)
            {
                int n = bytes[i];
                chars[o++] = Alphabet[n % 45];
                chars[o] = Alphabet[n / 45];
            }
        });
    }

    /// <summary>Strict decode: rejects characters outside the alphabet (including lower case), a length of 1 mod 3, and groups above 65535 / 255.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        if (text is null || text.Length % 3 == 1) return false;
        var result = new byte[text.Length / 3 * 2 + (text.Length % 3 == 2 ? 1 : 0)];
        var o = 0;
        var i = 0;
        for (; i + 2 < text.Length; i += 3)
        {
            if (!TryValue(text[i], out var c) || !TryValue(text[i + 1], out var d) || !TryValue(text[i + 2], out var e)) return false;
            var n = c + d * 45 + e * 45 * 45;
            if (n > 0xFFFF) return false;
            result[o++] = (byte)(n >> 8);
            result[o++] = (byte)n;
        }
        if (i < text.Length)
        {
            if (!TryValue(text[i], out var c) || !TryValue(text[i + 1], out var d)) return false;
            var n = c + d * 45;
            if (n > 0xFF) return false;
            result[o] = (byte)n;
        }
        data = result;
        return true;
    }

    /// <exception cref="FormatException">The text is not valid Base45.</exception>
    public static byte[] Decode(string text) =>
        TryDecode(text, out var data) ? data : throw new FormatException("The text is not valid Base45 (RFC 9285).");

    private static bool TryValue(char ch, out int value)
    {
        value = ch < 128 ? ReverseAlphabet[ch] : -1;
        return value >= 0;
    }

    private static sbyte[] BuildReverse()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) table[Alphabet[i]] = (sbyte)i;
        return table;
    }
}
