using CsvHelper;

namespace DaysOfClusters.Web.Infrastructure;

/// <summary>
/// The one CSV configuration of every export and import. Exports put a <c>'</c> in front of text cells that start with
/// <c>= + - @</c>, tab or CR, so a spreadsheet shows them as text instead of running them as formulas (CSV injection:
/// a name typed on the public form as <c>=HYPERLINK(...)</c>). Numbers are written as numbers and stay unescaped; a text
/// cell such as a phone number "+381 …" is escaped too, which spreadsheets show as the same text. Imports take the
/// <c>'</c> off again, so an exported file imports back unchanged.
/// </summary>
public static class CsvFormat
{
    /// <summary>UTF-8 with a BOM (so Excel reads Serbian letters right), RFC 4180, formula cells escaped.</summary>
    public static CsvWriterOptions Export { get; } = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    /// <summary>The reader options of the imports: line numbers for error messages, fields trimmed.</summary>
    public static CsvReaderOptions Import => new() { TrackLineNumbers = true, TrimWhitespace = true };

    /// <summary>
    /// A cell as it was before <see cref="Export"/> escaped it: a leading <c>'</c> followed by a formula character goes.
    /// (A value that itself started with <c>'=</c> loses its quote; no field of ours needs that.)
    /// </summary>
    public static string Unescape(string cell) =>
        cell.Length >= 2 && cell[0] == Export.InjectionEscape && Export.InjectionCharacters.Contains(cell[1]) ? cell[1..] : cell;
}
