using System.Globalization;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Badges;

public enum BadgeSelectionKind
{
    /// <summary>The registrations in <see cref="BadgeSelection.RegistrationIds"/> (one person or a ticked selection).</summary>
    Registrations,

    /// <summary>Every confirmed registration of <see cref="BadgeSelection.CategoryId"/>.</summary>
    Category,

    /// <summary>Confirmed registrations whose current badge has never been printed (new, or reissued since).</summary>
    NotPrinted,

    /// <summary>Every confirmed registration of the edition.</summary>
    All,
}

/// <summary>Who to print. Only confirmed registrations of the edition ever get a badge, whatever the ids say.</summary>
public sealed record BadgeSelection(BadgeSelectionKind Kind, IReadOnlyList<int>? RegistrationIds = null, int? CategoryId = null)
{
    public static BadgeSelection Of(params int[] registrationIds) => new(BadgeSelectionKind.Registrations, registrationIds);
}

public sealed record BadgePrintOptions(BadgeFormat Format = BadgeFormat.A6, bool DoubleSided = false);

/// <summary>Progress of a print run: <see cref="Done"/> of <see cref="Total"/> badges in <see cref="Phase"/>.</summary>
public sealed record BadgeProgress(string Phase, int Done, int Total);

public sealed record BadgePdf(byte[] Content, int Count, string FileName);

public sealed record BadgeCategoryCount(int CategoryId, string Name, string Color, int Confirmed, int NotPrinted);

public sealed record BadgeCounts(int Confirmed, int Printed, int NotPrinted, IReadOnlyList<BadgeCategoryCount> Categories);

/// <summary>One line of the organiser's badge list.</summary>
public sealed record BadgeRow(
    int RegistrationId, string FullName, string Organisation, string CountryCode, int CategoryId, string CategoryName, string CategoryColor,
    int? IssueNumber, string? ShortCode, DateTime? PrintedUtc, int PrintCount);

public sealed record BadgeRowPage(IReadOnlyList<BadgeRow> Rows, int Total);

public enum BadgePrintedFilter
{
    Any,
    Printed,
    NotPrinted,
}

/// <summary>One entry of the offline scanners' revocation list.</summary>
public sealed record RevokedBadgeDto(string TicketId, int IssueNumber, string Reason, DateTime RevokedUtc);

public sealed record RevocationListDto(string Edition, int EditionId, DateTime GeneratedUtc, IReadOnlyList<RevokedBadgeDto> Revoked);

public enum AttendeeBadgeStatus
{
    Ready,
    UnknownToken,
    NotConfirmed,
}

public sealed record AttendeeBadge(AttendeeBadgeStatus Status, RegistrationStatus? RegistrationStatus, BadgePdf? Pdf);

/// <summary>
/// Turns registrations into printed badges: picks who to print, issues their codes, fills <see cref="BadgeData"/>,
/// renders the PDF and remembers what organisers printed and when.
/// </summary>
public sealed class BadgeService(IDbContextFactory<AppDbContext> dbFactory, BadgeIssuer issuer, BadgeKeyService keys, TimeProvider clock)
{
    public const string CancelledReason = "cancelled";
    public const string NotConfirmedReason = "not-confirmed";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private sealed record EditionInfo(int Id, string Slug, string BrandTitle, string Theme, string Dates, string City, string? Partners);

    private sealed record PersonRow(int Id, int CategoryId, string FirstName, string LastName, string Organisation, string CountryCode,
        string? CountryName, string CategoryName, string CategoryColor, int CategorySort);

    // ---- who to print -------------------------------------------------------------------------------------------

