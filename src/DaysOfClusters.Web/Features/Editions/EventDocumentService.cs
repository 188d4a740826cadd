using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Editions;

public sealed record EventDocumentView(int Id, string Title, bool IsPublic, int SizeBytes, DateTime UploadedUtc);

public sealed record EventDocumentFile(byte[] Content, string FileName);

/// <summary>Minutes, conclusions and handouts attached to an event: the organisers' list, the public links, the participants' copies.</summary>
public sealed class EventDocumentService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<EventDocumentView>> ListAsync(int editionId, bool publicOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EventDocuments.AsNoTracking().Where(d => d.EditionId == editionId && (!publicOnly || d.IsPublic))
            .OrderBy(d => d.UploadedUtc).ThenBy(d => d.Id)
            .Select(d => new EventDocumentView(d.Id, d.Title, d.IsPublic, d.Content.Length, d.UploadedUtc)).ToListAsync(ct);
    }

    /// <summary>The public documents of several events at once (a series page's archive), by event.</summary>
    public async Task<ILookup<int, EventDocumentView>> PublicByEditionAsync(IReadOnlyCollection<int> editionIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.EventDocuments.AsNoTracking().Where(d => d.IsPublic && editionIds.Contains(d.EditionId))
            .OrderBy(d => d.UploadedUtc).ThenBy(d => d.Id)
            .Select(d => new { d.EditionId, View = new EventDocumentView(d.Id, d.Title, d.IsPublic, d.Content.Length, d.UploadedUtc) }).ToListAsync(ct);
        return rows.ToLookup(r => r.EditionId, r => r.View);
    }

    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes.StartsWith("%PDF-"u8);

    /// <summary>Stores a document; returns the error to show instead when the title or the file is not acceptable (nothing is stored then).</summary>
    public async Task<(int? Id, string? Error)> AddAsync(int editionId, string? title, byte[] content, bool isPublic, string? uploadedBy, CancellationToken ct = default)
    {
        var name = title?.Trim() ?? "";
        if (name.Length == 0) return (null, "Give the document a title, e.g. \"Minutes and conclusions\".");
        if (name.Length > EventDocument.TitleMaxLength) return (null, $"The title must be at most {EventDocument.TitleMaxLength} characters.");
        if (content.Length == 0) return (null, "The file is empty.");
        if (content.Length > EventDocument.MaxBytes) return (null, $"A document may be at most {EventDocument.MaxBytes / 1024 / 1024} MB.");
        if (!IsPdf(content)) return (null, "A document must be a PDF.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Editions.AnyAsync(e => e.Id == editionId, ct)) return (null, "This event no longer exists.");
        var document = new EventDocument
        {
            EditionId = editionId, Title = name, Content = content, IsPublic = isPublic, UploadedBy = uploadedBy, UploadedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.EventDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return (document.Id, null);
    }

    public async Task<bool> SetPublicAsync(int editionId, int documentId, bool isPublic, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EventDocuments.Where(d => d.Id == documentId && d.EditionId == editionId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.IsPublic, isPublic), ct) > 0;
    }

    public async Task<bool> DeleteAsync(int editionId, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EventDocuments.Where(d => d.Id == documentId && d.EditionId == editionId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>A public document of a public event, by the event's slug; null for anything else.</summary>
    public async Task<EventDocumentFile?> PublicFileAsync(string slug, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (from d in db.EventDocuments
                         join e in db.Editions on d.EditionId equals e.Id
                         where d.Id == documentId && d.IsPublic && e.Slug == slug && e.Status != EditionStatus.Draft
                         select new { d.Content, d.Title, e.Slug }).FirstOrDefaultAsync(ct);
        return row is null ? null : new EventDocumentFile(row.Content, FileName(row.Slug, row.Title));
    }

    /// <summary>
    /// Any document of the event, for one of its confirmed participants by their manage link: the link grants this
    /// event's documents only, never another event's.
    /// </summary>
    public async Task<EventDocumentFile?> ParticipantFileAsync(string manageToken, int documentId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(manageToken) || manageToken.Length > 200) return null;
        var hash = RegistrationRules.Sha256Hex(manageToken);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (from r in db.Registrations
                         join d in db.EventDocuments on r.EditionId equals d.EditionId
                         join e in db.Editions on d.EditionId equals e.Id
                         where r.ManageTokenHash == hash && r.Status == RegistrationStatus.Confirmed && r.AnonymisedUtc == null && d.Id == documentId
                         select new { d.Content, d.Title, e.Slug }).FirstOrDefaultAsync(ct);
        return row is null ? null : new EventDocumentFile(row.Content, FileName(row.Slug, row.Title));
    }

    /// <summary>"demo-3rd-cluster-round-table-minutes-and-conclusions.pdf": letters, digits and dashes only, so no header can be bent.</summary>
    public static string FileName(string slug, string title)
    {
        var words = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())
            .Split('-', StringSplitOptions.RemoveEmptyEntries);
        var name = $"{slug}-{string.Join('-', words)}".Trim('-');
        return (name.Length > 120 ? name[..120] : name) + ".pdf";
    }
}
