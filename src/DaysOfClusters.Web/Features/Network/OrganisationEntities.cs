using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>An organisation of the network directory: clusters, companies, universities, public bodies…</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }

    /// <summary>The kind of organisation; the same list as the registration form's organisation type.</summary>
    public OrganisationType Kind { get; set; }

    public required string CountryCode { get; set; }
    public string? City { get; set; }
    public string? Website { get; set; }

    /// <summary>For clusters: number of member organisations and the share of SMEs among them (0–100 %).</summary>
    public int? ClusterMembers { get; set; }
    public int? SmeSharePercent { get; set; }

    /// <summary>Member of the Balkan and Black Sea cluster network since this year; null when not a member.</summary>
    public int? NetworkMemberSince { get; set; }

    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }

    /// <summary>Name and short name folded (lower case, no diacritics, đ→dj…) so that "nis" finds "Niš" with a plain LIKE.</summary>
    public required string SearchKey { get; set; }

    /// <summary>The name alone, folded: a typed name that folds to this (in the same country) is this organisation.</summary>
    public required string NameKey { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>Which directory organisation a registration belongs to (one row per linked registration; merges move these rows).</summary>
public sealed class RegistrationOrganisation
{
    public int RegistrationId { get; set; }
    public int OrganisationId { get; set; }
}

/// <summary>A sector (from the organisers' list) of a directory organisation.</summary>
public sealed class OrganisationSector
{
    public int OrganisationId { get; set; }
    public int SectorId { get; set; }
}
