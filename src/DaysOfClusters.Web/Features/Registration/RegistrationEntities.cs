namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Seats held (Confirmed + Offered) and the next waiting-list number of one edition. Every registration transaction
/// updates this row first, so concurrent registrations queue on it instead of over-filling the edition.
/// </summary>
public sealed class EditionSeatCounter
{
    public int EditionId { get; set; }
    public int Confirmed { get; set; }
    public int NextWaitlistNumber { get; set; } = 1;
}

/// <summary>Seats held in one category (Confirmed + Offered), for category capacities.</summary>
public sealed class CategorySeatCounter
{
    public int CategoryId { get; set; }
    public int EditionId { get; set; }
    public int Confirmed { get; set; }
}

/// <summary>A single-use link an organiser sends (EC officers, speakers): it bypasses capacity and presets the category.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int CategoryId { get; set; }

    /// <summary>SHA-256 hex of the token in the link; the token itself is only in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary>When set, only this e-mail can use the invitation.</summary>
    public string? Email { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? UsedUtc { get; set; }
    public int? RegistrationId { get; set; }
}

/// <summary>One change to a registration: who, when (UTC), what.</summary>
public sealed class RegistrationAuditEntry
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Details { get; set; }
}
