using System.Text.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

public enum RegisterOutcome
{
    Registered,
    Invalid,
    Duplicate,
    Closed,
    RateLimited,

    /// <summary>The honeypot was filled: nothing stored, and the caller shows nothing that would help a bot.</summary>
    Ignored,
}

/// <summary>The outcome of a registration attempt; field errors are keyed by <see cref="RegistrationInput"/> property names.</summary>
public sealed record RegisterResult(
    RegisterOutcome Outcome, IReadOnlyDictionary<string, List<string>> Errors,
    int? RegistrationId = null, RegistrationStatus? Status = null, int? WaitlistPosition = null, string? ManageToken = null)
{
    public bool Succeeded => Outcome == RegisterOutcome.Registered;

    public static RegisterResult Failed(RegisterOutcome outcome, string? field = null, string? message = null) =>
        new(outcome, field is null ? new Dictionary<string, List<string>>() : new Dictionary<string, List<string>> { [field] = [message ?? ""] });
}

/// <summary>
/// Who is acting. Attendees come with their IP (rate-limited) and go through the public rules; organisers, the import and
/// the bench are trusted callers (no rate limit, any category, registration window ignored).
/// </summary>
/// <remarks><see cref="WalkIn"/>: staff registering a person on site; confirmed beyond capacity, as invitations are.</remarks>
public sealed record RegistrationCaller(string Actor, bool IsOrganiser, string? ClientIp = null, bool WalkIn = false)
{
    public static RegistrationCaller Attendee(string? clientIp) => new("attendee", false, clientIp);
    public static RegistrationCaller Organiser(string userName) => new(userName, true);
    public static RegistrationCaller WalkInBy(string userName) => new(userName, true, WalkIn: true);
    public static readonly RegistrationCaller System = new("system", true);
}

public sealed record WaitlistInfo(RegistrationStatus Status, int? Position);

