using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>A suggestion of the public form's organisation field.</summary>
public sealed record OrganisationSuggestion(int Id, string Name, string? ShortName, OrganisationType Kind, string CountryCode, string? City)
{
    public string Label => $"{Name}{(ShortName is { Length: > 0 } s ? $" ({s})" : "")}{(City is { Length: > 0 } c ? $", {c}" : "")} · {CountryCode}";
}

/// <summary>A directory row for organisers, with how many registrations are linked to it.</summary>
public sealed record OrganisationListItem(int Id, string Name, string? ShortName, OrganisationType Kind, string CountryCode, string? City, int? NetworkMemberSince, int Registrations);

/// <summary>A registration linked to an organisation, for the organisation's page.</summary>
public sealed record OrganisationRegistration(int RegistrationId, int EditionId, int EditionOrdinal, string EditionTitle, string Name, string Email, RegistrationStatus Status, string CategoryName);

/// <summary>What an organiser edits.</summary>
public sealed class OrganisationInput
{
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public OrganisationType Kind { get; set; } = OrganisationType.ClusterOrganisation;
    public string CountryCode { get; set; } = "";
    public string? City { get; set; }
    public string? Website { get; set; }
    /// <summary>Sectors from the organisers' list (see <see cref="Sectors.SectorService"/>).</summary>
    public List<int> SectorIds { get; set; } = [];
    public int? ClusterMembers { get; set; }
    public int? SmeSharePercent { get; set; }
    public int? NetworkMemberSince { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }

    public static OrganisationInput From(Organisation o, IEnumerable<int>? sectorIds = null) => new()
    {
        Name = o.Name, ShortName = o.ShortName, Kind = o.Kind, CountryCode = o.CountryCode, City = o.City, Website = o.Website, SectorIds = [.. sectorIds ?? []],
        ClusterMembers = o.ClusterMembers, SmeSharePercent = o.SmeSharePercent, NetworkMemberSince = o.NetworkMemberSince, ContactName = o.ContactName, ContactEmail = o.ContactEmail,
    };
}

/// <summary>Result of a merge: how many registration links moved to the organisation that was kept.</summary>
public sealed record MergeResult(bool Merged, string? Error, int MovedRegistrations);

