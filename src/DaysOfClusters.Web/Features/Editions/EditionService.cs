using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Editions;

public sealed record EditionSummary(int Id, int Ordinal, string Title, string Slug, string HostCity, string CountryCode,
    DateOnly StartDate, DateOnly EndDate, EditionStatus Status, string TimeZoneId, int SeriesId = SeriesCatalogue.DaysOfClustersId,
    EventKind Kind = EventKind.Conference);

/// <summary>The outcome of a save: the edition's id, or field errors and nothing saved.</summary>
public sealed record EditionSaveResult(int? EditionId, IReadOnlyDictionary<string, List<string>> Errors)
{
    public bool Succeeded => EditionId is not null;
}

/// <summary>Each feature copies its own per-edition setup (categories, rooms…) when an edition is cloned; people never are.</summary>
public interface IEditionCloneStep
{
    Task CloneAsync(AppDbContext db, int sourceEditionId, Edition target, CancellationToken ct);
}

/// <summary>Each feature gives a brand-new edition (not a clone) what it needs to be usable, e.g. its kind's categories.</summary>
public interface IEditionSetUpStep
{
    void SetUp(AppDbContext db, Edition created);
}

public sealed class EditionService(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IEditionCloneStep> cloneSteps, IEnumerable<IEditionSetUpStep> setUpSteps,
    TimeProvider clock)
{
    public async Task<List<EditionSummary>> ListAsync(bool publicOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Editions.AsNoTracking();
        if (publicOnly) query = query.Where(e => e.Status != EditionStatus.Draft);
        return await query.OrderByDescending(e => e.StartDate)
            .Select(e => new EditionSummary(e.Id, e.Ordinal, e.Title, e.Slug, e.HostCity, e.CountryCode, e.StartDate, e.EndDate, e.Status, e.TimeZoneId, e.SeriesId, e.Kind))
            .ToListAsync(ct);
    }

    public async Task<Edition?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug, ct);
    }

    public async Task<Edition?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    public static EditionInput ToInput(Edition e) => new()
    {
        SeriesId = e.SeriesId, Kind = e.Kind, Ordinal = e.Ordinal, Title = e.Title, Slug = e.Slug, HostCity = e.HostCity, CountryCode = e.CountryCode, Venue = e.Venue,
        StartDate = e.StartDate.ToDateTime(TimeOnly.MinValue), EndDate = e.EndDate.ToDateTime(TimeOnly.MinValue),
        TimeZoneId = e.TimeZoneId,
        RegistrationOpens = e.RegistrationOpensUtc is { } o ? EditionRules.ToLocal(o, e.TimeZoneId) : null,
        RegistrationCloses = e.RegistrationClosesUtc is { } c ? EditionRules.ToLocal(c, e.TimeZoneId) : null,
        Capacity = e.Capacity, Description = e.Description, OfferHoldHours = e.OfferHoldHours, PublicHeadline = e.PublicHeadline,
        InvitationOnly = e.InvitationOnly, SeatsPerOrganisation = e.SeatsPerOrganisation, CertificateThresholdPercent = e.CertificateThresholdPercent,
    };

    /// <summary>Creates (id null) or updates an edition after validating every field; nothing is written when any is wrong.</summary>
    public Task<EditionSaveResult> SaveAsync(int? id, EditionInput input, CancellationToken ct = default) => SaveAsync(id, input, setUpNew: true, ct);

    private async Task<EditionSaveResult> SaveAsync(int? id, EditionInput input, bool setUpNew, CancellationToken ct)
    {
        input.Title = input.Title.Trim();
        input.Slug = input.Slug.Trim().ToLowerInvariant();
        input.HostCity = input.HostCity.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var countries = await db.Countries.Select(c => c.Code).ToListAsync(ct);
        var errors = EditionRules.Validate(input, countries.Contains, clock.GetUtcNow().UtcDateTime);
        if (!await db.Series.AnyAsync(s => s.Id == input.SeriesId, ct))
            errors[nameof(EditionInput.SeriesId)] = ["Choose a series from the list."];
        if (errors.Count == 0 && await db.Editions.AnyAsync(e => e.Slug == input.Slug && e.Id != id, ct))
            errors[nameof(EditionInput.Slug)] = ["Another edition already uses this URL slug."];
        if (errors.Count > 0) return new EditionSaveResult(null, errors);

        Edition edition;
        if (id is { } existingId)
        {
            edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == existingId, ct)
                ?? throw new InvalidOperationException($"Edition {existingId} does not exist.");
        }
        else
        {
            edition = new Edition { Title = "", Slug = "", HostCity = "", CountryCode = "", TimeZoneId = "", CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Editions.Add(edition);
        }

        Apply(input, edition);
        try
        {
            // A new edition and its setup (categories…) are stored together: an edition without categories could not take a registration.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (id is null && setUpNew)
            {
                foreach (var step in setUpSteps) step.SetUp(db, edition);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two organisers saving the same slug at once: the unique index decides, the loser gets the field error.
            if (!await SlugTakenAsync(input.Slug, id, ct)) throw;
            return new EditionSaveResult(null, new Dictionary<string, List<string>> { [nameof(EditionInput.Slug)] = ["Another edition already uses this URL slug."] });
        }
        return new EditionSaveResult(edition.Id, errors);
    }

    private async Task<bool> SlugTakenAsync(string slug, int? id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.AnyAsync(e => e.Slug == slug && e.Id != id, ct);
    }

    private static void Apply(EditionInput input, Edition edition)
    {
        edition.SeriesId = input.SeriesId;
        edition.Kind = input.Kind;
        edition.Ordinal = input.Ordinal;
        edition.Title = input.Title;
        edition.Slug = input.Slug;
        edition.HostCity = input.HostCity;
        edition.CountryCode = input.CountryCode;
        edition.Venue = string.IsNullOrWhiteSpace(input.Venue) ? null : input.Venue.Trim();
        edition.StartDate = DateOnly.FromDateTime(input.StartDate!.Value);
        edition.EndDate = DateOnly.FromDateTime(input.EndDate!.Value);
        edition.TimeZoneId = input.TimeZoneId;
        edition.RegistrationOpensUtc = input.RegistrationOpens is { } o ? EditionRules.ToUtc(o, input.TimeZoneId) : null;
        edition.RegistrationClosesUtc = input.RegistrationCloses is { } c ? EditionRules.ToUtc(c, input.TimeZoneId) : null;
        edition.Capacity = input.Capacity;
        edition.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        edition.OfferHoldHours = input.OfferHoldHours;
        edition.PublicHeadline = input.PublicHeadline;
        edition.InvitationOnly = input.InvitationOnly;
        edition.SeatsPerOrganisation = input.SeatsPerOrganisation;
        edition.CertificateThresholdPercent = input.CertificateThresholdPercent;
    }

    public async Task SetStatusAsync(int id, EditionStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Editions.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status), ct);
        if (changed == 0) throw new InvalidOperationException($"Edition {id} does not exist.");
    }

    /// <summary>Copies an edition with all its setup but no people, as a Draft with a new slug.</summary>
    public async Task<EditionSaveResult> CloneAsync(int sourceId, EditionInput target, CancellationToken ct = default)
    {
        var saved = await SaveAsync(null, target, setUpNew: false, ct);
        if (!saved.Succeeded) return saved;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.FirstAsync(e => e.Id == saved.EditionId, ct);
        foreach (var step in cloneSteps) await step.CloneAsync(db, sourceId, edition, ct);
        await db.SaveChangesAsync(ct);
        return saved;
    }
}
