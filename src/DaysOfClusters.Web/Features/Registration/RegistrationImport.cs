using System.Globalization;
using CsvHelper;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

public sealed record ImportError(int Line, string Field, string Message);

public sealed record ImportRow(int Line, RegistrationInput Input, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> FileErrors)
{
    public int Valid => Rows.Count(r => r.IsValid);
    public int Invalid => Rows.Count(r => !r.IsValid);
}

public sealed record ImportSummary(int Imported, int Confirmed, int Waitlisted, int Pending, int Skipped, IReadOnlyList<ImportError> Errors);

/// <summary>
/// A delegation's list as CSV: a preview that checks every row with the registration rules (line, field, message), then
/// an import of the valid rows only, through <see cref="RegistrationWriter"/> like any other registration. The lead of
/// the delegation confirms that the people on the list received the privacy notice, so consent is recorded at import.
/// </summary>
public sealed class RegistrationImport(IDbContextFactory<AppDbContext> dbFactory, RegistrationWriter registrations)
{
    public const int MaxRows = 5000;

    public static readonly string[] Columns =
    [
        "FirstName", "LastName", "Email", "Organisation", "OrganisationType", "JobTitle", "Country", "Phone", "Category", "Days",
        "DietaryNeeds", "AccessibilityNeeds", "Language", "NetworkingConsent",
    ];

    private static readonly string[] Required = ["FirstName", "LastName", "Email", "Organisation", "OrganisationType", "JobTitle", "Country"];

    public async Task<ImportPreview> PreviewAsync(int editionId, string csvText, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == editionId, ct);
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId).ToListAsync(ct);
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        var countryByName = countries.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Code, StringComparer.OrdinalIgnoreCase);
        var codes = countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var taken = (await db.Registrations.Where(r => r.EditionId == editionId).Select(r => r.EmailNormalized).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var rows = new List<ImportRow>();
        var fileErrors = new List<ImportError>();
        var reader = CsvReader.FromText(csvText, CsvFormat.Import);
        reader.ReadHeader();
        var headers = (reader.Headers ?? []).Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var index = Columns.ToDictionary(c => c, c => headers.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        foreach (var missing in Required.Where(c => index[c] < 0))
            fileErrors.Add(new ImportError(1, missing, $"The column {missing} is missing."));
        if (fileErrors.Count > 0) return new ImportPreview(rows, fileErrors);

        var seenInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            if (rows.Count >= MaxRows)
            {
                fileErrors.Add(new ImportError(line, "", $"At most {MaxRows} rows per file; the rest was not read."));
                break;
            }
            string Field(string column) => index[column] is var i and >= 0 && i < reader.FieldCount ? CsvFormat.Unescape(reader.GetString(i).Trim()).Trim() : "";
            if (Enumerable.Range(0, reader.FieldCount).All(i => string.IsNullOrWhiteSpace(reader.GetString(i)))) continue;

            var errors = new List<ImportError>();
            var input = new RegistrationInput
            {
                FirstName = Field("FirstName"), LastName = Field("LastName"), Email = Field("Email"), Organisation = Field("Organisation"),
                JobTitle = Field("JobTitle"), Phone = Field("Phone"), DietaryNeeds = Field("DietaryNeeds"), AccessibilityNeeds = Field("AccessibilityNeeds"),
                Language = Field("Language") is { Length: > 0 } lang ? lang : "en", PrivacyConsent = true,
                NetworkingConsent = Field("NetworkingConsent").ToLowerInvariant() is "yes" or "true" or "1" or "da",
            };
            var typeText = Field("OrganisationType").Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);
            if (Enum.TryParse<OrganisationType>(typeText, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(typeText, out _)) input.OrganisationType = type;
            else if (typeText.Length > 0) errors.Add(new ImportError(line, "OrganisationType", $"Unknown organisation type '{Field("OrganisationType")}'. Use one of: {string.Join(", ", Enum.GetNames<OrganisationType>())}."));

            var country = Field("Country");
            input.CountryCode = codes.Contains(country.ToUpperInvariant()) ? country.ToUpperInvariant() : countryByName.GetValueOrDefault(country, country);

            var categoryName = Field("Category");
            if (categoryName.Length == 0) input.CategoryId = categories.FirstOrDefault(c => c.IsDefault)?.Id;
            else if (categories.FirstOrDefault(c => string.Equals(c.Name, categoryName, StringComparison.OrdinalIgnoreCase)) is { } category) input.CategoryId = category.Id;
            else errors.Add(new ImportError(line, "Category", $"Unknown category '{categoryName}'."));

            var days = Field("Days");
            if (days.Length == 0) input.DaysAttending = RegistrationRules.DaysOf(edition).ToList();
            else
            {
                foreach (var part in days.Split([';', ' ', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) input.DaysAttending.Add(day);
                    else errors.Add(new ImportError(line, "Days", $"'{part}' is not a date like 2027-10-14."));
                }
            }

            RegistrationRules.Normalize(input);
            foreach (var (field, messages) in RegistrationRules.Validate(input, codes.Contains, edition))
            {
                var column = field switch { "CountryCode" => "Country", "DaysAttending" => "Days", _ => field };
                if (column == "OrganisationType" && errors.Any(e => e.Field == "OrganisationType")) continue;
                if (column == "Days" && errors.Any(e => e.Field == "Days")) continue;
                errors.AddRange(messages.Select(m => new ImportError(line, column, m)));
            }
            var email = RegistrationRules.NormalizeEmail(input.Email);
            if (email.Length > 0 && taken.Contains(email)) errors.Add(new ImportError(line, "Email", "Already registered for this edition."));
            else if (email.Length > 0 && seenInFile.TryGetValue(email, out var firstLine)) errors.Add(new ImportError(line, "Email", $"The same e-mail is already on line {firstLine}."));
            else if (email.Length > 0) seenInFile[email] = line;
            rows.Add(new ImportRow(line, input, errors));
        }
        if (rows.Count == 0 && fileErrors.Count == 0) fileErrors.Add(new ImportError(1, "", "The file has no rows."));
        return new ImportPreview(rows, fileErrors);
    }

    /// <summary>Registers the valid rows of a preview, one by one; rows with errors are never imported.</summary>
    public async Task<ImportSummary> ImportAsync(int editionId, ImportPreview preview, RegistrationCaller caller, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        int imported = 0, confirmed = 0, waitlisted = 0, pending = 0, done = 0;
        var errors = new List<ImportError>();
        foreach (var row in preview.Rows)
        {
            ct.ThrowIfCancellationRequested();
            if (row.IsValid)
            {
                var result = await registrations.RegisterAsync(editionId, row.Input, caller, ct);
                if (result.Succeeded)
                {
                    imported++;
                    if (result.Status == RegistrationStatus.Confirmed) confirmed++;
                    else if (result.Status == RegistrationStatus.Waitlisted) waitlisted++;
                    else pending++;
                }
                else
                {
                    errors.AddRange(result.Errors.SelectMany(e => e.Value.Select(m => new ImportError(row.Line, e.Key, m))));
                }
            }
            progress?.Report(++done);
        }
        return new ImportSummary(imported, confirmed, waitlisted, pending, preview.Rows.Count - imported, errors);
    }
}