/// <summary>
/// The organisation directory: search for the public form (accent-insensitive through the stored folded key), the
/// organisers' list and edits, merging duplicates, and linking registrations to organisations.
/// </summary>
public sealed class OrganisationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int SuggestionLimit = 10;

    /// <summary>Organisations whose name, short name or city contains the typed text, ignoring case and accents; names starting with it first.</summary>
    public async Task<List<OrganisationSuggestion>> SuggestAsync(string? text, int limit = SuggestionLimit, CancellationToken ct = default)
    {
        var folded = OrganisationSearch.Fold(text);
        if (folded.Length < 2) return [];
        var pattern = "%" + EscapeLike(folded) + "%";
        var prefix = EscapeLike(folded) + "%";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisations.AsNoTracking()
            .Where(o => EF.Functions.Like(o.SearchKey, pattern, "\\"))
            .OrderByDescending(o => EF.Functions.Like(o.NameKey, prefix, "\\")).ThenBy(o => o.Name)
            .Take(Math.Clamp(limit, 1, 50))
            .Select(o => new OrganisationSuggestion(o.Id, o.Name, o.ShortName, o.Kind, o.CountryCode, o.City))
            .ToListAsync(ct);
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<List<OrganisationListItem>> ListAsync(string? search, OrganisationType? kind, string? countryCode, bool? networkMembers, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Organisations.AsNoTracking().AsQueryable();
        var folded = OrganisationSearch.Fold(search);
        if (folded.Length > 0) q = q.Where(o => EF.Functions.Like(o.SearchKey, "%" + EscapeLike(folded) + "%", "\\"));
        if (kind is { } k) q = q.Where(o => o.Kind == k);
        if (!string.IsNullOrEmpty(countryCode)) q = q.Where(o => o.CountryCode == countryCode);
        if (networkMembers is { } m) q = m ? q.Where(o => o.NetworkMemberSince != null) : q.Where(o => o.NetworkMemberSince == null);
        var links = db.RegistrationOrganisations;
        return await q.OrderBy(o => o.Name).Take(1000)
            .Select(o => new OrganisationListItem(o.Id, o.Name, o.ShortName, o.Kind, o.CountryCode, o.City, o.NetworkMemberSince, links.Count(l => l.OrganisationId == o.Id)))
            .ToListAsync(ct);
    }

    public async Task<Organisation?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>The organisation's sectors (ids of the organisers' list).</summary>
    public async Task<List<int>> SectorIdsAsync(int organisationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrganisationSectors.Where(x => x.OrganisationId == organisationId).Select(x => x.SectorId).ToListAsync(ct);
    }

    public async Task<List<OrganisationRegistration>> RegistrationsAsync(int organisationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from l in db.RegistrationOrganisations
                          where l.OrganisationId == organisationId
                          join r in db.Registrations on l.RegistrationId equals r.Id
                          join e in db.Editions on r.EditionId equals e.Id
                          join c in db.RegistrationCategories on r.CategoryId equals c.Id
                          orderby e.Ordinal descending, r.LastName, r.FirstName
                          select new { r.Id, r.EditionId, e.Ordinal, e.Title, r.FirstName, r.LastName, r.Email, r.Status, Category = c.Name })
            .ToListAsync(ct);
        return rows.Select(r => new OrganisationRegistration(r.Id, r.EditionId, r.Ordinal, r.Title, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.Status, r.Category)).ToList();
    }

    /// <summary>Creates (id null) or updates an organisation. Returns the id, or field errors and changes nothing.</summary>
    public async Task<(int? Id, Dictionary<string, List<string>> Errors)> SaveAsync(int? id, OrganisationInput input, CancellationToken ct = default)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        input.Name = (input.Name ?? "").Trim();
        input.ShortName = Clean(input.ShortName);
        input.City = Clean(input.City);
        input.Website = Clean(input.Website);
        input.ContactName = Clean(input.ContactName);
        input.ContactEmail = Clean(input.ContactEmail);
        input.CountryCode = (input.CountryCode ?? "").Trim().ToUpperInvariant();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        if (input.Name.Length == 0) Add(nameof(input.Name), "Enter the organisation's name.");
        else if (input.Name.Length > 200) Add(nameof(input.Name), "At most 200 characters.");
        if (input.ShortName is { Length: > 50 }) Add(nameof(input.ShortName), "At most 50 characters.");
        if (!Enum.IsDefined(input.Kind)) Add(nameof(input.Kind), "Choose a kind.");
        if (input.City is { Length: > 100 }) Add(nameof(input.City), "At most 100 characters.");
        if (input.Website is { } w && (w.Length > 300 || !Uri.TryCreate(w.Contains("://", StringComparison.Ordinal) ? w : "https://" + w, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.', StringComparison.Ordinal)))
            Add(nameof(input.Website), "Enter a web address like https://example.org.");
        if (input.ClusterMembers is < 0 or > 100_000) Add(nameof(input.ClusterMembers), "Between 0 and 100,000.");
        if (input.SmeSharePercent is < 0 or > 100) Add(nameof(input.SmeSharePercent), "A share between 0 and 100 %.");
        if (input.NetworkMemberSince is { } since && (since < 2000 || since > clock.GetUtcNow().Year)) Add(nameof(input.NetworkMemberSince), $"A year between 2000 and {clock.GetUtcNow().Year}, or empty when not a member.");
        if (input.ContactName is { Length: > 200 }) Add(nameof(input.ContactName), "At most 200 characters.");
        if (input.ContactEmail is { } mail && (mail.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(mail, out _))) Add(nameof(input.ContactEmail), "Enter a valid e-mail address.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.CountryCode.Length == 0) Add(nameof(input.CountryCode), "Choose the country.");
        else if (!await db.Countries.AnyAsync(c => c.Code == input.CountryCode, ct)) Add(nameof(input.CountryCode), $"Unknown country code '{input.CountryCode}'.");
        var currentSectors = id is { } current
            ? await db.OrganisationSectors.Where(x => x.OrganisationId == current).Select(x => x.SectorId).ToListAsync(ct)
            : [];
        var (sectorIds, sectorError) = await Sectors.SectorService.CheckPickAsync(db, input.SectorIds, currentSectors, ct);
        if (sectorError is not null) Add(nameof(input.SectorIds), sectorError);
        if (errors.Count > 0) return (null, errors);
        if (input.Kind != OrganisationType.ClusterOrganisation) { input.ClusterMembers = null; input.SmeSharePercent = null; }
        if (input.Website is { } site && !site.Contains("://", StringComparison.Ordinal)) input.Website = "https://" + site;

        var now = clock.GetUtcNow().UtcDateTime;
        Organisation? entity;
        if (id is { } existing)
        {
            entity = await db.Organisations.FirstOrDefaultAsync(o => o.Id == existing, ct);
            if (entity is null) return (null, new() { [""] = ["This organisation no longer exists (merged or deleted)."] });
        }
        else
        {
            entity = new Organisation { Name = input.Name, CountryCode = input.CountryCode, SearchKey = "", NameKey = "", CreatedUtc = now };
            db.Add(entity);
        }
        Apply(entity, input, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The links as they are now (another save may have changed them since they were checked): replace them with this save's.
        var stored = await db.OrganisationSectors.Where(x => x.OrganisationId == entity.Id).ToListAsync(ct);
        db.RemoveRange(stored.Where(x => !sectorIds.Contains(x.SectorId)));
        db.AddRange(sectorIds.Except(stored.Select(x => x.SectorId)).Select(s => new OrganisationSector { OrganisationId = entity.Id, SectorId = s }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (entity.Id, errors);
    }

    internal static void Apply(Organisation o, OrganisationInput input, DateTime now)
    {
        o.Name = input.Name; o.ShortName = input.ShortName; o.Kind = input.Kind; o.CountryCode = input.CountryCode; o.City = input.City;
        o.Website = input.Website; o.ClusterMembers = input.ClusterMembers; o.SmeSharePercent = input.SmeSharePercent;
        o.NetworkMemberSince = input.NetworkMemberSince; o.ContactName = input.ContactName; o.ContactEmail = input.ContactEmail;
        o.SearchKey = OrganisationSearch.KeyOf(o.Name, o.ShortName, o.City);
        o.NameKey = OrganisationSearch.Fold(o.Name);
        o.UpdatedUtc = now;
    }

    /// <summary>
    /// Merges <paramref name="duplicateId"/> into <paramref name="keepId"/>: every registration link moves, fields the
    /// kept record lacks are taken from the duplicate, and the duplicate is deleted, all in one transaction.
    /// </summary>
    public async Task<MergeResult> MergeAsync(int keepId, int duplicateId, CancellationToken ct = default)
    {
        if (keepId == duplicateId) return new MergeResult(false, "Choose two different organisations.", 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keep = await db.Organisations.FirstOrDefaultAsync(o => o.Id == keepId, ct);
        var duplicate = await db.Organisations.FirstOrDefaultAsync(o => o.Id == duplicateId, ct);
        if (keep is null || duplicate is null) return new MergeResult(false, "One of the organisations no longer exists (merged or deleted).", 0);
        var moved = await db.RegistrationOrganisations.Where(l => l.OrganisationId == duplicateId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.OrganisationId, keepId), ct);
        keep.ShortName ??= duplicate.ShortName;
        keep.City ??= duplicate.City;
        keep.Website ??= duplicate.Website;
        keep.ClusterMembers ??= duplicate.ClusterMembers;
        keep.SmeSharePercent ??= duplicate.SmeSharePercent;
        keep.NetworkMemberSince = (keep.NetworkMemberSince, duplicate.NetworkMemberSince) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            (var a, var b) => a ?? b,
        };
        keep.ContactName ??= duplicate.ContactName;
        keep.ContactEmail ??= duplicate.ContactEmail;
        // The duplicate's sectors join the kept ones (its own links go with it).
        var keptSectors = await db.OrganisationSectors.Where(x => x.OrganisationId == keepId).Select(x => x.SectorId).ToListAsync(ct);
        var duplicateSectors = await db.OrganisationSectors.Where(x => x.OrganisationId == duplicateId).Select(x => x.SectorId).ToListAsync(ct);
        db.AddRange(duplicateSectors.Except(keptSectors).Select(x => new OrganisationSector { OrganisationId = keepId, SectorId = x }));
        Apply(keep, OrganisationInput.From(keep), clock.GetUtcNow().UtcDateTime);
        db.Remove(duplicate);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MergeResult(true, null, moved);
    }

    /// <summary>
    /// Resolves the organisations of new registrations inside the registration writer's transaction, for a whole batch
    /// in two queries: the one picked from the suggestions if it still exists, else one whose folded name matches in the
    /// same country (the oldest), else a new directory entry, added to <paramref name="db"/> unsaved (one per name and
    /// country, shared by the batch's rows), for the caller to store: the writer through its prepared inserts, a relink
    /// through SaveChanges. Null where the name folds to nothing.
    /// </summary>
    public static Task<OrganisationRef?[]> ResolveAsync(AppDbContext db, IReadOnlyList<OrganisationClaim> claims, DateTime now, CancellationToken ct) =>
        ResolveAsync(db, claims, now, sync: false, ct);

    /// <inheritdoc cref="ResolveAsync(AppDbContext, IReadOnlyList{OrganisationClaim}, DateTime, CancellationToken)"/>
    /// <remarks>Synchronous, for the group commit's own thread.</remarks>
    public static OrganisationRef?[] Resolve(AppDbContext db, IReadOnlyList<OrganisationClaim> claims, DateTime now) =>
        ResolveAsync(db, claims, now, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<OrganisationRef?[]> ResolveAsync(AppDbContext db, IReadOnlyList<OrganisationClaim> claims, DateTime now, bool sync, CancellationToken ct)
    {
        var result = new OrganisationRef?[claims.Count];
        var picked = claims.Where(c => c.PickedId is not null).Select(c => c.PickedId!.Value).Distinct().ToList();
        var existing = picked.Count == 0 ? []
            : (await db.Organisations.Where(o => picked.Contains(o.Id)).Select(o => o.Id).ToListAsync(sync, ct)).ToHashSet();
        var keys = new string[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].PickedId is { } id && existing.Contains(id)) result[i] = new OrganisationRef(id, null);
            else keys[i] = OrganisationSearch.Fold(claims[i].Name);
        }
        var wanted = keys.Where(k => k is { Length: > 0 }).Distinct().ToList();
        if (wanted.Count == 0) return result;
        var byKey = new Dictionary<(string Key, string Country), OrganisationRef>();
        foreach (var o in await db.Organisations.Where(o => wanted.Contains(o.NameKey)).OrderBy(o => o.Id)
                     .Select(o => new { o.Id, o.NameKey, o.CountryCode }).ToListAsync(sync, ct))
            byKey.TryAdd((o.NameKey, o.CountryCode), new OrganisationRef(o.Id, null));
        for (var i = 0; i < claims.Count; i++)
        {
            if (result[i] is not null || keys[i] is not { Length: > 0 } key) continue;
            var claim = claims[i];
            if (!byKey.TryGetValue((key, claim.CountryCode), out var found))
            {
                var name = claim.Name.Trim();
                var created = new Organisation { Name = name, CountryCode = claim.CountryCode, SearchKey = "", NameKey = "", CreatedUtc = now };
                Apply(created, new OrganisationInput { Name = name, Kind = claim.Type, CountryCode = claim.CountryCode }, now);
                db.Add(created);
                byKey[(key, claim.CountryCode)] = found = new OrganisationRef(null, created);
            }
            result[i] = found;
        }
        return result;
    }

    /// <summary>
    /// Points an existing registration at the organisation its edited name (or the suggestion picked) stands for, in the
    /// caller's transaction: an existing directory organisation by the folded name, else a new one. An empty name unlinks.
    /// </summary>
    public static async Task RelinkAsync(AppDbContext db, int registrationId, OrganisationClaim claim, DateTime now, CancellationToken ct)
    {
        var resolved = (await ResolveAsync(db, [claim], now, ct))[0];
        if (resolved?.Created is not null) await db.SaveChangesAsync(ct);
        var link = await db.RegistrationOrganisations.FirstOrDefaultAsync(l => l.RegistrationId == registrationId, ct);
        if (resolved is null)
        {
            if (link is not null) db.Remove(link);
        }
        else if (link is null) db.Add(new RegistrationOrganisation { RegistrationId = registrationId, OrganisationId = resolved.Id });
        else link.OrganisationId = resolved.Id;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The organisation a registration names: the directory id picked from the suggestions, if any, and the typed name.</summary>
public sealed record OrganisationClaim(int? PickedId, string Name, OrganisationType Type, string CountryCode);

/// <summary>A resolved organisation: an existing directory id, or a new entry whose id is known once it is saved.</summary>
public sealed record OrganisationRef(int? ExistingId, Organisation? Created)
{
    public int Id => ExistingId ?? Created!.Id;
}
