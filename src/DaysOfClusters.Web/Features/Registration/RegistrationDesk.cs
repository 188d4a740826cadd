using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>The desk's filters; every one of them runs in the database.</summary>
public sealed record DeskFilter(
    int EditionId, RegistrationStatus? Status = null, int? CategoryId = null, string? CountryCode = null, Continent? Continent = null,
    OrganisationType? OrganisationType = null, string? Search = null, string? SortBy = null, bool Descending = false);

/// <summary>One row of the desk grid and of the CSV export (a class, so EF can keep composing queries on it).</summary>
public sealed class DeskRow
{
    public int Id { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Email { get; init; } = "";
    public string Organisation { get; init; } = "";
    public OrganisationType OrganisationType { get; init; }
    public string? JobTitle { get; init; }
    public string CountryCode { get; init; } = "";
    public string CountryName { get; init; } = "";
    public Continent Continent { get; init; }
    public int CategoryId { get; init; }
    public string CategoryName { get; init; } = "";
    public RegistrationStatus Status { get; init; }
    public int? WaitlistNumber { get; init; }
    public string? DaysAttending { get; init; }
    public string? DietaryNeeds { get; init; }
    public string? AccessibilityNeeds { get; init; }
    public bool NetworkingConsent { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? AnonymisedUtc { get; init; }
}

public sealed record CategorySummary(RegistrationCategory Category, int Held);

/// <summary>Read side of the organisers' desk (grid, export, categories); writes go through <see cref="RegistrationLifecycle"/> and <see cref="RegistrationSeats"/>.</summary>
public sealed partial class RegistrationDesk(IDbContextFactory<AppDbContext> dbFactory, RegistrationSeats seats)
{
    public async Task<(List<DeskRow> Rows, int Total)> QueryAsync(DeskFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var rows = await Sorted(query, filter).Skip(skip).Take(take).ToListAsync(ct);
        return (rows, total);
    }

    private static IQueryable<DeskRow> Filtered(AppDbContext db, DeskFilter f)
    {
        var query =
            from r in db.Registrations
            where r.EditionId == f.EditionId
            join c in db.Countries on r.CountryCode equals c.Code
            join k in db.RegistrationCategories on r.CategoryId equals k.Id
            select new DeskRow
            {
                Id = r.Id, FirstName = r.FirstName, LastName = r.LastName, Email = r.Email, Organisation = r.Organisation,
                OrganisationType = r.OrganisationType, JobTitle = r.JobTitle, CountryCode = r.CountryCode, CountryName = c.Name, Continent = c.Continent,
                CategoryId = r.CategoryId, CategoryName = k.Name, Status = r.Status, WaitlistNumber = r.WaitlistNumber, DaysAttending = r.DaysAttending,
                DietaryNeeds = r.DietaryNeeds, AccessibilityNeeds = r.AccessibilityNeeds, NetworkingConsent = r.NetworkingConsent,
                CreatedUtc = r.CreatedUtc, AnonymisedUtc = r.AnonymisedUtc,
            };
        if (f.Status is { } status) query = query.Where(r => r.Status == status);
        if (f.CategoryId is { } category) query = query.Where(r => r.CategoryId == category);
        if (!string.IsNullOrEmpty(f.CountryCode)) query = query.Where(r => r.CountryCode == f.CountryCode);
        if (f.Continent is { } continent) query = query.Where(r => r.Continent == continent);
        if (f.OrganisationType is { } type) query = query.Where(r => r.OrganisationType == type);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            // Case-insensitive on every provider: SQLite's LIKE is, PostgreSQL's ILIKE is. The wildcards a person types are escaped.
            var pattern = "%" + LikeSpecial().Replace(f.Search.Trim(), @"\$0") + "%";
            query = db.Database.IsNpgsql()
                ? query.Where(r => EF.Functions.ILike(r.FirstName, pattern, @"\") || EF.Functions.ILike(r.LastName, pattern, @"\")
                    || EF.Functions.ILike(r.Email, pattern, @"\") || EF.Functions.ILike(r.Organisation, pattern, @"\")
                    || EF.Functions.ILike(r.FirstName + " " + r.LastName, pattern, @"\"))
                : query.Where(r => EF.Functions.Like(r.FirstName, pattern, @"\") || EF.Functions.Like(r.LastName, pattern, @"\")
                    || EF.Functions.Like(r.Email, pattern, @"\") || EF.Functions.Like(r.Organisation, pattern, @"\")
                    || EF.Functions.Like(r.FirstName + " " + r.LastName, pattern, @"\"));
        }
        return query;
    }

    [GeneratedRegex(@"[\\%_]")]
    private static partial Regex LikeSpecial();

    private static IQueryable<DeskRow> Sorted(IQueryable<DeskRow> query, DeskFilter f) => (f.SortBy, f.Descending) switch
    {
        ("FirstName", false) => query.OrderBy(r => r.FirstName).ThenBy(r => r.Id),
        ("FirstName", true) => query.OrderByDescending(r => r.FirstName).ThenBy(r => r.Id),
        ("LastName", false) => query.OrderBy(r => r.LastName).ThenBy(r => r.Id),
        ("LastName", true) => query.OrderByDescending(r => r.LastName).ThenBy(r => r.Id),
        ("Email", false) => query.OrderBy(r => r.Email).ThenBy(r => r.Id),
        ("Email", true) => query.OrderByDescending(r => r.Email).ThenBy(r => r.Id),
        ("Organisation", false) => query.OrderBy(r => r.Organisation).ThenBy(r => r.Id),
        ("Organisation", true) => query.OrderByDescending(r => r.Organisation).ThenBy(r => r.Id),
        ("CountryName", false) => query.OrderBy(r => r.CountryName).ThenBy(r => r.Id),
        ("CountryName", true) => query.OrderByDescending(r => r.CountryName).ThenBy(r => r.Id),
        ("CategoryName", false) => query.OrderBy(r => r.CategoryName).ThenBy(r => r.Id),
        ("CategoryName", true) => query.OrderByDescending(r => r.CategoryName).ThenBy(r => r.Id),
        ("Status", false) => query.OrderBy(r => r.Status).ThenBy(r => r.WaitlistNumber).ThenBy(r => r.Id),
        ("Status", true) => query.OrderByDescending(r => r.Status).ThenBy(r => r.WaitlistNumber).ThenBy(r => r.Id),
        ("WaitlistNumber", false) => query.OrderBy(r => r.WaitlistNumber).ThenBy(r => r.Id),
        ("WaitlistNumber", true) => query.OrderByDescending(r => r.WaitlistNumber).ThenBy(r => r.Id),
        (_, true) => query.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id),
        _ => query.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id),
    };

    /// <summary>The filtered view as CSV, UTF-8 with a BOM so spreadsheet programs read Cyrillic and diacritics right.</summary>
    public async Task<byte[]> ExportCsvAsync(DeskFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Sorted(Filtered(db, filter), filter).ToListAsync(ct);
        // The edition's own questions follow the fixed columns, one column each, headed by the question.
        var questions = await QuestionService.LoadAsync(db, filter.EditionId, ct);
        var questionIds = questions.Select(q => q.Id).ToList();
        var answers = (await db.RegistrationAnswers.AsNoTracking().Where(a => questionIds.Contains(a.QuestionId)).ToListAsync(ct))
            .ToLookup(a => a.RegistrationId);
        using var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvFormat.Export, leaveOpen: true))
        {
            csv.WriteHeader([.. ExportHeader, .. questions.Select(q => q.Label)]);
            foreach (var r in rows)
            {
                csv.WriteRecord([
                    r.Id.ToString(CultureInfo.InvariantCulture), r.FirstName, r.LastName, r.Email, r.Organisation, r.OrganisationType.ToString(),
                    OrganisationTypes.PillarOf(r.OrganisationType).ToString(), r.JobTitle ?? "", r.CountryCode, r.CountryName, r.Continent.ToString(),
                    r.CategoryName, r.Status.ToString(), r.WaitlistNumber?.ToString(CultureInfo.InvariantCulture) ?? "", r.DaysAttending ?? "",
                    r.DietaryNeeds ?? "", r.AccessibilityNeeds ?? "", r.NetworkingConsent ? "yes" : "no",
                    r.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    .. questions.Select(q => QuestionRules.Describe(q, answers[r.Id])),
                ]);
            }
            await csv.FlushAsync(ct);
        }
        return stream.ToArray();
    }

    private static readonly string[] ExportHeader =
    [
        "Id", "FirstName", "LastName", "Email", "Organisation", "OrganisationType", "Pillar", "JobTitle", "Country", "CountryName", "Continent",
        "Category", "Status", "WaitlistNumber", "DaysAttending", "DietaryNeeds", "AccessibilityNeeds", "NetworkingConsent", "RegisteredUtc",
    ];

    public async Task<List<CategorySummary>> CategoriesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var held = await db.Registrations.Where(r => r.EditionId == editionId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Offered))
            .GroupBy(r => r.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return categories.Select(c => new CategorySummary(c, held.GetValueOrDefault(c.Id))).ToList();
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColourPattern();

    /// <summary>Creates (Id 0) or updates a category; returns field errors, empty when saved. A raised capacity is offered to the waiting list.</summary>
    public async Task<Dictionary<string, string>> SaveCategoryAsync(int editionId, RegistrationCategory input, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = "Name is required.";
        else if (name.Length > 60) errors[nameof(input.Name)] = "At most 60 characters.";
        else if (name.Contains('<') || name.Contains('>') || name.Any(char.IsControl)) errors[nameof(input.Name)] = "The characters < and > are not allowed.";
        if (input.Capacity is < 0 or > 100_000) errors[nameof(input.Capacity)] = "Capacity is between 0 and 100,000, or empty for no limit.";
        if (!ColourPattern().IsMatch(input.BadgeColor ?? "")) errors[nameof(input.BadgeColor)] = "Use a colour like #1B3A6B.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (errors.Count == 0 && await db.RegistrationCategories.AnyAsync(c => c.EditionId == editionId && c.Name == name && c.Id != input.Id, ct))
            errors[nameof(input.Name)] = "Another category already has this name.";
        if (errors.Count > 0) return errors;

        RegistrationCategory category;
        if (input.Id == 0)
        {
            var codes = await db.RegistrationCategories.Where(c => c.EditionId == editionId).Select(c => (int)c.Code).ToListAsync(ct);
            var code = Enumerable.Range(1, 255).FirstOrDefault(c => !codes.Contains(c));
            if (code == 0) return new() { [nameof(input.Name)] = "An edition has at most 255 categories." };
            category = new RegistrationCategory { EditionId = editionId, Name = name, Code = (byte)code, SortOrder = codes.Count + 1 };
            db.RegistrationCategories.Add(category);
        }
        else
        {
            category = await db.RegistrationCategories.FirstAsync(c => c.Id == input.Id && c.EditionId == editionId, ct);
        }
        category.Name = name;
        category.Capacity = input.Capacity;
        category.BadgeColor = input.BadgeColor!.ToUpperInvariant();
        category.NeedsApproval = input.NeedsApproval;
        category.IsPublic = input.IsPublic;
        await db.SaveChangesAsync(ct);
        seats.CategoriesChanged(editionId);
        await seats.OfferFreeSeatsAsync(editionId, actor, ct);
        return errors;
    }
}
