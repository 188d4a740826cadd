namespace DaysOfClusters.Web.Features.Editions;

public enum PartnerRole
{
    CoOrganiser = 1,
    Partner = 2,
    Supporter = 3,
    MediaPartner = 4,
}

/// <summary>
/// An embassy, chamber of commerce, the European Commission... that runs or backs an event with the network; named on the
/// event's public page and on its certificates' footer.
/// </summary>
public sealed class EventPartner
{
    public const int NameMaxLength = 160;
    public const int WebsiteMaxLength = 300;
    public const int LogoMaxBytes = 256 * 1024;

    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }
    public PartnerRole Role { get; set; }
    public string? WebsiteUrl { get; set; }

    /// <summary>A PNG or JPEG (checked by its first bytes, never by its name), at most <see cref="LogoMaxBytes"/>.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public int SortOrder { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
