namespace DaysOfClusters.Web.Features.Badges;

/// <summary>Everything printed on one badge. Texts are drawn as PDF text, so nothing needs escaping.</summary>
/// <param name="CategoryColorHex">"#RRGGBB" (or "#RGB"); the band text is black or white, whichever contrasts more.</param>
/// <param name="QrText">A <see cref="BadgeToken"/> text, "DOC1:...".</param>
/// <param name="ShortCode">Printed under the QR for manual look-up, see <see cref="BadgeTicketId.ToShortCode"/>.</param>
/// <param name="BackLines">Agenda lines for the back side; null means a single-sided badge, empty a back with the edition only.</param>
/// <param name="EditionTheme">The edition's own title (its theme), shown on the back under the brand title.</param>
/// <param name="Partners">The event's partners and co-organisers, one line at the foot of the front; null or empty for none.</param>
public sealed record BadgeData(
    string EditionTitle,
    string EditionDates,
    string EditionCity,
    string FirstName,
    string LastName,
    string? Organisation,
    string? CountryName,
    string CategoryName,
    string CategoryColorHex,
    string QrText,
    string ShortCode,
    IReadOnlyList<string>? BackLines = null,
    string? EditionTheme = null,
    string? Partners = null);

public enum BadgeFormat
{
    /// <summary>105 × 148 mm, one badge per page.</summary>
    A6,

    /// <summary>100 × 140 mm insert for the common conference pouch.</summary>
    Pouch100x140,

    /// <summary>90 × 130 mm insert for smaller pouches.</summary>
    Pouch90x130,

    /// <summary>54 × 90 mm portrait card, one per page (card printers).</summary>
    Card54x90,

    /// <summary>Four A6 badges edge to edge on A4 portrait, cut marks on the centre lines.</summary>
    SheetA4x4A6,

    /// <summary>Ten 54 × 90 mm cards (5 × 2) on A4 landscape with crop marks.</summary>
    SheetA4x10Cards,
}

/// <summary>Geometry of a format in millimetres; single-badge formats are a 1 × 1 sheet the size of the badge.</summary>
public sealed record BadgeSheetLayout(
    double PageWidthMm,
    double PageHeightMm,
    double BadgeWidthMm,
    double BadgeHeightMm,
    int Columns,
    int Rows,
    double OriginXMm,
    double OriginYMm)
{
    public int BadgesPerPage => Columns * Rows;

    public bool IsSheet => BadgesPerPage > 1;

    /// <summary>Top-left corner of slot <paramref name="slot"/> (row-major) on a front page, in mm from the page's top-left.</summary>
    public (double X, double Y) SlotOrigin(int slot, bool back = false)
    {
        var column = slot % Columns;
        // Backs mirror the columns: right for sheets flipped about their vertical axis (long-edge duplex on A4 portrait, short-edge on landscape).
        if (back) column = Columns - 1 - column;
        return (OriginXMm + column * BadgeWidthMm, OriginYMm + slot / Columns * BadgeHeightMm);
    }

    public static BadgeSheetLayout For(BadgeFormat format) => format switch
    {
        BadgeFormat.A6 => Single(105, 148),
        BadgeFormat.Pouch100x140 => Single(100, 140),
        BadgeFormat.Pouch90x130 => Single(90, 130),
        BadgeFormat.Card54x90 => Single(54, 90),
        BadgeFormat.SheetA4x4A6 => new(210, 297, 105, 148, 2, 2, 0, 0.5),
        BadgeFormat.SheetA4x10Cards => new(297, 210, 54, 90, 5, 2, 13.5, 15),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static BadgeSheetLayout Single(double width, double height) => new(width, height, width, height, 1, 1, 0, 0);
}
