using System.Globalization;
using System.Security.Cryptography;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// Ticket ids are 64 random bits. Stored/shown to staff as 16 lower-case hex chars; printed under the QR
/// as a short code: the same 64 bits in Crockford Base32 (13 symbols, first one 0-F), grouped 4-4-5,
/// e.g. <c>7KQ2-9XMD-3FA0B</c>. No check symbol: with 2^64 random ids a mistyped code matches nothing
/// rather than someone else, so the desk just asks again.
/// </summary>
public static class BadgeTicketId
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static ulong NewId()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToUInt64(bytes);
        }
        while (id == 0); // 0 is kept as "no ticket".
        return id;
    }

    public static string ToHex(ulong id) => id.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParseHex(string? hex, out ulong id)
    {
        id = 0;
        return hex is { Length: 16 } && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
    }

    public static string ToShortCode(ulong id)
    {
        Span<char> symbols = stackalloc char[15];
        for (var i = 14; i >= 0; i--)
        {
            if (i is 4 or 9)
            {
                symbols[i] = '-';
                continue;
            }
            symbols[i] = Crockford[(int)(id & 31)];
            id >>= 5;
        }
        return new string(symbols);
    }

    /// <summary>Lenient as Crockford intends: any case, hyphens/spaces ignored, O→0, I/L→1.</summary>
    public static bool TryParseShortCode(string? code, out ulong id)
    {
        id = 0;
        if (code is null) return false;
        var count = 0;
        ulong value = 0;
        foreach (var raw in code)
        {
            if (raw is '-' or ' ') continue;
            var ch = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var c => c };
            var digit = Crockford.IndexOf(ch, StringComparison.Ordinal);
            if (digit < 0 || ++count > 13) return false;
            if (count == 1 && digit > 15) return false; // would overflow 64 bits
            value = (value << 5) | (uint)digit;
        }
        if (count != 13) return false;
        id = value;
        return true;
    }
}
