using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// How the writer places a new registration: by invitation or as a walk-in at the check-in desk (a seat even beyond
/// capacity: the person is standing there), pending approval, or a seat else the waiting list.
/// </summary>
internal enum Placement { Seat, Approval, Invitation, WalkIn }

internal enum WriteOutcome { Stored, Duplicate, InvitationUsed, ChoiceFull, OrganisationFull }

/// <summary>What the writer decided for one registration; the position is the waiting-list position as of its commit, the question the one whose choice was full.</summary>
internal sealed record RegistrationWrite(WriteOutcome Outcome, int? WaitlistPosition = null, int? FullQuestionId = null);

/// <summary>One new registration waiting for the writer. Status, waiting-list number and id are the writer's to set.</summary>
internal sealed class PendingRegistration(Registration registration, Placement placement, int? invitationId, string actor, string auditDetails,
    IReadOnlyList<RegistrationAnswer>? answers = null, int? organisationId = null, bool limitsOrganisationSeats = true)
{
    private const int Queued = 0, Taken = 1, Withdrawn = 2;
    private int _state;

    public Registration Registration { get; } = registration;
    public Placement Placement { get; } = placement;
    public int? InvitationId { get; } = invitationId;
    public string Actor { get; } = actor;
    public string AuditDetails { get; } = auditDetails;

    /// <summary>The validated answers; their choice places are taken in the writer's transaction.</summary>
    public IReadOnlyList<RegistrationAnswer> Answers { get; } = answers ?? [];

    /// <summary>The directory organisation picked on the form, if any; otherwise the writer links by name or creates one.</summary>
    public int? OrganisationId { get; } = organisationId;

    /// <summary>Whether the edition's seats per organisation bind this row (an organiser's own entry may go beyond them).</summary>
    public bool LimitsOrganisationSeats { get; } = limitsOrganisationSeats;
    public TaskCompletionSource<RegistrationWrite> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The writer takes it, unless its caller gave up first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>The caller gives up, unless the writer already took it (then it will be written, and the caller gets the answer).</summary>
    public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;
}

/// <summary>
/// Group commit for new registrations. Callers validate, hash and protect in parallel, then queue the finished row; one
/// writer takes everything queued once it holds the write gate and stores it in one transaction. Each row still gets its
/// own outcome, in queue order: a seat while the edition and category counters allow, else the next waiting-list number;
/// a second row with the same e-mail (stored before or earlier in the batch) is a duplicate. The counters are read and
/// updated inside the transaction after locking their rows, so capacity holds against any other writer. A batch that
/// fails is written again row by row, so one bad row costs only itself.
/// </summary>
public sealed partial class RegistrationWriter
{
    private const int MaxBatch = 256;
    private GroupCommitQueue<PendingRegistration>? _queue;

    /// <summary>The writer's queue behind the process's write gate; made at first use, as the writer needs its own methods.</summary>
    private GroupCommitQueue<PendingRegistration> Queue => LazyInitializer.EnsureInitialized(ref _queue, () => new GroupCommitQueue<PendingRegistration>(
        writeGate, MaxBatch, WriteBatch,
        // Never leave a caller waiting, whatever went wrong.
        (batch, e) =>
        {
            foreach (var pending in batch) pending.Completion.TrySetException(e);
        },
        take: pending => pending.TryTake()));

    /// <summary>Rows waiting for the writer (tests hold the write gate and wait for a full queue to get one batch).</summary>
    internal int QueuedWrites => Queue.Count;

    /// <summary>The write gate, for tests that need a batch to build up behind it.</summary>
    internal SemaphoreSlim WriteGate => Queue.Gate;

    internal async Task<RegistrationWrite> WriteAsync(PendingRegistration pending, CancellationToken ct)
    {
        Queue.Enqueue(pending);
        try
        {
            return await pending.Completion.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (pending.TryWithdraw()) throw;
            // Already being written: the row will be stored, so the caller must learn its outcome.
            return await pending.Completion.Task;
        }
    }

    private void StopWriter() => _queue?.Dispose();

    /// <summary>
    /// Writes the rows in one transaction (retried while the file is busy); if it fails, row by row. Completes every row.
    /// Synchronous, on the queue's own thread: each statement's answer wakes this thread directly instead of queueing
    /// behind the callers' work on the thread pool, which kept a PostgreSQL batch in its transaction ~3 times longer.
    /// </summary>
    private void WriteBatch(IReadOnlyList<PendingRegistration> batch)
    {
        try
        {
            var written = WriteWithRetry(batch);
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(written[i]);
        }
        catch (Exception e) when (batch.Count > 1)
        {
            logger.LogWarning(e, "A batch of {Count} registrations failed; writing them one by one.", batch.Count);
            foreach (var pending in batch) WriteBatch([pending]);
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
        }
    }

