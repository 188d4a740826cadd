namespace DaysOfClusters.Web.Features.Editions;

/// <summary>
/// A PDF the organisers attach to an event after it took place: a round table's minutes and conclusions, a training's
/// handouts. Public ones are linked from the event's series page; the others only reach the event's confirmed
/// participants, through their own manage link.
/// </summary>
public sealed class EventDocument
{
    public const int TitleMaxLength = 160;
    public const int MaxBytes = 10 * 1024 * 1024;

    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Title { get; set; }

    /// <summary>A PDF, checked by its first bytes ("%PDF-"), at most <see cref="MaxBytes"/>.</summary>
    public required byte[] Content { get; set; }
    public bool IsPublic { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string? UploadedBy { get; set; }
}
