namespace DaysOfClusters.Web.Features.Registration;

public enum RegistrationStatus
{
    /// <summary>Waiting for an organiser's approval (categories that need it).</summary>
    Pending = 0,
    Confirmed = 1,
    Waitlisted = 2,
    /// <summary>A freed seat is held for this person until <see cref="Registration.OfferExpiresUtc"/>.</summary>
    Offered = 3,
    Cancelled = 4,
    Rejected = 5,
}

/// <summary>Organisation types of the form; each maps to one of the three cluster pillars (or none).</summary>
public enum OrganisationType
{
    ClusterOrganisation = 1,
    CompanySme = 2,
    AcademiaResearch = 3,
    PublicSector = 4,
    SupportInstitutionNgo = 5,
    InternationalOrganisation = 6,
    Media = 7,
    Other = 8,
}

public enum Pillar
{
    Business = 1,
    Academia = 2,
    PublicSector = 3,
    Other = 4,
}

/// <summary>A person's registration for one edition. Personal fields are blanked on erasure; the statistical ones stay.</summary>
public sealed class Registration
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int CategoryId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased, trimmed e-mail; unique per edition so the same person cannot register twice.</summary>
    public required string EmailNormalized { get; set; }

    /// <summary>SHA-256 of the normalised e-mail, kept after erasure so returning attendees are still recognised.</summary>
    public required string EmailHash { get; set; }

    public required string Organisation { get; set; }
    public OrganisationType OrganisationType { get; set; }
    public string? JobTitle { get; set; }
    public required string CountryCode { get; set; }
    public string? Phone { get; set; }

    /// <summary>ISO dates (yyyy-MM-dd) of the days attended, comma separated.</summary>
    public string? DaysAttending { get; set; }
    public string? DietaryNeeds { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public DateTime PrivacyConsentUtc { get; set; }
    public required string PrivacyNoticeVersion { get; set; }
    public bool NetworkingConsent { get; set; }

    /// <summary>When the person agreed to hear from the network about future editions; null: not agreed. Withdrawal is Network's opt-out.</summary>
    public DateTime? NetworkNewsConsentUtc { get; set; }

    /// <summary>Culture of the attendee's messages (en or sr-Latn).</summary>
    public string Language { get; set; } = "en";

    public RegistrationStatus Status { get; set; }

    /// <summary>Order on the waiting list, allocated once and never reused within an edition.</summary>
    public int? WaitlistNumber { get; set; }
    public DateTime? OfferExpiresUtc { get; set; }

    /// <summary>SHA-256 of the manage-link token; the token itself is only ever in the attendee's e-mail.</summary>
    public required string ManageTokenHash { get; set; }

    /// <summary>The token encrypted with Data Protection, so later messages (offer, approval) can carry the same link; blanked on erasure.</summary>
    public string? ManageTokenProtected { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? ConfirmedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    public DateTime? AnonymisedUtc { get; set; }
    public string? InternalNotes { get; set; }

    /// <summary>Set when an organiser's invitation let this person past capacity.</summary>
    public int? InvitationId { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>A per-edition category (Delegate, Speaker…) with its own capacity, badge colour and approval rule.</summary>
public sealed class RegistrationCategory
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }
    public int? Capacity { get; set; }

    /// <summary>Badge band colour as #RRGGBB.</summary>
    public string BadgeColor { get; set; } = "#1B3A6B";
    public bool NeedsApproval { get; set; }
    public bool IsDefault { get; set; }

    /// <summary>Whether the public form offers it; Organiser team and Invited guest are usually by invitation only.</summary>
    public bool IsPublic { get; set; } = true;
    public int SortOrder { get; set; }

    /// <summary>The 1-byte category code carried in the badge QR (1..255, unique per edition).</summary>
    public byte Code { get; set; }
}