    private RegistrationWrite[] WriteWithRetry(IReadOnlyList<PendingRegistration> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return WriteOnce(batch);
            }
            catch (Exception e) when (attempt < 5 && RegistrationTransactions.IsBusy(e))
            {
                logger.LogWarning("Database busy while writing {Count} registrations, attempt {Attempt}; retrying.", batch.Count, attempt);
                Thread.Sleep(Random.Shared.Next(20, 100) * attempt);
            }
        }
    }

    private RegistrationWrite[] WriteOnce(IReadOnlyList<PendingRegistration> batch)
    {
        // The writer's transaction belongs to all callers: no single caller's cancellation may abort it (none is passed).
        foreach (var pending in batch)
        {
            var r = pending.Registration;
            r.Id = 0;
            r.WaitlistNumber = null;
            r.ConfirmedUtc = null;
        }
        using var db = dbFactory.CreateDbContext();
        using var tx = db.Database.BeginTransaction();
        var written = new RegistrationWrite[batch.Count];
        var stored = new List<PendingRegistration>(batch.Count);
        foreach (var edition in Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].Registration.EditionId))
            Place(db, edition.Key, edition.Select(i => (batch[i], i)).ToList(), written, stored);

        // The network directory's links (Features/Network), in the same transaction: resolved for the whole batch at once,
        // new directory entries inserted just before the registrations.
        var organisations = Network.OrganisationService.Resolve(db,
            stored.Select(p => new Network.OrganisationClaim(p.OrganisationId, p.Registration.Organisation, p.Registration.OrganisationType, p.Registration.CountryCode)).ToList(),
            stored.Count > 0 ? stored[0].Registration.CreatedUtc : default);
        // New directory entries, the registrations, their links and audit entries through prepared inserts: SaveChanges
        // was most of the writer's time per row. The new entries leave EF's change tracker, which would insert them again.
        var created = organisations.Select(o => o?.Created).OfType<Network.Organisation>().Distinct().ToList();
        foreach (var organisation in created) db.Entry(organisation).State = EntityState.Detached;
        PreparedInserts.Insert(db, created);
        PreparedInserts.Insert(db, stored.Select(p => p.Registration).ToList());
        var links = new List<Network.RegistrationOrganisation>(stored.Count);
        var audit = new List<RegistrationAuditEntry>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var pending = stored[i];
            var r = pending.Registration;
            RegistrationAnswers.Add(db, r.Id, pending.Answers);
            if (organisations[i] is { } organisation) links.Add(new Network.RegistrationOrganisation { RegistrationId = r.Id, OrganisationId = organisation.Id });
            audit.Add(new RegistrationAuditEntry { RegistrationId = r.Id, AtUtc = r.CreatedUtc, Actor = pending.Actor, Action = "Registered", Details = $"Status {r.Status}{pending.AuditDetails}" });
            if (pending.InvitationId is { } invitationId)
                db.Invitations.Where(i => i.Id == invitationId).ExecuteUpdate(s => s.SetProperty(i => i.RegistrationId, r.Id));
        }
        PreparedInserts.Insert(db, links);
        PreparedInserts.Insert(db, audit);
        db.SaveChanges();
        tx.Commit();
        return written;
    }

    /// <summary>Decides status and waiting-list number of one edition's rows in queue order and moves its counters once.</summary>
    private static void Place(AppDbContext db, int editionId, List<(PendingRegistration Pending, int Index)> rows,
        RegistrationWrite[] written, List<PendingRegistration> stored)
    {
        // Touch the counter rows before reading them: a no-op on SQLite (the IMMEDIATE transaction already holds the file),
        // the row locks on a server database, so no other transaction moves them between this read and the update below.
        db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdate(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed));
        db.CategorySeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdate(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed));
        var seats = (from c in db.EditionSeatCounters
                           join e in db.Editions on c.EditionId equals e.Id
                           where c.EditionId == editionId
                           select new { c.Confirmed, c.NextWaitlistNumber, e.Capacity, e.SeatsPerOrganisation }).First();
        var categories = (from c in db.CategorySeatCounters
                                join k in db.RegistrationCategories on c.CategoryId equals k.Id
                                where c.EditionId == editionId
                                select new { c.CategoryId, c.Confirmed, k.Capacity }).ToDictionary(c => c.CategoryId);
        var emails = rows.Select(r => r.Pending.Registration.EmailNormalized).Distinct().ToList();
        var taken = db.Registrations.Where(r => r.EditionId == editionId && emails.Contains(r.EmailNormalized)).Select(r => r.EmailNormalized)
            .ToHashSet(StringComparer.Ordinal);
        // Every waiting-list number handed out so far is below the next one, so everyone still waiting is ahead of this batch.
        var waitingAhead = db.Registrations.Count(r => r.EditionId == editionId && r.Status == RegistrationStatus.Waitlisted);

        // Seats per organisation (a round table's one seat per member): everyone not cancelled or rejected holds one, counted
        // in this transaction like the seats, so two colleagues registering at once cannot both take the last.
        Dictionary<string, int>? organisationSeats = null;
        if (seats.SeatsPerOrganisation is not null)
        {
            var names = db.Registrations
                .Where(r => r.EditionId == editionId && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Rejected)
                .Select(r => r.Organisation).ToList();
            organisationSeats = names.GroupBy(n => Network.OrganisationSearch.Fold(n ?? "")).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var confirmed = seats.Confirmed;
        var nextNumber = seats.NextWaitlistNumber;
        var categoryConfirmed = categories.ToDictionary(c => c.Key, c => c.Value.Confirmed);
        foreach (var (pending, index) in rows)
        {
            var r = pending.Registration;
            if (!taken.Add(r.EmailNormalized))
            {
                written[index] = new RegistrationWrite(WriteOutcome.Duplicate);
                continue;
            }
            var organisationKey = Network.OrganisationSearch.Fold(r.Organisation ?? "");
            if (organisationSeats is not null && pending.LimitsOrganisationSeats && organisationSeats.GetValueOrDefault(organisationKey) >= seats.SeatsPerOrganisation)
            {
                taken.Remove(r.EmailNormalized);
                written[index] = new RegistrationWrite(WriteOutcome.OrganisationFull);
                continue;
            }
            int? position = null;
            // Choice places (a dinner, a site visit) before anything else: a full choice stores nothing of this row.
            if (RegistrationAnswers.TryTakePlaces(db, pending.Answers) is { } fullQuestion)
            {
                taken.Remove(r.EmailNormalized);
                written[index] = new RegistrationWrite(WriteOutcome.ChoiceFull, FullQuestionId: fullQuestion);
                continue;
            }
            if (pending.Placement == Placement.Invitation)
            {
                // Single use, even when two people open the same link at once.
                var claimed = db.Invitations.Where(i => i.Id == pending.InvitationId && i.UsedUtc == null)
                    .ExecuteUpdate(s => s.SetProperty(i => i.UsedUtc, r.CreatedUtc));
                if (claimed == 0)
                {
                    RegistrationAnswers.ReleasePlaces(db, pending.Answers.Where(a => a.ChoiceId is not null).Select(a => a.ChoiceId!.Value));
                    taken.Remove(r.EmailNormalized);
                    written[index] = new RegistrationWrite(WriteOutcome.InvitationUsed);
                    continue;
                }
                r.Status = RegistrationStatus.Confirmed;
            }
            else if (pending.Placement == Placement.WalkIn)
            {
                r.Status = RegistrationStatus.Confirmed;
            }
            else if (pending.Placement == Placement.Approval)
            {
                r.Status = RegistrationStatus.Pending;
            }
            else if ((seats.Capacity is not { } capacity || confirmed < capacity)
                     && categories.TryGetValue(r.CategoryId, out var category) && (category.Capacity is not { } limit || categoryConfirmed[r.CategoryId] < limit))
            {
                r.Status = RegistrationStatus.Confirmed;
            }
            else
            {
                r.Status = RegistrationStatus.Waitlisted;
                r.WaitlistNumber = nextNumber++;
                position = ++waitingAhead;
            }
            if (r.Status == RegistrationStatus.Confirmed)
            {
                r.ConfirmedUtc = r.CreatedUtc;
                confirmed++;
                if (categoryConfirmed.TryGetValue(r.CategoryId, out var held)) categoryConfirmed[r.CategoryId] = held + 1;
            }
            if (organisationSeats is not null) organisationSeats[organisationKey] = organisationSeats.GetValueOrDefault(organisationKey) + 1;
            written[index] = new RegistrationWrite(WriteOutcome.Stored, position);
            stored.Add(pending);
        }

        var newSeats = confirmed - seats.Confirmed;
        var newNumbers = nextNumber - seats.NextWaitlistNumber;
        if (newSeats != 0 || newNumbers != 0)
            db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdate(s => s
                .SetProperty(c => c.Confirmed, c => c.Confirmed + newSeats).SetProperty(c => c.NextWaitlistNumber, c => c.NextWaitlistNumber + newNumbers));
        foreach (var (categoryId, count) in categoryConfirmed)
        {
            var added = count - categories[categoryId].Confirmed;
            if (added != 0)
                db.CategorySeatCounters.Where(c => c.CategoryId == categoryId).ExecuteUpdate(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + added));
        }
    }
}