    /// <summary>Confirmed registrations of the selection in print order (category, then surname, first name).</summary>
    public async Task<List<int>> ResolveAsync(int editionId, BadgeSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var confirmed = db.Registrations.AsNoTracking().Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed);
        switch (selection.Kind)
        {
            case BadgeSelectionKind.Registrations:
                var wanted = (selection.RegistrationIds ?? []).Distinct().ToList();
                var found = new List<int>();
                foreach (var chunk in wanted.Chunk(500))
                    found.AddRange(await confirmed.Where(r => chunk.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct));
                // A hand-picked list prints in the order it was picked.
                var set = found.ToHashSet();
                return wanted.Where(set.Contains).ToList();
            case BadgeSelectionKind.Category:
                confirmed = confirmed.Where(r => r.CategoryId == selection.CategoryId);
                break;
            case BadgeSelectionKind.NotPrinted:
                confirmed = confirmed.Where(r => !db.IssuedBadges.Any(b => b.RegistrationId == r.Id && b.RevokedUtc == null && b.PrintedUtc != null));
                break;
            case BadgeSelectionKind.All:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(selection), selection.Kind, null);
        }
        return await confirmed
            .Join(db.RegistrationCategories, r => r.CategoryId, c => c.Id, (r, c) => new { r.Id, r.FirstName, r.LastName, c.SortOrder })
            .OrderBy(x => x.SortOrder).ThenBy(x => x.LastName).ThenBy(x => x.FirstName).ThenBy(x => x.Id)
            .Select(x => x.Id).ToListAsync(ct);
    }

    public async Task<BadgeCounts?> CountsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Editions.AnyAsync(e => e.Id == editionId, ct)) return null;
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed)
            .Select(r => new
            {
                r.CategoryId,
                Printed = db.IssuedBadges.Any(b => b.RegistrationId == r.Id && b.RevokedUtc == null && b.PrintedUtc != null),
            })
            .GroupBy(x => new { x.CategoryId, x.Printed })
            .Select(g => new { g.Key.CategoryId, g.Key.Printed, Count = g.Count() })
            .ToListAsync(ct);
        var perCategory = categories.Select(c => new BadgeCategoryCount(c.Id, c.Name, c.BadgeColor,
            rows.Where(r => r.CategoryId == c.Id).Sum(r => r.Count), rows.Where(r => r.CategoryId == c.Id && !r.Printed).Sum(r => r.Count))).ToList();
        var confirmedTotal = rows.Sum(r => r.Count);
        var notPrinted = rows.Where(r => !r.Printed).Sum(r => r.Count);
        return new BadgeCounts(confirmedTotal, confirmedTotal - notPrinted, notPrinted, perCategory);
    }

    /// <summary>A page of the edition's confirmed registrations with their badge state, searched by name, e-mail or organisation.</summary>
    public async Task<BadgeRowPage> ListAsync(int editionId, string? search, int? categoryId, BadgePrintedFilter printed, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Registrations.AsNoTracking().Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed);
        if (categoryId is not null) query = query.Where(r => r.CategoryId == categoryId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            foreach (var term in search.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var pattern = $"%{term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
                // Case-insensitive on every provider: SQLite's LIKE is, PostgreSQL's ILIKE is.
                query = db.Database.IsNpgsql()
                    ? query.Where(r => EF.Functions.ILike(r.FirstName, pattern, "\\") || EF.Functions.ILike(r.LastName, pattern, "\\")
                        || EF.Functions.ILike(r.EmailNormalized, pattern, "\\") || EF.Functions.ILike(r.Organisation, pattern, "\\"))
                    : query.Where(r => EF.Functions.Like(r.FirstName, pattern, "\\") || EF.Functions.Like(r.LastName, pattern, "\\")
                        || EF.Functions.Like(r.EmailNormalized, pattern, "\\") || EF.Functions.Like(r.Organisation, pattern, "\\"));
            }
        }
        if (printed == BadgePrintedFilter.Printed)
            query = query.Where(r => db.IssuedBadges.Any(b => b.RegistrationId == r.Id && b.RevokedUtc == null && b.PrintedUtc != null));
        else if (printed == BadgePrintedFilter.NotPrinted)
            query = query.Where(r => !db.IssuedBadges.Any(b => b.RegistrationId == r.Id && b.RevokedUtc == null && b.PrintedUtc != null));
        var total = await query.CountAsync(ct);
        var rows = await query
            .Join(db.RegistrationCategories, r => r.CategoryId, c => c.Id, (r, c) => new { r, c })
            .OrderBy(x => x.r.LastName).ThenBy(x => x.r.FirstName).ThenBy(x => x.r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(x => new
            {
                x.r.Id, x.r.FirstName, x.r.LastName, x.r.Organisation, x.r.CountryCode, CategoryId = x.c.Id, CategoryName = x.c.Name, x.c.BadgeColor,
                Badge = db.IssuedBadges.Where(b => b.RegistrationId == x.r.Id && b.RevokedUtc == null).OrderByDescending(b => b.IssueNumber)
                    .Select(b => new { b.IssueNumber, b.TicketId, b.PrintedUtc, b.PrintCount }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new BadgeRowPage(rows.Select(x => new BadgeRow(x.Id, $"{x.FirstName} {x.LastName}".Trim(), x.Organisation, x.CountryCode, x.CategoryId,
            x.CategoryName, x.BadgeColor, x.Badge?.IssueNumber, x.Badge is null ? null : BadgeTicketId.ToShortCode(unchecked((ulong)x.Badge.TicketId)),
            x.Badge?.PrintedUtc, x.Badge?.PrintCount ?? 0)).ToList(), total);
    }

    public async Task<BadgeRow?> FindRowAsync(int editionId, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = await db.Registrations.Where(r => r.Id == registrationId && r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed)
            .Select(r => r.EmailNormalized).FirstOrDefaultAsync(ct);
        if (email is null) return null;
        var page = await ListAsync(editionId, email, null, BadgePrintedFilter.Any, 0, 50, ct);
        return page.Rows.FirstOrDefault(r => r.RegistrationId == registrationId);
    }

    // ---- building and rendering ---------------------------------------------------------------------------------

    /// <summary>Badge contents for confirmed registrations of the edition, in the order given; issues codes where missing.</summary>
    public async Task<List<(BadgeData Data, int IssuedBadgeId)>> BuildAsync(int editionId, IReadOnlyList<int> registrationIds, bool doubleSided, CancellationToken ct = default)
    {
        var edition = await EditionAsync(editionId, ct) ?? throw new InvalidOperationException($"Edition {editionId} does not exist.");
        var people = new Dictionary<int, PersonRow>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var chunk in registrationIds.Distinct().Chunk(500))
            {
                var rows = await db.Registrations.AsNoTracking()
                    .Where(r => chunk.Contains(r.Id) && r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed)
                    .Join(db.RegistrationCategories, r => r.CategoryId, c => c.Id, (r, c) => new { r, c })
                    .Select(x => new PersonRow(x.r.Id, x.c.Id, x.r.FirstName, x.r.LastName, x.r.Organisation, x.r.CountryCode,
                        db.Countries.Where(k => k.Code == x.r.CountryCode).Select(k => k.Name).FirstOrDefault(), x.c.Name, x.c.BadgeColor, x.c.SortOrder))
                    .ToListAsync(ct);
                foreach (var row in rows) people[row.Id] = row;
            }
        }
        var issues = await issuer.CurrentManyAsync(people.Keys.ToList(), ct);
        var result = new List<(BadgeData, int)>(people.Count);
        foreach (var id in registrationIds)
        {
            if (!people.TryGetValue(id, out var person) || !issues.TryGetValue(id, out var issue)) continue;
            result.Add((new BadgeData(edition.BrandTitle, edition.Dates, edition.City, person.FirstName, person.LastName,
                string.IsNullOrWhiteSpace(person.Organisation) ? null : person.Organisation, person.CountryName, person.CategoryName,
                person.CategoryColor, issue.QrText, issue.ShortCode,
                // Personal agendas do not exist yet: the back names the edition only, never a made-up programme.
                BackLines: doubleSided ? [] : null, EditionTheme: edition.Theme, Partners: edition.Partners), issue.Badge.Id));
        }
        return result;
    }

    /// <summary>
    /// Renders a print run. With <paramref name="markPrinted"/> (organisers printing) the badges are remembered as printed.
    /// Null when the edition does not exist.
    /// </summary>
    public async Task<BadgePdf?> RenderAsync(int editionId, BadgeSelection selection, BadgePrintOptions options, bool markPrinted,
        IProgress<BadgeProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var edition = await EditionAsync(editionId, ct);
        if (edition is null) return null;
        var ids = await ResolveAsync(editionId, selection, ct);
        progress?.Report(new BadgeProgress("Issuing codes", 0, ids.Count));
        var built = new List<(BadgeData Data, int IssuedBadgeId)>(ids.Count);
        // Chunks keep the progress bar moving while codes are issued and signed.
        foreach (var chunk in ids.Chunk(250))
        {
            built.AddRange(await BuildAsync(editionId, chunk, options.DoubleSided, ct));
            progress?.Report(new BadgeProgress("Issuing codes", built.Count, ids.Count));
        }
        var badges = built.Select(b => b.Data).ToList();
        progress?.Report(new BadgeProgress("Drawing", 0, badges.Count));
        var content = await Task.Run(() =>
        {
            using var stream = new MemoryStream();
            BadgeRenderer.Render(badges, options.Format, stream,
                progress is null ? null : new SyncProgress(done => progress.Report(new BadgeProgress("Drawing", done, badges.Count))));
            return stream.ToArray();
        }, ct);
        if (markPrinted) await MarkPrintedAsync(built.Select(b => b.IssuedBadgeId).ToList(), ct);
        progress?.Report(new BadgeProgress("Done", badges.Count, badges.Count));
        return new BadgePdf(content, badges.Count, FileName(edition, selection, badges, options.Format));
    }

    /// <summary>Remembers that these issued badges were printed now.</summary>
    public async Task MarkPrintedAsync(IReadOnlyCollection<int> issuedBadgeIds, CancellationToken ct = default)
    {
        if (issuedBadgeIds.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in issuedBadgeIds.Distinct().Chunk(500))
        {
            await db.IssuedBadges.Where(b => chunk.Contains(b.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.PrintedUtc, now).SetProperty(b => b.PrintCount, b => b.PrintCount + 1), ct);
        }
    }

    /// <summary>Revokes the person's current badge with the reason and issues the next one; null when not confirmed.</summary>
    public async Task<BadgeIssue?> ReissueAsync(int editionId, int registrationId, string reason, CancellationToken ct = default)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new ArgumentException("A reason is required.", nameof(reason));
        if (reason.Length > 200) reason = reason[..200];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Registrations.AnyAsync(r => r.Id == registrationId && r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed, ct))
                return null;
        }
        return await issuer.ReissueAsync(registrationId, reason, ct);
    }

    // ---- attendees ----------------------------------------------------------------------------------------------

    /// <summary>The attendee's own badge from their manage link; never marks it printed (that is the organisers' record).</summary>
    public async Task<AttendeeBadge> RenderForAttendeeAsync(string token, BadgeFormat format, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return new AttendeeBadge(AttendeeBadgeStatus.UnknownToken, null, null);
        var hash = Registration.RegistrationRules.Sha256Hex(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().Where(r => r.ManageTokenHash == hash)
            .Select(r => new { r.Id, r.EditionId, r.Status, r.AnonymisedUtc }).FirstOrDefaultAsync(ct);
        if (registration is null || registration.AnonymisedUtc is not null) return new AttendeeBadge(AttendeeBadgeStatus.UnknownToken, null, null);
        if (registration.Status != RegistrationStatus.Confirmed) return new AttendeeBadge(AttendeeBadgeStatus.NotConfirmed, registration.Status, null);
        var pdf = await RenderAsync(registration.EditionId, BadgeSelection.Of(registration.Id), new BadgePrintOptions(format), markPrinted: false, ct: ct);
        return pdf is { Count: 1 }
            ? new AttendeeBadge(AttendeeBadgeStatus.Ready, registration.Status, pdf)
            : new AttendeeBadge(AttendeeBadgeStatus.NotConfirmed, registration.Status, null);
    }

    // ---- scanners -----------------------------------------------------------------------------------------------

    public async Task<CheckinKeyResponse?> CheckinKeyAsync(string slug, CancellationToken ct = default)
    {
        var editionId = await EditionIdAsync(slug, ct);
        if (editionId is null) return null;
        return new CheckinKeyResponse(EditionSigningKeys.Algorithm, await keys.SpkiBase64Async(editionId.Value, ct));
    }

    /// <summary>
    /// Codes an offline scanner must refuse although their signature is valid: revoked issues (reissued, with the
    /// reason given) and the current badges of registrations that are no longer confirmed.
    /// </summary>
    public async Task<RevocationListDto?> RevocationsAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Slug == slug).Select(e => new { e.Id, e.Slug }).FirstOrDefaultAsync(ct);
        if (edition is null) return null;
        var revoked = await db.IssuedBadges.AsNoTracking().Where(b => b.EditionId == edition.Id && b.RevokedUtc != null)
            .Select(b => new { b.TicketId, b.IssueNumber, b.RevokedReason, b.RevokedUtc }).ToListAsync(ct);
        var unconfirmed = await db.IssuedBadges.AsNoTracking().Where(b => b.EditionId == edition.Id && b.RevokedUtc == null)
            .Join(db.Registrations, b => b.RegistrationId, r => r.Id, (b, r) => new { b.TicketId, b.IssueNumber, b.IssuedUtc, r.Status, r.CancelledUtc, r.UpdatedUtc })
            .Where(x => x.Status != RegistrationStatus.Confirmed)
            .ToListAsync(ct);
        var entries = revoked
            .Select(b => new RevokedBadgeDto(BadgeTicketId.ToHex(unchecked((ulong)b.TicketId)), b.IssueNumber, b.RevokedReason ?? "revoked", b.RevokedUtc!.Value))
            .Concat(unconfirmed.Select(x => new RevokedBadgeDto(BadgeTicketId.ToHex(unchecked((ulong)x.TicketId)), x.IssueNumber,
                x.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected ? CancelledReason : NotConfirmedReason,
                x.CancelledUtc ?? (x.UpdatedUtc > x.IssuedUtc ? x.UpdatedUtc : x.IssuedUtc))))
            .OrderBy(e => e.TicketId, StringComparer.Ordinal).ThenBy(e => e.IssueNumber)
            .ToList();
        return new RevocationListDto(edition.Slug, edition.Id, clock.GetUtcNow().UtcDateTime, entries);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    public async Task<int?> EditionIdAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.Where(e => e.Slug == slug).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<EditionInfo?> EditionAsync(int editionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return null;
        var country = await db.Countries.Where(c => c.Code == edition.CountryCode).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var city = string.IsNullOrWhiteSpace(country) ? edition.HostCity : $"{edition.HostCity}, {country}";
        var partners = (await db.EventPartners.AsNoTracking().Where(p => p.EditionId == editionId).Select(p => new { p.Role, p.SortOrder, p.Id, p.Name }).ToListAsync(ct))
            .OrderBy(p => (int)p.Role).ThenBy(p => p.SortOrder).ThenBy(p => p.Id).Select(p => p.Name).ToList();
        return new EditionInfo(edition.Id, edition.Slug, edition.DisplayName, edition.Title,
            FormatDates(edition.StartDate, edition.EndDate), city, partners.Count == 0 ? null : "With " + string.Join(" · ", partners));
    }

    /// <summary>"22–24 September 2027", "30 September – 2 October 2027", "30 December 2027 – 2 January 2028".</summary>
    /// <remarks>Edition dates are calendar days in the edition's own time zone already, so no conversion is needed.</remarks>
    public static string FormatDates(DateOnly start, DateOnly end)
    {
        if (end < start) (start, end) = (end, start);
        if (start == end) return start.ToString("d MMMM yyyy", English);
        if (start.Year != end.Year) return $"{start.ToString("d MMMM yyyy", English)} – {end.ToString("d MMMM yyyy", English)}";
        if (start.Month != end.Month) return $"{start.ToString("d MMMM", English)} – {end.ToString("d MMMM yyyy", English)}";
        return $"{start.Day.ToString(English)}–{end.ToString("d MMMM yyyy", English)}";
    }

    private static string FileName(EditionInfo edition, BadgeSelection selection, List<BadgeData> badges, BadgeFormat format)
    {
        var what = selection.Kind switch
        {
            BadgeSelectionKind.Registrations when badges.Count == 1 => EditionRules.SlugFrom($"{badges[0].FirstName} {badges[0].LastName}"),
            BadgeSelectionKind.Registrations => "selection",
            BadgeSelectionKind.Category when badges.Count > 0 => EditionRules.SlugFrom(badges[0].CategoryName),
            BadgeSelectionKind.Category => "category",
            BadgeSelectionKind.NotPrinted => "not-printed",
            _ => "all",
        };
        if (what.Length == 0) what = "badge";
        return $"badges-{edition.Slug}-{what}-{format.ToString().ToLowerInvariant()}.pdf";
    }

    /// <summary>Reports on the calling thread (System.Progress would post to a captured context).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
