namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// One issue of a person's badge. A reissue adds a row with the next issue number and a new ticket id and revokes the
/// previous one, so every code printed on the old badge (QR, short code, hex) is refused with its reason. Badges reissued
/// before tickets were renewed share the ticket across issues; their short code is ambiguous and refused.
/// </summary>
public sealed class IssuedBadge
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>The 8 random bytes of the QR payload (never the database id), as a signed 64-bit value for the database.</summary>
    public long TicketId { get; set; }
    public int IssueNumber { get; set; }
    public byte CategoryCode { get; set; }
    public DateTime IssuedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedReason { get; set; }
    public DateTime? PrintedUtc { get; set; }
    public int PrintCount { get; set; }

    public ulong TicketIdValue => unchecked((ulong)TicketId);
}

/// <summary>An edition's ECDSA P-256 key; the private half is stored encrypted with ASP.NET Data Protection.</summary>
public sealed class EditionSigningKey
{
    public int EditionId { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public required string SpkiBase64 { get; set; }
    public DateTime CreatedUtc { get; set; }
}