/// <summary>
/// Every write to a registration goes through here: the public form, the manage page, the desk, the import and the bench.
/// Seats are counted in <see cref="EditionSeatCounter"/>/<see cref="CategorySeatCounter"/> rows that each transaction
/// updates first with a conditional UPDATE (WHERE Confirmed &lt; Capacity): on SQLite the transaction is IMMEDIATE and the
/// write lock serialises registrations; on PostgreSQL the row lock does. Mail goes out after commit.
/// </summary>
public sealed partial class RegistrationService(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IMailSender mail,
    MailOptions mailOptions,
    PublicUrls urls,
    IDataProtectionProvider dataProtection,
    RegistrationRateLimiter rateLimiter,
    SqliteWriteGate writeGate,
    EmailHasher emailHasher,
    ILogger<RegistrationService> logger) : IDisposable
{
    /// <summary>The process's one SQLite writer queue (<see cref="SqliteWriteGate"/>), shared with check-in's scans.</summary>
    private readonly SemaphoreSlim _sqliteWriteGate = writeGate.Semaphore;

    public void Dispose() => StopWriter();

    /// <summary>Data Protection purpose of the stored manage token; other features that mail a manage link read it with the same purpose.</summary>
    public const string ManageTokenPurpose = "DaysOfClusters.Registration.ManageToken";

    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector(ManageTokenPurpose);
    private readonly HashSet<int> _countedEditions = [];
    private HashSet<string>? _countryCodes;

    private static readonly RegistrationStatus[] SeatHolding = [RegistrationStatus.Confirmed, RegistrationStatus.Offered];

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    // ---------------------------------------------------------------- registering

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<Edition?>>> EditionQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int editionId, CancellationToken ct) => db.Editions.AsNoTracking().FirstOrDefault(e => e.Id == editionId)));

    private static readonly PerModel<Func<AppDbContext, int, IAsyncEnumerable<RegistrationCategory>>> CategoriesQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int editionId) => db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId)));

    public async Task<RegisterResult> RegisterAsync(int editionId, RegistrationInput input, RegistrationCaller caller, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(input.Website)) return RegisterResult.Failed(RegisterOutcome.Ignored);
        if (caller.ClientIp is { } ip && !rateLimiter.TryAcquire(ip))
            return RegisterResult.Failed(RegisterOutcome.RateLimited, "", "Too many registrations from your network. Please wait a minute and try again.");

        RegistrationRules.Normalize(input);
        Edition edition;
        List<RegistrationCategory> categories;
        Invitation? invitation = null;
        List<RegistrationQuestion> questions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // One connection for the reads below, and precompiled queries: this runs for every registration.
            await db.Database.OpenConnectionAsync(ct);
            edition = await EditionQuery.For(db)(db, editionId, ct) ?? throw new InvalidOperationException($"Edition {editionId} does not exist.");
            categories = [];
            await foreach (var c in CategoriesQuery.For(db)(db, editionId).WithCancellation(ct)) categories.Add(c);
            questions = await QuestionService.LoadAsync(db, editionId, ct);
            if (!string.IsNullOrWhiteSpace(input.InvitationToken))
            {
                var hash = RegistrationRules.Sha256Hex(input.InvitationToken.Trim());
                invitation = await db.Set<Invitation>().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.EditionId == editionId && i.UsedUtc == null, ct);
                if (invitation is null)
                    return RegisterResult.Failed(RegisterOutcome.Invalid, nameof(RegistrationInput.InvitationToken), "This invitation link is not valid or has already been used.");
            }
        }
        if (!caller.IsOrganiser && invitation is null && !EditionRules.IsRegistrationOpen(edition, UtcNow))
            return RegisterResult.Failed(RegisterOutcome.Closed, "", "Registration for this edition is not open.");

        var countries = await CountryCodesAsync(ct);
        var errors = RegistrationRules.Validate(input, countries.Contains, edition);
        var category = invitation is not null
            ? categories.FirstOrDefault(c => c.Id == invitation.CategoryId)
            : input.CategoryId is { } cid ? categories.FirstOrDefault(c => c.Id == cid) : categories.OrderBy(c => c.SortOrder).FirstOrDefault(c => c.IsDefault);
        if (category is null || (!caller.IsOrganiser && invitation is null && !category.IsPublic))
            errors[nameof(RegistrationInput.CategoryId)] = ["Choose a category from the list."];
        if (invitation?.Email is { } invitedEmail && !string.Equals(invitedEmail, RegistrationRules.NormalizeEmail(input.Email), StringComparison.Ordinal))
            errors[nameof(RegistrationInput.Email)] = ["This invitation is for another e-mail address."];
        var (answerErrors, answers) = QuestionRules.Evaluate(questions, input.Answers, enforceRequired: !caller.IsOrganiser);
        foreach (var (field, messages) in answerErrors) errors[field] = messages;
        if (errors.Count > 0) return new RegisterResult(RegisterOutcome.Invalid, errors);

        // Duplicates are the writer's to find: it checks stored rows and the rows of its own batch in one transaction.
        var email = RegistrationRules.NormalizeEmail(input.Email);

        await EnsureCountersAsync(editionId, ct);
        var token = RegistrationRules.NewToken();
        var now = UtcNow;
        var registration = new Registration
        {
            EditionId = editionId, CategoryId = category!.Id, FirstName = input.FirstName, LastName = input.LastName, Email = input.Email,
            EmailNormalized = email, EmailHash = emailHasher.Hash(email), Organisation = input.Organisation,
            OrganisationType = input.OrganisationType!.Value, JobTitle = input.JobTitle, CountryCode = input.CountryCode, Phone = input.Phone,
            DaysAttending = RegistrationRules.FormatDays(input.DaysAttending), DietaryNeeds = input.DietaryNeeds, AccessibilityNeeds = input.AccessibilityNeeds,
            PrivacyConsentUtc = now, PrivacyNoticeVersion = edition.PrivacyNoticeVersion, NetworkingConsent = input.NetworkingConsent,
            NetworkNewsConsentUtc = input.NetworkNewsConsent ? now : null,
            Language = input.Language, ManageTokenHash = RegistrationRules.Sha256Hex(token), ManageTokenProtected = _tokenProtector.Protect(token),
            CreatedUtc = now, UpdatedUtc = now, InvitationId = invitation?.Id,
        };

        var placement = invitation is not null ? Placement.Invitation
            : caller.WalkIn ? Placement.WalkIn
            : category.NeedsApproval && !caller.IsOrganiser ? Placement.Approval
            : Placement.Seat;
        RegistrationWrite written;
        try
        {
            written = await WriteAsync(new PendingRegistration(registration, placement, invitation?.Id, caller.Actor,
                $"{(invitation is null ? "" : ", by invitation")}{(caller.WalkIn ? ", walk-in at the check-in desk" : "")}", answers, input.OrganisationId), ct);
        }
        catch (DbUpdateException)
        {
            // Another process stored the same e-mail between the writer's check and its insert: the unique index decides.
            if (await EmailTakenAsync(editionId, email, null, ct)) return Duplicate();
            throw;
        }
        if (written.Outcome == WriteOutcome.Duplicate) return Duplicate();
        if (written.Outcome == WriteOutcome.InvitationUsed)
            return RegisterResult.Failed(RegisterOutcome.Invalid, nameof(RegistrationInput.InvitationToken), "This invitation link has already been used.");
        if (written is { Outcome: WriteOutcome.ChoiceFull, FullQuestionId: { } fullQuestion })
            return RegisterResult.Failed(RegisterOutcome.Invalid, QuestionRules.FieldOf(fullQuestion), QuestionRules.ChoiceFullMessage);
        var position = written.WaitlistPosition;

        var kind = registration.Status switch
        {
            RegistrationStatus.Confirmed => RegistrationMailKind.Confirmed,
            RegistrationStatus.Pending => RegistrationMailKind.Pending,
            _ => RegistrationMailKind.Waitlisted,
        };
        // Straight from memory: a fresh registration needs no second read to be e-mailed. Not with the caller's token: the
        // registration is committed, and a client that disconnects now must still get its manage link.
        await SendAsync(registration, edition, token, kind, position, CancellationToken.None);
        return new RegisterResult(RegisterOutcome.Registered, new Dictionary<string, List<string>>(), registration.Id, registration.Status, position, token);
    }

    private static RegisterResult Duplicate() => RegisterResult.Failed(RegisterOutcome.Duplicate, nameof(RegistrationInput.Email),
        "This e-mail address is already registered for this edition. We can send your manage link again.");

    private async Task<bool> EmailTakenAsync(int editionId, string normalizedEmail, int? exceptId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AnyAsync(r => r.EditionId == editionId && r.EmailNormalized == normalizedEmail && r.Id != exceptId, ct);
    }

    private async Task<HashSet<string>> CountryCodesAsync(CancellationToken ct)
    {
        if (_countryCodes is { } cached) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return _countryCodes = (await db.Countries.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"Send my manage link again": always the same answer, so the form does not tell strangers who registered.</summary>
    public async Task ResendManageLinkAsync(int editionId, string email, CancellationToken ct = default)
    {
        var normalized = RegistrationRules.NormalizeEmail(email ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Registrations.Where(r => r.EditionId == editionId && r.EmailNormalized == normalized && r.AnonymisedUtc == null)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null) return;
        Audit(db, id.Value, "attendee", "ManageLinkResent", null);
        await db.SaveChangesAsync(ct);
        await SendAsync(id.Value, RegistrationMailKind.ManageLink, ct);
    }

    // ---------------------------------------------------------------- seats

    private enum SeatResult { Taken, EditionFull, CategoryFull }

    /// <summary>Takes a seat if both the edition and the category have one; the first write of the transaction.</summary>
    private static async Task<SeatResult> TryTakeSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        var edition = await db.Set<EditionSeatCounter>()
            .Where(c => c.EditionId == editionId && db.Editions.Any(e => e.Id == editionId && (e.Capacity == null || c.Confirmed < e.Capacity)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        if (edition == 0) return SeatResult.EditionFull;
        var category = await db.Set<CategorySeatCounter>()
            .Where(c => c.CategoryId == categoryId && db.RegistrationCategories.Any(k => k.Id == categoryId && (k.Capacity == null || c.Confirmed < k.Capacity)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        if (category == 1) return SeatResult.Taken;
        await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
        return SeatResult.CategoryFull;
    }

    /// <summary>Invitations and hand promotion: a seat even beyond capacity, still counted.</summary>
    private static async Task ForceTakeSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        await db.Set<CategorySeatCounter>().Where(c => c.CategoryId == categoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
    }

    private static async Task ReleaseSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
        await db.Set<CategorySeatCounter>().Where(c => c.CategoryId == categoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
    }

    private static async Task<int> NextWaitlistNumberAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextWaitlistNumber, c => c.NextWaitlistNumber + 1), ct);
        return await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId).Select(c => c.NextWaitlistNumber).FirstAsync(ct) - 1;
    }

    /// <summary>Creates the counter rows of an edition (and of categories added since) from the registrations already stored.</summary>
    public async Task EnsureCountersAsync(int editionId, CancellationToken ct = default)
    {
        lock (_countedEditions)
        {
            if (_countedEditions.Contains(editionId)) return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateMissingCountersAsync(editionId, ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another caller created them at the same moment (a server database lets both transactions look first):
                // the next attempt sees its rows.
            }
        }
        lock (_countedEditions) _countedEditions.Add(editionId);
    }

    private async Task CreateMissingCountersAsync(int editionId, CancellationToken ct) =>
        await InTransactionAsync(async db =>
        {
            var held = await db.Registrations.Where(r => r.EditionId == editionId && SeatHolding.Contains(r.Status))
                .GroupBy(r => r.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() }).ToListAsync(ct);
            if (!await db.Set<EditionSeatCounter>().AnyAsync(c => c.EditionId == editionId, ct))
            {
                var lastNumber = await db.Registrations.Where(r => r.EditionId == editionId).MaxAsync(r => r.WaitlistNumber, ct) ?? 0;
                db.Add(new EditionSeatCounter { EditionId = editionId, Confirmed = held.Sum(h => h.Count), NextWaitlistNumber = lastNumber + 1 });
            }
            var counted = await db.Set<CategorySeatCounter>().Where(c => c.EditionId == editionId).Select(c => c.CategoryId).ToListAsync(ct);
            var missing = await db.RegistrationCategories.Where(c => c.EditionId == editionId && !counted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            foreach (var categoryId in missing)
                db.Add(new CategorySeatCounter { CategoryId = categoryId, EditionId = editionId, Confirmed = held.FirstOrDefault(h => h.CategoryId == categoryId)?.Count ?? 0 });
            await db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>Forget that an edition's counters are complete (a category was added).</summary>
    public void CategoriesChanged(int editionId)
    {
        lock (_countedEditions) _countedEditions.Remove(editionId);
    }

    /// <summary>Offers every free seat to the waiting list in order; inside the caller's transaction. Returns who got an offer.</summary>
    private async Task<List<int>> OfferFreeSeatsInTransactionAsync(AppDbContext db, int editionId, string actor, CancellationToken ct)
    {
        var offered = new List<int>();
        // Lock first: the edition's counter row (a write that changes nothing) before the list is read. Two passes (two
        // instances on PostgreSQL) then run one after the other, and the second reads the list the first one left.
        await db.Set<EditionSeatCounter>().Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed), ct);
        var hold = await db.Editions.Where(e => e.Id == editionId).Select(e => e.OfferHoldHours).FirstAsync(ct);
        var waiting = await db.Registrations.Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistNumber).Select(r => new { r.Id, r.CategoryId }).ToListAsync(ct);
        var now = UtcNow;
        foreach (var person in waiting)
        {
            var seat = await TryTakeSeatAsync(db, editionId, person.CategoryId, ct);
            if (seat == SeatResult.EditionFull) break;
            if (seat == SeatResult.CategoryFull) continue;
            var expires = now.AddHours(Math.Max(1, hold));
            // Re-checked under the lock: still waiting (not cancelled or offered meanwhile), else the seat goes back.
            var changed = await db.Registrations.Where(r => r.Id == person.Id && r.Status == RegistrationStatus.Waitlisted).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RegistrationStatus.Offered).SetProperty(r => r.OfferExpiresUtc, expires).SetProperty(r => r.UpdatedUtc, now), ct);
            if (changed == 0)
            {
                await ReleaseSeatAsync(db, editionId, person.CategoryId, ct);
                continue;
            }
            Audit(db, person.Id, actor, "SeatOffered", $"Held until {expires:yyyy-MM-dd HH:mm} UTC");
            offered.Add(person.Id);
        }
        await db.SaveChangesAsync(ct);
        return offered;
    }

    /// <summary>Offers seats freed by a raised capacity (edition or category); also run by the background job every minute.</summary>
    public async Task<int> OfferFreeSeatsAsync(int editionId, string actor, CancellationToken ct = default)
    {
        await EnsureCountersAsync(editionId, ct);
        var offered = await InTransactionAsync(db => OfferFreeSeatsInTransactionAsync(db, editionId, actor, ct), ct);
        foreach (var id in offered) await SendAsync(id, RegistrationMailKind.Offer, ct);
        return offered.Count;
    }

    public async Task<List<RegistrationCategory>> CategoriesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<List<int>> OpenEditionIdsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.Where(e => e.Status == EditionStatus.Open).Select(e => e.Id).ToListAsync(ct);
    }

    /// <summary>Expired offers pass on: the person's offer lapses (Cancelled) and the seat goes to the next on the list.</summary>
    public async Task<int> ProcessExpiredOffersAsync(CancellationToken ct = default)
    {
        var now = UtcNow;
        List<(int Id, int EditionId)> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            expired = (await db.Registrations.Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
                .Select(r => new { r.Id, r.EditionId }).ToListAsync(ct)).Select(r => (r.Id, r.EditionId)).ToList();
        }
        var count = 0;
        foreach (var group in expired.GroupBy(e => e.EditionId))
        {
            await EnsureCountersAsync(group.Key, ct);
            var offered = await InTransactionAsync(async db =>
            {
                foreach (var (id, editionId) in group)
                {
                    var categoryId = await db.Registrations.Where(r => r.Id == id).Select(r => r.CategoryId).FirstAsync(ct);
                    var lapsed = await db.Registrations.Where(r => r.Id == id && r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledUtc, now).SetProperty(r => r.UpdatedUtc, now), ct);
                    if (lapsed == 0) continue;
                    await ReleaseSeatAsync(db, editionId, categoryId, ct);
                    await RegistrationAnswers.ReleasePlacesOfAsync(db, id, ct);
                    Audit(db, id, "system", "OfferExpired", null);
                    count++;
                }
                await db.SaveChangesAsync(ct);
                return await OfferFreeSeatsInTransactionAsync(db, group.Key, "system", ct);
            }, ct);
            foreach (var id in offered) await SendAsync(id, RegistrationMailKind.Offer, ct);
        }
        return count;
    }

    // ---------------------------------------------------------------- changes to one registration

    public async Task<Registration?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = RegistrationRules.Sha256Hex(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.ManageTokenHash == hash, ct);
    }

    /// <summary>The attendee's manage token, for links in other features' e-mails; null when erased or never kept.</summary>
    public async Task<string?> ManageTokenAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Registrations.AsNoTracking().Where(r => r.Id == id && r.AnonymisedUtc == null).Select(r => r.ManageTokenProtected).FirstOrDefaultAsync(ct);
        return row is null ? null : _tokenProtector.Unprotect(row);
    }

    public async Task<Registration?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Status and current waiting-list position (people ahead still waiting, plus one).</summary>
    public async Task<int?> WaitlistPositionAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Registrations.Where(r => r.Id == id).Select(r => new { r.EditionId, r.Status, r.WaitlistNumber }).FirstOrDefaultAsync(ct);
        if (me is null || me.Status != RegistrationStatus.Waitlisted) return null;
        return await db.Registrations.CountAsync(r => r.EditionId == me.EditionId && r.Status == RegistrationStatus.Waitlisted && r.WaitlistNumber < me.WaitlistNumber, ct) + 1;
    }

    /// <summary>Edits a registration's details with the same rules as the form. Attendees cannot change their category.</summary>
    public async Task<IReadOnlyDictionary<string, List<string>>> UpdateAsync(int id, RegistrationInput input, RegistrationCaller caller, CancellationToken ct = default)
    {
        RegistrationRules.Normalize(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.AnonymisedUtc is not null) return Error("", "This registration has been erased.");
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == registration.EditionId, ct);
        input.PrivacyConsent = true; // given at registration; editing does not ask again
        var errors = RegistrationRules.Validate(input, (await CountryCodesAsync(ct)).Contains, edition);
        var categoryChanged = caller.IsOrganiser && input.CategoryId is { } newCategory && newCategory != registration.CategoryId;
        if (categoryChanged && !await db.RegistrationCategories.AnyAsync(c => c.Id == input.CategoryId && c.EditionId == edition.Id, ct))
            errors[nameof(RegistrationInput.CategoryId)] = ["Choose a category from the list."];
        var email = RegistrationRules.NormalizeEmail(input.Email);
        if (errors.Count == 0 && email != registration.EmailNormalized && await EmailTakenAsync(edition.Id, email, id, ct))
            errors[nameof(RegistrationInput.Email)] = ["This e-mail address is already registered for this edition."];
        var questions = await QuestionService.LoadAsync(db, edition.Id, ct);
        var (answerErrors, answers) = QuestionRules.Evaluate(questions, input.Answers, enforceRequired: !caller.IsOrganiser);
        foreach (var (field, messages) in answerErrors) errors[field] = messages;
        if (errors.Count > 0) return errors;
        var storedAnswers = await db.Set<RegistrationAnswer>().AsNoTracking().Where(a => a.RegistrationId == id).ToListAsync(ct);
        var answersChanged = RegistrationAnswers.Differ(storedAnswers, answers);

        var changed = new List<string>();
        void Set<T>(string name, T current, T next, Action<T> apply)
        {
            if (EqualityComparer<T>.Default.Equals(current, next)) return;
            apply(next);
            changed.Add(name);
        }
        Set("FirstName", registration.FirstName, input.FirstName, v => registration.FirstName = v);
        Set("LastName", registration.LastName, input.LastName, v => registration.LastName = v);
        Set("Email", registration.Email, input.Email, v => { registration.Email = v; registration.EmailNormalized = email; registration.EmailHash = emailHasher.Hash(email); });
        Set("Organisation", registration.Organisation, input.Organisation, v => registration.Organisation = v);
        Set("OrganisationType", registration.OrganisationType, input.OrganisationType!.Value, v => registration.OrganisationType = v);
        Set("JobTitle", registration.JobTitle, input.JobTitle, v => registration.JobTitle = v);
        Set("CountryCode", registration.CountryCode, input.CountryCode, v => registration.CountryCode = v);
        Set("Phone", registration.Phone, input.Phone, v => registration.Phone = v);
        Set("DaysAttending", registration.DaysAttending, RegistrationRules.FormatDays(input.DaysAttending), v => registration.DaysAttending = v);
        Set("DietaryNeeds", registration.DietaryNeeds, input.DietaryNeeds, v => registration.DietaryNeeds = v);
        Set("AccessibilityNeeds", registration.AccessibilityNeeds, input.AccessibilityNeeds, v => registration.AccessibilityNeeds = v);
        Set("NetworkingConsent", registration.NetworkingConsent, input.NetworkingConsent, v => registration.NetworkingConsent = v);
        Set("Language", registration.Language, input.Language, v => registration.Language = v);
        // The directory link (Features/Network) follows an edited organisation or country, or a suggestion picked anew.
        var link = await db.Set<Network.RegistrationOrganisation>().AsNoTracking().Where(l => l.RegistrationId == id).Select(l => (int?)l.OrganisationId).FirstOrDefaultAsync(ct);
        var pickedOther = input.OrganisationId is { } pickedId && pickedId != link;
        if (pickedOther && !changed.Contains("Organisation")) changed.Add("Organisation");
        // A registration stored before the directory existed gets its link with its next real edit.
        var relink = changed.Contains("Organisation") || changed.Contains("CountryCode")
            || (link is null && (changed.Count > 0 || categoryChanged || answersChanged));
        if (changed.Count == 0 && !categoryChanged && !answersChanged && !relink) return errors;

        if (categoryChanged || answersChanged || relink)
        {
            if (categoryChanged) await EnsureCountersAsync(edition.Id, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (answersChanged)
            {
                // Lock the registration row first and read its status under the lock: a concurrent cancel has either
                // freed the old places already (status ended, nothing held) or waits until these places are settled.
                await db.Registrations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedUtc, UtcNow), ct);
                var status = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct);
                try
                {
                    await RegistrationAnswers.ReplaceAsync(db, id, RegistrationAnswers.HoldsPlaces(status),
                        questions.Select(q => q.Id).ToList(), storedAnswers, answers, ct);
                }
                catch (ChoiceFullException full)
                {
                    await tx.RollbackAsync(ct);
                    return Error(QuestionRules.FieldOf(full.QuestionId), QuestionRules.ChoiceFullMessage);
                }
                changed.Add("Answers");
            }
            // Moving a seat-holder between categories moves the seat in the category counters too (no capacity check: organisers decide).
            if (categoryChanged && SeatHolding.Contains(registration.Status))
            {
                await db.Set<CategorySeatCounter>().Where(c => c.CategoryId == registration.CategoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
                await db.Set<CategorySeatCounter>().Where(c => c.CategoryId == input.CategoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
            }
            if (categoryChanged)
            {
                registration.CategoryId = input.CategoryId!.Value;
                changed.Add("Category");
            }
            if (relink)
                await Network.OrganisationService.RelinkAsync(db, id,
                    new Network.OrganisationClaim(input.OrganisationId, registration.Organisation, registration.OrganisationType, registration.CountryCode), UtcNow, ct);
            await SaveUpdateAsync(db, registration, changed, caller, ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            await SaveUpdateAsync(db, registration, changed, caller, ct);
        }
        return errors;
    }

    private async Task SaveUpdateAsync(AppDbContext db, Registration registration, List<string> changed, RegistrationCaller caller, CancellationToken ct)
    {
        registration.UpdatedUtc = UtcNow;
        // Field names only: the audit trail must not keep personal data after an erasure.
        Audit(db, registration.Id, caller.Actor, "Edited", string.Join(", ", changed));
        await db.SaveChangesAsync(ct);
    }

    private static Dictionary<string, List<string>> Error(string field, string message) => new() { [field] = [message] };

    /// <summary>Cancels; a held seat is freed and offered to the waiting list at once.</summary>
    public Task<bool> CancelAsync(int id, RegistrationCaller caller, CancellationToken ct = default) =>
        EndAsync(id, RegistrationStatus.Cancelled, "Cancelled", RegistrationMailKind.Cancelled, caller, ct);

    /// <summary>Ends a registration (cancelled or rejected) once: the status check and the update are one statement,
    /// so a concurrent end changes nothing; a held seat goes to the waiting list in the same transaction.</summary>
    private async Task<bool> EndAsync(int id, RegistrationStatus end, string auditAction, RegistrationMailKind mail, RegistrationCaller caller, CancellationToken ct)
    {
        var registration = await FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected) return false;
        await EnsureCountersAsync(registration.EditionId, ct);
        var now = UtcNow;
        var result = await InTransactionAsync(async db =>
        {
            var before = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct);
            if (before is RegistrationStatus.Cancelled or RegistrationStatus.Rejected) return (false, new List<int>());
            var done = await db.Registrations.Where(r => r.Id == id && r.Status == before).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, end)
                .SetProperty(r => r.CancelledUtc, r => end == RegistrationStatus.Cancelled ? now : r.CancelledUtc)
                .SetProperty(r => r.UpdatedUtc, now).SetProperty(r => r.OfferExpiresUtc, (DateTime?)null), ct);
            if (done == 0) return (false, new List<int>());
            await RegistrationAnswers.ReleasePlacesOfAsync(db, id, ct);
            Audit(db, id, caller.Actor, auditAction, $"Was {before}");
            await db.SaveChangesAsync(ct);
            var offered = SeatHolding.Contains(before)
                ? await ReleaseAndOfferAsync(db, registration.EditionId, registration.CategoryId, caller.Actor, ct)
                : [];
            return (true, offered);
        }, ct);
        if (!result.Item1) return false;
        await SendAsync(id, mail, ct);
        foreach (var offeredId in result.Item2) await SendAsync(offeredId, RegistrationMailKind.Offer, ct);
        return true;
    }

    private async Task<List<int>> ReleaseAndOfferAsync(AppDbContext db, int editionId, int categoryId, string actor, CancellationToken ct)
    {
        await ReleaseSeatAsync(db, editionId, categoryId, ct);
        return await OfferFreeSeatsInTransactionAsync(db, editionId, actor, ct);
    }

    /// <summary>Accepting a held seat confirms it, if the offer has not expired.</summary>
    public async Task<bool> AcceptOfferAsync(int id, CancellationToken ct = default)
    {
        var now = UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accepted = await db.Registrations.Where(r => r.Id == id && r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now)
                .SetProperty(r => r.OfferExpiresUtc, (DateTime?)null).SetProperty(r => r.UpdatedUtc, now), ct);
        if (accepted == 0) return false;
        Audit(db, id, "attendee", "OfferAccepted", null);
        await db.SaveChangesAsync(ct);
        await SendAsync(id, RegistrationMailKind.Confirmed, ct);
        return true;
    }

    /// <summary>Approves a Pending registration: Confirmed when a seat is free, else on the waiting list; e-mailed either way.</summary>
    public async Task<bool> ApproveAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status != RegistrationStatus.Pending) return false;
        await EnsureCountersAsync(registration.EditionId, ct);
        var now = UtcNow;
        var approved = await InTransactionAsync(async db =>
        {
            if (await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct) != RegistrationStatus.Pending) return false;
            var tracked = await db.Registrations.FirstAsync(r => r.Id == id, ct);
            if (await TryTakeSeatAsync(db, tracked.EditionId, tracked.CategoryId, ct) == SeatResult.Taken)
            {
                tracked.Status = RegistrationStatus.Confirmed;
                tracked.ConfirmedUtc = now;
            }
            else
            {
                tracked.Status = RegistrationStatus.Waitlisted;
                tracked.WaitlistNumber = await NextWaitlistNumberAsync(db, tracked.EditionId, ct);
            }
            tracked.UpdatedUtc = now;
            Audit(db, id, caller.Actor, "Approved", $"Now {tracked.Status}");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (approved) await SendAsync(id, RegistrationMailKind.Approved, ct);
        return approved;
    }

    public Task<bool> RejectAsync(int id, RegistrationCaller caller, CancellationToken ct = default) =>
        EndAsync(id, RegistrationStatus.Rejected, "Rejected", RegistrationMailKind.Rejected, caller, ct);

    /// <summary>An organiser confirms by hand (from the waiting list, pending or an open offer), beyond capacity if need be.</summary>
    public async Task<bool> PromoteAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status is not (RegistrationStatus.Waitlisted or RegistrationStatus.Pending or RegistrationStatus.Offered)) return false;
        await EnsureCountersAsync(registration.EditionId, ct);
        var now = UtcNow;
        var promoted = await InTransactionAsync(async db =>
        {
            var before = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct);
            var done = await db.Registrations.Where(r => r.Id == id && r.Status == before && (before == RegistrationStatus.Waitlisted || before == RegistrationStatus.Pending || before == RegistrationStatus.Offered))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now)
                    .SetProperty(r => r.OfferExpiresUtc, (DateTime?)null).SetProperty(r => r.UpdatedUtc, now), ct);
            if (done == 0) return false;
            if (before != RegistrationStatus.Offered) await ForceTakeSeatAsync(db, registration.EditionId, registration.CategoryId, ct);
            Audit(db, id, caller.Actor, "Promoted", $"Was {before}");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (promoted) await SendAsync(id, RegistrationMailKind.Confirmed, ct);
        return promoted;
    }

    public async Task SetNotesAsync(int id, string? notes, RegistrationCaller caller, CancellationToken ct = default)
    {
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (notes is { Length: > 4000 }) notes = notes[..4000];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Registrations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.InternalNotes, notes).SetProperty(r => r.UpdatedUtc, UtcNow), ct);
        Audit(db, id, caller.Actor, "NotesChanged", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends the message that fits the current status again (desk "resend e-mail").</summary>
    public async Task ResendStatusMailAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        var kind = registration.Status switch
        {
            RegistrationStatus.Confirmed => RegistrationMailKind.Confirmed,
            RegistrationStatus.Waitlisted => RegistrationMailKind.Waitlisted,
            RegistrationStatus.Pending => RegistrationMailKind.Pending,
            RegistrationStatus.Offered => RegistrationMailKind.Offer,
            RegistrationStatus.Rejected => RegistrationMailKind.Rejected,
            _ => RegistrationMailKind.Cancelled,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            Audit(db, id, caller.Actor, "MailResent", kind.ToString());
            await db.SaveChangesAsync(ct);
        }
        await SendAsync(id, kind, ct);
    }

    /// <summary>Records an action other features take on a registration (a walk-in checked in and printed) in its audit trail.</summary>
    public async Task AuditAsync(int id, RegistrationCaller caller, string action, string? details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Audit(db, id, caller.Actor, action, details);
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<RegistrationAuditEntry>> AuditTrailAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<RegistrationAuditEntry>().AsNoTracking().Where(a => a.RegistrationId == id).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);
    }

    // ---------------------------------------------------------------- privacy

    // Every script as itself (names and answers in Cyrillic or Greek stay readable); HTML-sensitive characters still escaped.
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Everything stored about the person (GDPR access), as JSON.</summary>
    public async Task<string> ExportPersonalDataAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Registrations.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Id == r.EditionId).Select(e => new { e.Title, e.Slug }).FirstAsync(ct);
        var category = await db.RegistrationCategories.AsNoTracking().Where(c => c.Id == r.CategoryId).Select(c => c.Name).FirstAsync(ct);
        var trail = await db.Set<RegistrationAuditEntry>().AsNoTracking().Where(a => a.RegistrationId == id).OrderBy(a => a.AtUtc)
            .Select(a => new { a.AtUtc, a.Action, a.Details }).ToListAsync(ct);
        var questions = await QuestionService.LoadAsync(db, r.EditionId, ct);
        var stored = await db.Set<RegistrationAnswer>().AsNoTracking().Where(a => a.RegistrationId == id).ToListAsync(ct);
        var answers = questions.Where(q => stored.Any(a => a.QuestionId == q.Id))
            .Select(q => new { Question = q.Label, Answer = QuestionRules.Describe(q, stored) }).ToList();
        var data = new
        {
            Edition = edition, Category = category, r.FirstName, r.LastName, r.Email, r.Organisation, OrganisationType = r.OrganisationType.ToString(),
            r.JobTitle, r.CountryCode, r.Phone, DaysAttending = RegistrationRules.ParseDays(r.DaysAttending), r.DietaryNeeds, r.AccessibilityNeeds,
            r.PrivacyConsentUtc, r.PrivacyNoticeVersion, r.NetworkingConsent, r.Language, Status = r.Status.ToString(), r.WaitlistNumber,
            r.OfferExpiresUtc, r.CreatedUtc, r.UpdatedUtc, r.ConfirmedUtc, r.CancelledUtc, r.AnonymisedUtc, Answers = answers, History = trail,
        };
        return JsonSerializer.Serialize(data, ExportJson);
    }

    /// <summary>
    /// Erasure on request: a held seat is freed first, then the personal fields are blanked, with what other features
    /// keep about the person (<see cref="PersonalDataEraser"/>) and the messages to or about them in the mail pickup
    /// folder. Country, organisation type, category, days, dates and the keyed e-mail hash stay (the continent follows
    /// from the country), so statistics stay true.
    /// </summary>
    public async Task EraseAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.AnonymisedUtc is not null) return;
        if (registration.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected)) await CancelAsync(id, caller, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await AnonymiseAsync(db.Registrations.Where(r => r.Id == id && r.AnonymisedUtc == null), UtcNow, ct);
            await PersonalDataEraser.EraseRelatedAsync(db, [id], [registration.EmailNormalized], ct);
            Audit(db, id, caller.Actor, "Erased", null);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // SQLite: secure_delete (SqlitePragmas) zeroes the old values in their pages; the checkpoint also moves those
            // pages out of the WAL file, where the earlier versions would otherwise stay until it is reused.
            if (db.Database.IsSqlite() && !await SqliteCheckpointer.TruncateWalAsync(db, TimeSpan.FromSeconds(30), ct))
                logger.LogWarning("The WAL checkpoint after erasing registration {Id} stayed busy; older versions stay in the log until it is reused.", id);
        }
        PersonalDataEraser.EraseMail(mail, [registration.EmailNormalized, registration.Email], [registration.FullName]);
    }

    private static Task<int> AnonymiseAsync(IQueryable<Registration> query, DateTime now, CancellationToken ct) =>
        query.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FirstName, "").SetProperty(r => r.LastName, "").SetProperty(r => r.Email, "")
            // Still unique per edition, and no longer the address.
            .SetProperty(r => r.EmailNormalized, r => "erased:" + r.Id)
            .SetProperty(r => r.Organisation, "").SetProperty(r => r.JobTitle, (string?)null).SetProperty(r => r.Phone, (string?)null)
            .SetProperty(r => r.DietaryNeeds, (string?)null).SetProperty(r => r.AccessibilityNeeds, (string?)null)
            .SetProperty(r => r.InternalNotes, (string?)null).SetProperty(r => r.ManageTokenProtected, (string?)null)
            .SetProperty(r => r.AnonymisedUtc, now).SetProperty(r => r.UpdatedUtc, now), ct);

    /// <summary>Anonymises the attendees of every edition whose retention date has passed; the background job calls it.</summary>
    public async Task<int> AnonymiseExpiredEditionsAsync(CancellationToken ct = default)
    {
        var now = UtcNow;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.Where(e => e.RetentionUntil != null && e.RetentionUntil < today).Select(e => e.Id).ToListAsync(ct);
        var total = 0;
        foreach (var editionId in editions)
        {
            var people = await db.Registrations.Where(r => r.EditionId == editionId && r.AnonymisedUtc == null)
                .Select(r => new { r.Id, r.EmailNormalized, r.FirstName, r.LastName }).ToListAsync(ct);
            if (people.Count == 0) continue;
            var ids = people.Select(p => p.Id).ToList();
            var emails = people.Select(p => p.EmailNormalized).ToList();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                total += await AnonymiseAsync(db.Registrations.Where(r => r.EditionId == editionId && r.AnonymisedUtc == null), now, ct);
                await PersonalDataEraser.EraseRelatedAsync(db, ids, emails, ct);
                foreach (var id in ids) Audit(db, id, "system", "Erased", "Retention date passed");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            PersonalDataEraser.EraseMail(mail, emails, people.Select(p => $"{p.FirstName} {p.LastName}".Trim()).ToList());
        }
        return total;
    }

    // ---------------------------------------------------------------- invitations

    /// <summary>Creates a single-use invitation link; only its hash is stored.</summary>
    public async Task<string> CreateInvitationAsync(int editionId, int categoryId, string? email, string? note, RegistrationCaller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slug = await db.Editions.Where(e => e.Id == editionId).Select(e => e.Slug).FirstAsync(ct);
        if (!await db.RegistrationCategories.AnyAsync(c => c.Id == categoryId && c.EditionId == editionId, ct))
            throw new InvalidOperationException("The category is not one of this edition's.");
        var token = RegistrationRules.NewToken();
        db.Add(new Invitation
        {
            EditionId = editionId, CategoryId = categoryId, TokenHash = RegistrationRules.Sha256Hex(token),
            Email = string.IsNullOrWhiteSpace(email) ? null : RegistrationRules.NormalizeEmail(email), Note = note?.Trim(),
            CreatedBy = caller.Actor, CreatedUtc = UtcNow,
        });
        await db.SaveChangesAsync(ct);
        return urls.InvitationLink(slug, token);
    }

    public async Task<Invitation?> FindInvitationAsync(int editionId, string token, CancellationToken ct = default)
    {
        var hash = RegistrationRules.Sha256Hex(token.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Invitation>().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.EditionId == editionId && i.UsedUtc == null, ct);
    }

    // ---------------------------------------------------------------- plumbing

    private void Audit(AppDbContext db, int registrationId, string actor, string action, string? details) =>
        db.Add(new RegistrationAuditEntry { RegistrationId = registrationId, AtUtc = UtcNow, Actor = actor, Action = action, Details = details });

    /// <summary>
    /// Runs the work in one transaction on a fresh context (IMMEDIATE on SQLite, so the write lock is taken at BEGIN and
    /// waits on the busy timeout). A busy or locked database after that wait is retried a few times from the start.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<AppDbContext, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var gated = db.Database.IsSqlite();
            if (gated) await _sqliteWriteGate.WaitAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < 5 && IsBusy(e))
            {
                logger.LogWarning("Database busy, attempt {Attempt}; retrying.", attempt);
                if (gated) { _sqliteWriteGate.Release(); gated = false; }
                await Task.Delay(Random.Shared.Next(20, 100) * attempt, ct);
            }
            finally
            {
                if (gated) _sqliteWriteGate.Release();
            }
        }
    }

    private Task<bool> InTransactionAsync(Func<AppDbContext, Task> work, CancellationToken ct) =>
        InTransactionAsync<bool>(async db => { await work(db); return true; }, ct);

    private static bool IsBusy(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        // PostgreSQL: a deadlock or serialization failure was rolled back whole; the work can run again.
        Npgsql.PostgresException p => p.SqlState is Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure,
        { InnerException: { } inner } => IsBusy(inner),
        _ => false,
    };

    /// <summary>Builds and sends one message; a failure is logged, never thrown: the registration is already stored.</summary>
    /// <summary>Messages go out after their change committed, so never with a caller's token that a disconnect cancels.</summary>
    private async Task SendAsync(int registrationId, RegistrationMailKind kind, CancellationToken callerToken)
    {
        _ = callerToken;
        var ct = CancellationToken.None;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var r = await db.Registrations.AsNoTracking().FirstAsync(x => x.Id == registrationId, ct);
            if (r.AnonymisedUtc is not null || r.ManageTokenProtected is null) return;
            var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == r.EditionId, ct);
            var position = r.Status == RegistrationStatus.Waitlisted ? await WaitlistPositionAsync(r.Id, ct) : null;
            await SendAsync(r, edition, _tokenProtector.Unprotect(r.ManageTokenProtected), kind, position, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send the {Kind} message for registration {Id}.", kind, registrationId);
        }
    }

    private async Task SendAsync(Registration r, Edition edition, string token, RegistrationMailKind kind, int? position, CancellationToken ct)
    {
        try
        {
            var data = new RegistrationMailData(kind, r.Language, r.Email, r.FullName, $"{edition.DisplayName} – {edition.Title}",
                urls.ManageLink(token), r.Status, position, r.OfferExpiresUtc is { } expires ? EditionRules.ToLocal(expires, edition.TimeZoneId) : null);
            await mail.SendAsync(RegistrationMails.Build(data, mailOptions), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send the {Kind} message for registration {Id}.", kind, r.Id);
        }
    }
}
