using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>
/// An edition that happened before this system existed (or has no registrations in it): only where and when it was, and
/// its aggregate figures. Statistics count it together with the live editions as long as no live edition of the same
/// ordinal has registrations.
/// </summary>
public sealed class PastEdition
{
    public int Id { get; set; }
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public required string City { get; set; }
    public required string CountryCode { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<PastEditionFigure> Figures { get; set; } = [];
}

/// <summary>
/// People of one country who took part in a past edition, optionally of one organisation type. A country is given either
/// once without a type, or once per type; never both.
/// </summary>
public sealed class PastEditionFigure
{
    public int Id { get; set; }
    public int PastEditionId { get; set; }
    public required string CountryCode { get; set; }
    public OrganisationType? OrganisationType { get; set; }
    public int Participants { get; set; }
}
