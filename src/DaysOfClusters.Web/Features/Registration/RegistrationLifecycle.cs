using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration.Mail;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Changes to one stored registration: edits, cancel, approve or reject, promote by hand, accept an offered seat, notes
/// and a resent status message. Status changes check and update in one statement inside a transaction, so a concurrent
/// change finds nothing left to do; a freed seat goes to the waiting list (<see cref="RegistrationSeats"/>) in the same
/// transaction, and mail goes out after commit.
/// </summary>
public sealed class RegistrationLifecycle(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    RegistrationService registrations,
    RegistrationSeats seats,
    RegistrationTransactions transactions,
    RegistrationAuditTrail auditTrail,
    RegistrationMailer mailer,
    EmailHasher emailHasher)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Edits a registration's details with the same rules as the form. Attendees cannot change their category.</summary>
    public async Task<IReadOnlyDictionary<string, List<string>>> UpdateAsync(int id, RegistrationInput input, RegistrationCaller caller, CancellationToken ct = default)
    {
        RegistrationRules.Normalize(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.AnonymisedUtc is not null) return Error("", "This registration has been erased.");
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == registration.EditionId, ct);
        input.PrivacyConsent = true; // given at registration; editing does not ask again
        var errors = RegistrationRules.Validate(input, (await registrations.CountryCodesAsync(ct)).Contains, edition);
        var categoryChanged = caller.IsOrganiser && input.CategoryId is { } newCategory && newCategory != registration.CategoryId;
        if (categoryChanged && !await db.RegistrationCategories.AnyAsync(c => c.Id == input.CategoryId && c.EditionId == edition.Id, ct))
            errors[nameof(RegistrationInput.CategoryId)] = ["Choose a category from the list."];
        var email = RegistrationRules.NormalizeEmail(input.Email);
        if (errors.Count == 0 && email != registration.EmailNormalized && await registrations.EmailTakenAsync(edition.Id, email, id, ct))
            errors[nameof(RegistrationInput.Email)] = ["This e-mail address is already registered for this edition."];
        var questions = await QuestionService.LoadAsync(db, edition.Id, ct);
        var (answerErrors, answers) = QuestionRules.Evaluate(questions, input.Answers, enforceRequired: !caller.IsOrganiser);
        foreach (var (field, messages) in answerErrors) errors[field] = messages;
        if (errors.Count > 0) return errors;
        var storedAnswers = await db.RegistrationAnswers.AsNoTracking().Where(a => a.RegistrationId == id).ToListAsync(ct);
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
            if (categoryChanged) await seats.EnsureCountersAsync(edition.Id, input.CategoryId, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Seats per organisation hold for a move to another organisation too, counted as the writer counts new ones:
            // after touching the edition's counter row, so two colleagues moving at once cannot both take the last seat.
            if (changed.Contains("Organisation") && edition.SeatsPerOrganisation is { } limit && !caller.IsOrganiser
                && registration.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected))
            {
                await db.EditionSeatCounters.Where(c => c.EditionId == edition.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.Confirmed, c => c.Confirmed), ct);
                var key = Network.OrganisationSearch.Fold(input.Organisation);
                var others = await db.Registrations.Where(r => r.EditionId == edition.Id && r.Id != id
                        && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected)
                    .Select(r => r.Organisation).ToListAsync(ct);
                if (others.Count(o => Network.OrganisationSearch.Fold(o) == key) >= limit)
                {
                    await tx.RollbackAsync(ct);
                    return Error(nameof(RegistrationInput.Organisation), RegistrationWriter.OrganisationFullMessage);
                }
            }
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
            if (categoryChanged && RegistrationSeats.SeatHolding.Contains(registration.Status))
            {
                await db.CategorySeatCounters.Where(c => c.CategoryId == registration.CategoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
                await db.CategorySeatCounters.Where(c => c.CategoryId == input.CategoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
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
        auditTrail.Add(db, registration.Id, caller.Actor, "Edited", string.Join(", ", changed));
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
        var registration = await registrations.FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected) return false;
        await seats.EnsureCountersAsync(registration.EditionId, registration.CategoryId, ct);
        var now = UtcNow;
        var result = await transactions.RunAsync(async db =>
        {
            var before = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct);
            if (before is RegistrationStatus.Cancelled or RegistrationStatus.Rejected) return (false, new List<int>());
            var done = await db.Registrations.Where(r => r.Id == id && r.Status == before).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, end)
                .SetProperty(r => r.CancelledUtc, r => end == RegistrationStatus.Cancelled ? now : r.CancelledUtc)
                .SetProperty(r => r.UpdatedUtc, now).SetProperty(r => r.OfferExpiresUtc, (DateTime?)null), ct);
            if (done == 0) return (false, new List<int>());
            await RegistrationAnswers.ReleasePlacesOfAsync(db, id, ct);
            auditTrail.Add(db, id, caller.Actor, auditAction, $"Was {before}");
            await db.SaveChangesAsync(ct);
            var offered = RegistrationSeats.SeatHolding.Contains(before)
                ? await seats.ReleaseAndOfferAsync(db, registration.EditionId, registration.CategoryId, caller.Actor, ct)
                : [];
            return (true, offered);
        }, ct);
        if (!result.Item1) return false;
        await mailer.SendAsync(id, mail, ct);
        foreach (var offeredId in result.Item2) await mailer.SendAsync(offeredId, RegistrationMailKind.Offer, ct);
        return true;
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
        auditTrail.Add(db, id, "attendee", "OfferAccepted", null);
        await db.SaveChangesAsync(ct);
        await mailer.SendAsync(id, RegistrationMailKind.Confirmed, ct);
        return true;
    }

    /// <summary>Approves a Pending registration: Confirmed when a seat is free, else on the waiting list; e-mailed either way.</summary>
    public async Task<bool> ApproveAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await registrations.FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status != RegistrationStatus.Pending) return false;
        await seats.EnsureCountersAsync(registration.EditionId, registration.CategoryId, ct);
        var now = UtcNow;
        var approved = await transactions.RunAsync(async db =>
        {
            if (await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct) != RegistrationStatus.Pending) return false;
            var tracked = await db.Registrations.FirstAsync(r => r.Id == id, ct);
            if (await RegistrationSeats.TryTakeSeatAsync(db, tracked.EditionId, tracked.CategoryId, ct) == SeatResult.Taken)
            {
                tracked.Status = RegistrationStatus.Confirmed;
                tracked.ConfirmedUtc = now;
            }
            else
            {
                tracked.Status = RegistrationStatus.Waitlisted;
                tracked.WaitlistNumber = await RegistrationSeats.NextWaitlistNumberAsync(db, tracked.EditionId, ct);
            }
            tracked.UpdatedUtc = now;
            auditTrail.Add(db, id, caller.Actor, "Approved", $"Now {tracked.Status}");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (approved) await mailer.SendAsync(id, RegistrationMailKind.Approved, ct);
        return approved;
    }

    public Task<bool> RejectAsync(int id, RegistrationCaller caller, CancellationToken ct = default) =>
        EndAsync(id, RegistrationStatus.Rejected, "Rejected", RegistrationMailKind.Rejected, caller, ct);

    /// <summary>An organiser confirms by hand (from the waiting list, pending or an open offer), beyond capacity if need be.</summary>
    public async Task<bool> PromoteAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await registrations.FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
        if (registration.Status is not (RegistrationStatus.Waitlisted or RegistrationStatus.Pending or RegistrationStatus.Offered)) return false;
        await seats.EnsureCountersAsync(registration.EditionId, registration.CategoryId, ct);
        var now = UtcNow;
        var promoted = await transactions.RunAsync(async db =>
        {
            var before = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(ct);
            var done = await db.Registrations.Where(r => r.Id == id && r.Status == before && (before == RegistrationStatus.Waitlisted || before == RegistrationStatus.Pending || before == RegistrationStatus.Offered))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now)
                    .SetProperty(r => r.OfferExpiresUtc, (DateTime?)null).SetProperty(r => r.UpdatedUtc, now), ct);
            if (done == 0) return false;
            if (before != RegistrationStatus.Offered) await RegistrationSeats.ForceTakeSeatAsync(db, registration.EditionId, registration.CategoryId, ct);
            auditTrail.Add(db, id, caller.Actor, "Promoted", $"Was {before}");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (promoted) await mailer.SendAsync(id, RegistrationMailKind.Confirmed, ct);
        return promoted;
    }

    public async Task SetNotesAsync(int id, string? notes, RegistrationCaller caller, CancellationToken ct = default)
    {
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (notes is { Length: > 4000 }) notes = notes[..4000];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Registrations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.InternalNotes, notes).SetProperty(r => r.UpdatedUtc, UtcNow), ct);
        auditTrail.Add(db, id, caller.Actor, "NotesChanged", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends the message that fits the current status again (desk "resend e-mail").</summary>
    public async Task ResendStatusMailAsync(int id, RegistrationCaller caller, CancellationToken ct = default)
    {
        var registration = await registrations.FindAsync(id, ct) ?? throw new InvalidOperationException($"Registration {id} does not exist.");
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
            auditTrail.Add(db, id, caller.Actor, "MailResent", kind.ToString());
            await db.SaveChangesAsync(ct);
        }
        await mailer.SendAsync(id, kind, ct);
    }
}
