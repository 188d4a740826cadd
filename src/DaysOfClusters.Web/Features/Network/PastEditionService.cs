using System.Globalization;
using CsvHelper;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>What an organiser types for a past edition.</summary>
public sealed class PastEditionInput
{
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public string City { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string? Notes { get; set; }
}

/// <summary>A past edition in the list, with its totals. <see cref="HasLiveRegistrations"/>: a live edition of the same ordinal now has registrations, so these figures are not counted.</summary>
public sealed record PastEditionSummary(int Id, int Ordinal, int Year, string City, string CountryCode, string? Notes, int Participants, int Countries, bool HasLiveRegistrations)
{
    public string DisplayName => EditionRules.OrdinalTitle(Ordinal);
}

/// <summary>One row of an aggregate CSV after checking.</summary>
public sealed record FigureRow(int Line, string CountryCode, OrganisationType? OrganisationType, int Participants, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record FigurePreview(IReadOnlyList<FigureRow> Rows, IReadOnlyList<ImportError> FileErrors)
{
    public IEnumerable<ImportError> AllErrors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
    public bool HasErrors => AllErrors.Any();
    public int Participants => Rows.Sum(r => r.Participants);
}

/// <summary>Result of an import: either every row was imported (replacing the edition's figures) or nothing was.</summary>
public sealed record FigureImportResult(bool Imported, int Rows, int Participants, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Past editions and their aggregate figures, typed in or imported from CSV. A file is all or nothing: one bad row and
/// nothing of it is imported, so an edition's figures are never half from one file and half from another.
/// </summary>
public sealed class PastEditionService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxRows = 2000;
    public const int MaxParticipants = 100_000;
    public static readonly string[] Columns = ["Country", "Participants", "OrganisationType"];

    public async Task<List<PastEditionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = await LiveOrdinalsWithRegistrationsAsync(db, ct);
        var rows = await db.PastEditions.AsNoTracking().OrderBy(e => e.Ordinal)
            .Select(e => new
            {
                e.Id, e.Ordinal, e.Year, e.City, e.CountryCode, e.Notes,
                Participants = e.Figures.Sum(f => (int?)f.Participants) ?? 0,
                Countries = e.Figures.Where(f => f.Participants > 0).Select(f => f.CountryCode).Distinct().Count(),
            })
            .ToListAsync(ct);
        return rows.Select(e => new PastEditionSummary(e.Id, e.Ordinal, e.Year, e.City, e.CountryCode, e.Notes, e.Participants, e.Countries, live.Contains(e.Ordinal))).ToList();
    }

    public async Task<PastEdition?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PastEditions.AsNoTracking().Include(e => e.Figures).FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    /// <summary>
    /// Ordinals of live Days of Clusters editions with at least one registration that counts (not cancelled or rejected):
    /// past editions are the conference's, and other series number their events on their own.
    /// </summary>
    internal static async Task<HashSet<int>> LiveOrdinalsWithRegistrationsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Editions.Where(e => e.SeriesId == SeriesCatalogue.DaysOfClustersId && db.Registrations.Any(r => r.EditionId == e.Id && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected))
            .Select(e => e.Ordinal).ToListAsync(ct)).ToHashSet();

