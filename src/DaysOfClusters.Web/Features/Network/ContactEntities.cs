namespace DaysOfClusters.Web.Features.Network;

/// <summary>A person who followed an unsubscribe link: no further invitations until they agree again on a later registration.</summary>
public sealed class NetworkOptOut
{
    /// <summary>The same SHA-256 of the normalised e-mail that registrations keep, so the opt-out survives erasure.</summary>
    public required string EmailHash { get; set; }
    public DateTime AtUtc { get; set; }
}

public enum InvitationSource
{
    PastAttendee = 1,
    NetworkMember = 2,
}

/// <summary>
/// One invitation of a target edition to one person (the campaign is the edition). Only hashes are kept, no address, so
/// erasure needs nothing here. The unique (edition, e-mail hash) row is claimed before the mail goes out: no double sending.
/// </summary>
public sealed class NetworkInvitation
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string EmailHash { get; set; }
    public InvitationSource Source { get; set; }
    public required string Language { get; set; }

    /// <summary>SHA-256 hex of the unsubscribe token; the token itself is only in the message.</summary>
    public required string UnsubscribeTokenHash { get; set; }
    public required string SentBy { get; set; }
    public DateTime SentUtc { get; set; }
}
