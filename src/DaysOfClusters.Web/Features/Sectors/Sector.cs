namespace DaysOfClusters.Web.Features.Sectors;

/// <summary>
/// A sector of the list organisers keep (ICT, agri-food, wood and furniture…), shared by every edition's matchmaking
/// profiles and the organisation directory. A retired sector stays on the profiles that have it but cannot be picked anew.
/// </summary>
public sealed class Sector
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name folded (lower case, no diacritics): two sectors may not fold to the same key.</summary>
    public required string NameKey { get; set; }

    /// <summary>The name in Serbian (Latin) for attendees who read the site in Serbian; the English name when not given.</summary>
    public string? NameSr { get; set; }

    public int SortOrder { get; set; }
    public bool Retired { get; set; }

    public string DisplayName(bool serbian) => serbian && !string.IsNullOrEmpty(NameSr) ? NameSr : Name;
}
