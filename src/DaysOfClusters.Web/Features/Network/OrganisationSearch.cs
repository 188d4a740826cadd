using System.Globalization;
using System.Text;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>
/// Folds names for accent-insensitive search without database collations: lower case, diacritics removed (Niš → nis,
/// Čačak → cacak), đ → dj, and Serbian Cyrillic transliterated to Latin (Кластер → klaster). The folded text is stored
/// in <see cref="Organisation.SearchKey"/> and searched with a plain LIKE, the same on SQLite and PostgreSQL.
/// </summary>
public static class OrganisationSearch
{
    private static readonly Dictionary<char, string> Special = new()
    {
        ['đ'] = "dj", ['ß'] = "ss", ['ł'] = "l", ['ø'] = "o", ['æ'] = "ae", ['œ'] = "oe", ['ı'] = "i", ['þ'] = "th",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['ђ'] = "dj", ['е'] = "e", ['ж'] = "z", ['з'] = "z", ['и'] = "i",
        ['ј'] = "j", ['к'] = "k", ['л'] = "l", ['љ'] = "lj", ['м'] = "m", ['н'] = "n", ['њ'] = "nj", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['ћ'] = "c", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "c", ['ч'] = "c", ['џ'] = "dz", ['ш'] = "s",
        ['ѓ'] = "gj", ['ќ'] = "kj", ['ѕ'] = "dz", ['й'] = "j", ['щ'] = "sht", ['ъ'] = "a", ['ь'] = "", ['ю'] = "yu", ['я'] = "ya", ['ы'] = "y", ['э'] = "e", ['ё'] = "e", ['і'] = "i", ['ї'] = "yi", ['є'] = "ye",
    };

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace && sb.Length > 0) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (Special.TryGetValue(ch, out var replacement)) sb.Append(replacement);
            else sb.Append(ch);
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>What a search looks through: name, short name and city.</summary>
    public static string KeyOf(string name, string? shortName, string? city) =>
        string.Join(' ', new[] { Fold(name), Fold(shortName), Fold(city) }.Where(s => s.Length > 0));
}
