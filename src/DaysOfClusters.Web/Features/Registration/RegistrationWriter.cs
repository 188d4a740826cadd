using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration.Mail;
using Microsoft.AspNetCore.DataProtection;
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
/// New registrations: the public form and API, the organisers' desk, the import, walk-ins and the bench. Each caller
/// validates in parallel, then queues the finished row for the group commit (<c>RegistrationWriter.GroupCommit.cs</c>),
/// which places it (seat, waiting list or pending approval) against the counters of <see cref="RegistrationSeats"/>.
/// Mail goes out after commit.
/// </summary>
public sealed partial class RegistrationWriter(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    RegistrationService registrations,
    RegistrationSeats seats,
    RegistrationMailer mailer,
    IDataProtectionProvider dataProtection,
    RegistrationRateLimiter rateLimiter,
    SqliteWriteGate writeGate,
    EmailHasher emailHasher,
    ILogger<RegistrationWriter> logger) : IDisposable
{
    public void Dispose() => StopWriter();

    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector(RegistrationService.ManageTokenPurpose);

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<Edition?>>> EditionQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int editionId, CancellationToken ct) => db.Editions.AsNoTracking().FirstOrDefault(e => e.Id == editionId)));

    private static readonly PerModel<Func<AppDbContext, int, IAsyncEnumerable<RegistrationCategory>>> CategoriesQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int editionId) => db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId)));

    /// <summary>What the form needs of an edition, read once for all callers that arrive together; shared, so never changed.</summary>
    private sealed record FormData(Edition? Edition, IReadOnlyList<RegistrationCategory> Categories, IReadOnlyList<RegistrationQuestion> Questions);

    private readonly SharedReads<int, FormData> _formReads = new();

    private async Task<FormData> ReadFormAsync(int editionId)
    {
        // Not with a caller's token: the read is every joined caller's; each caller's own token ends only its wait.
        var ct = CancellationToken.None;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the reads below, and precompiled queries.
        await db.Database.OpenConnectionAsync(ct);
        var edition = await EditionQuery.For(db)(db, editionId, ct);
        var categories = new List<RegistrationCategory>();
        await foreach (var c in CategoriesQuery.For(db)(db, editionId).WithCancellation(ct)) categories.Add(c);
        var questions = await QuestionService.LoadAsync(db, editionId, ct);
        return new FormData(edition, categories, questions);
    }

    public async Task<RegisterResult> RegisterAsync(int editionId, RegistrationInput input, RegistrationCaller caller, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(input.Website)) return RegisterResult.Failed(RegisterOutcome.Ignored);
        if (caller.ClientIp is { } ip && !rateLimiter.TryAcquire(ip))
            return RegisterResult.Failed(RegisterOutcome.RateLimited, "", "Too many registrations from your network. Please wait a minute and try again.");

        RegistrationRules.Normalize(input);
        // Shared with the callers that arrived together (read after this call started, like a read of its own).
        var form = await _formReads.ReadAsync(editionId, ReadFormAsync, ct);
        var edition = form.Edition ?? throw new InvalidOperationException($"Edition {editionId} does not exist.");
        var categories = form.Categories;
        var questions = form.Questions;
        Invitation? invitation = null;
        if (!string.IsNullOrWhiteSpace(input.InvitationToken))
        {
            var hash = RegistrationRules.Sha256Hex(input.InvitationToken.Trim());
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.EditionId == editionId && i.UsedUtc == null, ct);
            if (invitation is null)
                return RegisterResult.Failed(RegisterOutcome.Invalid, nameof(RegistrationInput.InvitationToken), "This invitation link is not valid or has already been used.");
        }
        if (!caller.IsOrganiser && invitation is null && !EditionRules.IsRegistrationOpen(edition, UtcNow))
            return RegisterResult.Failed(RegisterOutcome.Closed, "", "Registration for this edition is not open.");
        if (!caller.IsOrganiser && invitation is null && edition.InvitationOnly)
            return RegisterResult.Failed(RegisterOutcome.Closed, "", InvitationOnlyMessage);

        var countries = await registrations.CountryCodesAsync(ct);
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

        await seats.EnsureCountersAsync(editionId, category!.Id, ct);
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
                $"{(invitation is null ? "" : ", by invitation")}{(caller.WalkIn ? ", walk-in at the check-in desk" : "")}", answers, input.OrganisationId,
                limitsOrganisationSeats: !caller.IsOrganiser), ct);
        }
        catch (DbUpdateException)
        {
            // Another process stored the same e-mail between the writer's check and its insert: the unique index decides.
            if (await registrations.EmailTakenAsync(editionId, email, null, ct)) return Duplicate();
            throw;
        }
        if (written.Outcome == WriteOutcome.Duplicate) return Duplicate();
        if (written.Outcome == WriteOutcome.InvitationUsed)
            return RegisterResult.Failed(RegisterOutcome.Invalid, nameof(RegistrationInput.InvitationToken), "This invitation link has already been used.");
        if (written.Outcome == WriteOutcome.OrganisationFull)
            return RegisterResult.Failed(RegisterOutcome.Invalid, nameof(RegistrationInput.Organisation), OrganisationFullMessage);
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
        await mailer.SendAsync(registration, edition, token, kind, position, CancellationToken.None);
        return new RegisterResult(RegisterOutcome.Registered, new Dictionary<string, List<string>>(), registration.Id, registration.Status, position, token);
    }

    public const string InvitationOnlyMessage = "This event is by invitation only. Please use the invitation link the organisers sent you.";

    public const string OrganisationFullMessage = "Your organisation already holds all its seats at this event.";

    private static RegisterResult Duplicate() => RegisterResult.Failed(RegisterOutcome.Duplicate, nameof(RegistrationInput.Email),
        "This e-mail address is already registered for this edition. We can send your manage link again.");
}
