namespace DaysOfClusters.Web.Features.Certificates;

/// <summary>
/// A certificate of attendance issued to one trainee of an event. Issued on first download once the trainee is over the
/// event's threshold; a later download with different attendance raises <see cref="IssueNumber"/>, so an older PDF
/// verifies as replaced rather than as current. The holder's name is read from the registration, never copied here; only
/// its hash is kept, fixed at the first issue, so renaming a registration cannot pass a certificate on to someone else.
/// </summary>
public sealed class Certificate
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int RegistrationId { get; set; }
    public int IssueNumber { get; set; } = 1;
    public int SessionsAttended { get; set; }
    public int SessionsTotal { get; set; }
    public int ThresholdPercent { get; set; }

    /// <summary><see cref="CertificateToken.HashName"/> of the holder's name at the first issue; only an organiser's re-issue changes it.</summary>
    public long NameHash { get; set; }
    public DateTime IssuedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}