    /// <summary>Creates (id null) or updates a past edition. Returns the id, or field errors and changes nothing.</summary>
    public async Task<(int? Id, Dictionary<string, List<string>> Errors)> SaveAsync(int? id, PastEditionInput input, CancellationToken ct = default)
    {
        input.City = (input.City ?? "").Trim();
        input.CountryCode = (input.CountryCode ?? "").Trim().ToUpperInvariant();
        input.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thisYear = clock.GetUtcNow().Year;
        if (input.Ordinal is < 1 or > 999) Add(nameof(input.Ordinal), "Enter the edition's number (1–999).");
        else if (await db.PastEditions.AnyAsync(e => e.Ordinal == input.Ordinal && e.Id != (id ?? 0), ct))
            Add(nameof(input.Ordinal), $"The {EditionRules.Ordinal(input.Ordinal)} edition is already in the list.");
        else if ((await LiveOrdinalsWithRegistrationsAsync(db, ct)).Contains(input.Ordinal))
            Add(nameof(input.Ordinal), $"The {EditionRules.Ordinal(input.Ordinal)} edition has registrations in the system; its figures come from them.");
        if (input.Year < 1990 || input.Year > thisYear) Add(nameof(input.Year), $"Enter a year between 1990 and {thisYear}.");
        if (input.City.Length == 0) Add(nameof(input.City), "Enter the host city.");
        else if (input.City.Length > 100) Add(nameof(input.City), "At most 100 characters.");
        if (input.CountryCode.Length == 0) Add(nameof(input.CountryCode), "Choose the host country.");
        else if (!await db.Countries.AnyAsync(c => c.Code == input.CountryCode, ct)) Add(nameof(input.CountryCode), $"Unknown country code '{input.CountryCode}'.");
        if (input.Notes is { Length: > 2000 }) Add(nameof(input.Notes), "At most 2,000 characters.");
        if (errors.Count > 0) return (null, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        PastEdition? entity;
        if (id is { } existing)
        {
            entity = await db.PastEditions.FirstOrDefaultAsync(e => e.Id == existing, ct);
            if (entity is null) return (null, new() { [""] = ["This past edition no longer exists."] });
        }
        else
        {
            entity = new PastEdition { City = input.City, CountryCode = input.CountryCode, CreatedUtc = now };
            db.Add(entity);
        }
        entity.Ordinal = input.Ordinal;
        entity.Year = input.Year;
        entity.City = input.City;
        entity.CountryCode = input.CountryCode;
        entity.Notes = input.Notes;
        entity.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two organisers saving the same ordinal at once: the unique index decides.
            return (null, new() { [nameof(input.Ordinal)] = [$"The {EditionRules.Ordinal(input.Ordinal)} edition is already in the list."] });
        }
        return (entity.Id, errors);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PastEditions.Where(e => e.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Sets the participants of one country (and type) typed in by an organiser; 0 removes the figure. Returns an error message or null.</summary>
    public async Task<string?> SetFigureAsync(int pastEditionId, string countryCode, OrganisationType? type, int participants, CancellationToken ct = default)
    {
        countryCode = (countryCode ?? "").Trim().ToUpperInvariant();
        if (participants < 0) return "The number of participants must not be negative.";
        if (participants > MaxParticipants) return $"At most {MaxParticipants:N0} participants per row.";
        if (type is { } t && !Enum.IsDefined(t)) return "Unknown organisation type.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.PastEditions.AnyAsync(e => e.Id == pastEditionId, ct)) return "This past edition no longer exists.";
        if (!await db.Countries.AnyAsync(c => c.Code == countryCode, ct)) return $"Unknown country code '{countryCode}'.";
        var sameCountry = await db.PastEditionFigures.Where(f => f.PastEditionId == pastEditionId && f.CountryCode == countryCode).ToListAsync(ct);
        var existing = sameCountry.FirstOrDefault(f => f.OrganisationType == type);
        if (existing is null && participants > 0 && sameCountry.Any(f => (f.OrganisationType is null) != (type is null)))
            return type is null
                ? $"{countryCode} is already broken down by organisation type; change those rows instead."
                : $"{countryCode} already has a figure without organisation type; remove it first or give every type.";
        if (existing is null && participants > 0)
            db.Add(new PastEditionFigure { PastEditionId = pastEditionId, CountryCode = countryCode, OrganisationType = type, Participants = participants });
        else if (existing is not null && participants > 0) existing.Participants = participants;
        else if (existing is not null) db.Remove(existing);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Reads and checks an aggregate CSV (Country, Participants, optional OrganisationType) without storing anything.</summary>
    public async Task<FigurePreview> PreviewCsvAsync(string csvText, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        return Parse(csvText, countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
            countries.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Code, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Replaces the edition's figures with the file's rows, only when the file has no error at all.</summary>
    public async Task<FigureImportResult> ImportCsvAsync(int pastEditionId, string csvText, CancellationToken ct = default)
    {
        var preview = await PreviewCsvAsync(csvText, ct);
        if (preview.HasErrors) return new FigureImportResult(false, preview.Rows.Count, 0, preview.AllErrors.ToList());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.PastEditions.AnyAsync(e => e.Id == pastEditionId, ct))
            return new FigureImportResult(false, preview.Rows.Count, 0, [new ImportError(0, "", "This past edition no longer exists.")]);
        await db.PastEditionFigures.Where(f => f.PastEditionId == pastEditionId).ExecuteDeleteAsync(ct);
        db.AddRange(preview.Rows.Where(r => r.Participants > 0).Select(r => new PastEditionFigure
        {
            PastEditionId = pastEditionId, CountryCode = r.CountryCode, OrganisationType = r.OrganisationType, Participants = r.Participants,
        }));
        await db.PastEditions.Where(e => e.Id == pastEditionId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedUtc, clock.GetUtcNow().UtcDateTime), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FigureImportResult(true, preview.Rows.Count, preview.Participants, []);
    }

    internal static FigurePreview Parse(string csvText, IReadOnlySet<string> codes, IReadOnlyDictionary<string, string> codeByName)
    {
        var rows = new List<FigureRow>();
        var fileErrors = new List<ImportError>();
        if (string.IsNullOrWhiteSpace(csvText)) return new FigurePreview(rows, [new ImportError(1, "", "The file is empty.")]);
        var reader = CsvReader.FromText(csvText, CsvFormat.Import);
        reader.ReadHeader();
        var headers = (reader.Headers ?? []).Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        int IndexOf(params string[] names) => headers.FindIndex(h => names.Any(n => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
        var countryAt = IndexOf("Country", "CountryCode", "Country code");
        var participantsAt = IndexOf("Participants", "People", "Count");
        var typeAt = IndexOf("OrganisationType", "Organisation type", "Type");
        if (countryAt < 0) fileErrors.Add(new ImportError(1, "Country", "The column Country is missing."));
        if (participantsAt < 0) fileErrors.Add(new ImportError(1, "Participants", "The column Participants is missing."));
        if (fileErrors.Count > 0) return new FigurePreview(rows, fileErrors);

        // (country, type) → line of its first row; a country is given once without a type or once per type, never both.
        var seen = new Dictionary<(string Country, OrganisationType? Type), int>();
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            if (rows.Count >= MaxRows)
            {
                fileErrors.Add(new ImportError(line, "", $"At most {MaxRows} rows per file."));
                break;
            }
            string Field(int i) => i >= 0 && i < reader.FieldCount ? CsvFormat.Unescape(reader.GetString(i).Trim()).Trim() : "";
            if (Enumerable.Range(0, reader.FieldCount).All(i => string.IsNullOrWhiteSpace(reader.GetString(i)))) continue;
            var errors = new List<ImportError>();

            var countryText = Field(countryAt);
            var code = codes.Contains(countryText.ToUpperInvariant()) ? countryText.ToUpperInvariant() : codeByName.GetValueOrDefault(countryText, "");
            if (countryText.Length == 0) errors.Add(new ImportError(line, "Country", "The country is missing."));
            else if (code.Length == 0) errors.Add(new ImportError(line, "Country", $"Unknown country code '{countryText}'."));

            var participantsText = Field(participantsAt);
            var participants = 0;
            if (participantsText.Length == 0) errors.Add(new ImportError(line, "Participants", "The number of participants is missing."));
            else if (!int.TryParse(participantsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out participants))
                errors.Add(new ImportError(line, "Participants", $"'{participantsText}' is not a whole number."));
            else if (participants < 0) errors.Add(new ImportError(line, "Participants", $"Negative count {participants}: the number of participants must not be negative."));
            else if (participants > MaxParticipants) errors.Add(new ImportError(line, "Participants", $"{participants:N0} is more than {MaxParticipants:N0}."));

            OrganisationType? type = null;
            var typeText = Field(typeAt);
            if (typeText.Length > 0)
            {
                if (ParseType(typeText) is { } t) type = t;
                else errors.Add(new ImportError(line, "OrganisationType", $"Unknown organisation type '{typeText}'. Use one of: {string.Join(", ", Enum.GetNames<OrganisationType>())}, or leave it empty."));
            }

            if (code.Length > 0 && !errors.Any(e => e.Field == "OrganisationType"))
            {
                if (seen.TryGetValue((code, type), out var first))
                    errors.Add(new ImportError(line, "Country", type is null
                        ? $"Duplicate country {code}: already on line {first}."
                        : $"Duplicate country {code} with type {type}: already on line {first}."));
                else if (seen.FirstOrDefault(s => s.Key.Country == code && (s.Key.Type is null) != (type is null)) is { Value: > 0 } mixed)
                    errors.Add(new ImportError(line, "Country", $"Duplicate country {code}: line {mixed.Value} gives it {(mixed.Key.Type is null ? "without" : "with")} an organisation type; give it either once without a type or once per type."));
                else seen[(code, type)] = line;
            }
            rows.Add(new FigureRow(line, code, type, Math.Max(0, participants), errors));
        }
        if (rows.Count == 0 && fileErrors.Count == 0) fileErrors.Add(new ImportError(1, "", "The file has no rows."));
        return new FigurePreview(rows, fileErrors);
    }

    private static OrganisationType? ParseType(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!int.TryParse(compact, out _) && Enum.TryParse<OrganisationType>(compact, ignoreCase: true, out var type) && Enum.IsDefined(type)) return type;
        return Enum.GetValues<OrganisationType>().Cast<OrganisationType?>()
            .FirstOrDefault(t => string.Equals(OrganisationTypes.Label(t!.Value).Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal), compact, StringComparison.OrdinalIgnoreCase));
    }
}
