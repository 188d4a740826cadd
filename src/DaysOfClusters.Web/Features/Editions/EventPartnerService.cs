using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Editions;

public sealed record PartnerInput(string Name, PartnerRole Role, string? WebsiteUrl);

/// <summary>A partner as pages show it; <see cref="HasLogo"/> says whether <c>/partners/{id}/logo</c> answers.</summary>
public sealed record PartnerView(int Id, string Name, PartnerRole Role, string? WebsiteUrl, bool HasLogo)
{
    public string RoleText => EventPartnerService.RoleText(Role);
}

public sealed record PartnerSaveResult(int? Id, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>An event's partners and co-organisers: the organisers' list, the public page's logos, the certificate's footer.</summary>
public sealed class EventPartnerService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static string RoleText(PartnerRole role) => role switch
    {
        PartnerRole.CoOrganiser => "Co-organiser",
        PartnerRole.Supporter => "Supporter",
        PartnerRole.MediaPartner => "Media partner",
        _ => "Partner",
    };

    public async Task<IReadOnlyList<PartnerView>> ListAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var partners = await db.EventPartners.AsNoTracking().Where(p => p.EditionId == editionId)
            .Select(p => new PartnerView(p.Id, p.Name, p.Role, p.WebsiteUrl, p.Logo != null)).ToListAsync(ct);
        // By the role's rank (co-organisers first), not by its stored text, which would put media partners second.
        return partners.OrderBy(p => (int)p.Role).ThenBy(p => p.Id).ToList();
    }

    public static Dictionary<string, string> Validate(PartnerInput input)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(PartnerInput.Name)] = "The partner's name is required.";
        else if (name.Length > EventPartner.NameMaxLength) errors[nameof(PartnerInput.Name)] = $"The name must be at most {EventPartner.NameMaxLength} characters.";
        if (!Enum.IsDefined(input.Role)) errors[nameof(PartnerInput.Role)] = "Choose a role from the list.";
        if (!string.IsNullOrWhiteSpace(input.WebsiteUrl))
        {
            var url = input.WebsiteUrl.Trim();
            // Only web addresses: a "javascript:" or "data:" link on the public page would run in visitors' browsers.
            if (url.Length > EventPartner.WebsiteMaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                errors[nameof(PartnerInput.WebsiteUrl)] = "The website must be a full http or https address, e.g. https://www.example.org.";
        }
        return errors;
    }

    /// <summary>Adds (id null) or changes a partner; nothing is written when a field is wrong.</summary>
    public async Task<PartnerSaveResult> SaveAsync(int editionId, int? id, PartnerInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return new PartnerSaveResult(null, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        EventPartner? partner;
        if (id is { } existing)
        {
            partner = await db.EventPartners.FirstOrDefaultAsync(p => p.Id == existing && p.EditionId == editionId, ct);
            if (partner is null) return new PartnerSaveResult(null, new Dictionary<string, string> { [""] = "This partner no longer exists." });
        }
        else
        {
            if (!await db.Editions.AnyAsync(e => e.Id == editionId, ct)) throw new InvalidOperationException($"Edition {editionId} does not exist.");
            var last = await db.EventPartners.Where(p => p.EditionId == editionId).MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
            partner = new EventPartner { EditionId = editionId, Name = "", SortOrder = last + 10 };
            db.EventPartners.Add(partner);
        }
        partner.Name = input.Name.Trim();
        partner.Role = input.Role;
        partner.WebsiteUrl = string.IsNullOrWhiteSpace(input.WebsiteUrl) ? null : input.WebsiteUrl.Trim();
        partner.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new PartnerSaveResult(partner.Id, errors);
    }

    /// <summary>The content type a logo's first bytes show (PNG or JPEG), or null for anything else, whatever its name says.</summary>
    public static string? SniffLogo(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    /// <summary>Stores a logo; returns an error message instead when it is too large or not a PNG or JPEG.</summary>
    public async Task<string?> SetLogoAsync(int editionId, int partnerId, byte[] bytes, CancellationToken ct = default)
    {
        if (bytes.Length == 0) return "The file is empty.";
        if (bytes.Length > EventPartner.LogoMaxBytes) return $"A logo may be at most {EventPartner.LogoMaxBytes / 1024} KB.";
        if (SniffLogo(bytes) is not { } contentType) return "A logo must be a PNG or JPEG image.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.EventPartners.Where(p => p.Id == partnerId && p.EditionId == editionId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Logo, bytes).SetProperty(p => p.LogoContentType, contentType).SetProperty(p => p.UpdatedUtc, clock.GetUtcNow().UtcDateTime), ct);
        return changed == 0 ? "This partner no longer exists." : null;
    }

    public async Task<(byte[] Bytes, string ContentType, DateTime UpdatedUtc)?> LogoAsync(int partnerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EventPartners.AsNoTracking()
            .Where(p => p.Id == partnerId && p.Logo != null && db.Editions.Any(e => e.Id == p.EditionId && e.Status != EditionStatus.Draft))
            .Select(p => new { p.Logo, p.LogoContentType, p.UpdatedUtc }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Logo!, row.LogoContentType ?? "application/octet-stream", row.UpdatedUtc);
    }

    public async Task<bool> DeleteAsync(int editionId, int partnerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EventPartners.Where(p => p.Id == partnerId && p.EditionId == editionId).ExecuteDeleteAsync(ct) > 0;
    }
}
