using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using static DaysOfClusters.Web.Features.Matchmaking.MatchmakingText;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Meeting requests between participants: sending, answering, cancelling, expiring, priority, and the lists of them.</summary>
public sealed class MeetingRequests(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MatchmakingNotifier notifier)
{
    private static readonly MeetingRequestStatus[] Open = [MeetingRequestStatus.Pending, MeetingRequestStatus.Accepted];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<MatchmakingResult> SendRequestAsync(int fromRegistrationId, int toRegistrationId, string? message, bool priority = false, CancellationToken ct = default)
    {
        if (fromRegistrationId == toRegistrationId) return MatchmakingResult.Refused("You cannot request a meeting with yourself.", "Mm_Err_Self");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profiles = await db.MatchmakingProfiles.AsNoTracking()
            .Where(p => (p.RegistrationId == fromRegistrationId || p.RegistrationId == toRegistrationId) && p.OptedIn).ToListAsync(ct);
        var from = profiles.FirstOrDefault(p => p.RegistrationId == fromRegistrationId);
        var to = profiles.FirstOrDefault(p => p.RegistrationId == toRegistrationId);
        if (from is null) return MatchmakingResult.Refused("Opt in to matchmaking first.", "Mm_Err_OptInFirst");
        if (to is null || to.EditionId != from.EditionId) return MatchmakingResult.Refused("That participant is not in the matchmaking.", "Mm_Err_OtherNotIn");
        var duplicate = await db.MeetingRequests.AnyAsync(m => Open.Contains(m.Status)
            && ((m.FromRegistrationId == fromRegistrationId && m.ToRegistrationId == toRegistrationId)
                || (m.FromRegistrationId == toRegistrationId && m.ToRegistrationId == fromRegistrationId)), ct);
        if (duplicate) return MatchmakingResult.Refused("There is already an open request between you.", "Mm_Err_Duplicate");
        var settings = await db.MatchmakingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == from.EditionId, ct)
            ?? new MatchmakingSettings { EditionId = from.EditionId };
        if (settings.MaxMeetingsPerParticipant is { } cap)
        {
            if (await OpenCountAsync(db, fromRegistrationId, ct) >= cap) return MatchmakingResult.Refused($"You have reached the limit of {cap} meetings.", "Mm_Err_Cap", cap);
            if (await OpenCountAsync(db, toRegistrationId, ct) >= cap) return MatchmakingResult.Refused("That participant has reached the meeting limit.", "Mm_Err_OtherCap");
        }
        var request = new MeetingRequest
        {
            EditionId = from.EditionId, FromRegistrationId = fromRegistrationId, ToRegistrationId = toRegistrationId, Message = Clip(message, 1000),
            Priority = priority, Status = MeetingRequestStatus.Pending, CreatedUtc = Now, ExpiresUtc = Now.AddHours(settings.RequestExpiryHours),
        };
        db.Add(request);
        await db.SaveChangesAsync(ct);
        await notifier.NotifyAsync(MatchmakingMailKind.Requested, request.Id, toRegistrationId, ct);
        return MatchmakingResult.Success(request.Id);
    }

    private static Task<int> OpenCountAsync(AppDbContext db, int registrationId, CancellationToken ct) =>
        db.MeetingRequests.CountAsync(m => Open.Contains(m.Status) && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);

    /// <summary>
    /// The receiver accepts or declines a pending request. The change is one conditional update (still pending, not expired),
    /// so of an answer, a cancellation and the expiry job racing for the same request exactly one wins and one e-mail goes out.
    /// </summary>
    public async Task<MatchmakingResult> RespondAsync(int registrationId, int requestId, bool accept, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.MeetingRequests.AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || request.ToRegistrationId != registrationId) return MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
        if (request.Status != MeetingRequestStatus.Pending) return MatchmakingResult.Refused("The request is no longer pending.", "Mm_Err_NotPending");
        if (request.ExpiresUtc is { } expires && expires <= now)
        {
            await ExpireAsync(db, requestId, now, ct);
            return MatchmakingResult.Refused("The request has expired.", "Mm_Err_Expired");
        }
        if (accept)
        {
            var settings = await db.MatchmakingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == request.EditionId, ct);
            if (settings?.MaxMeetingsPerParticipant is { } cap)
            {
                var accepted = await db.MeetingRequests.CountAsync(m => m.Status == MeetingRequestStatus.Accepted
                    && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);
                if (accepted >= cap) return MatchmakingResult.Refused($"You have reached the limit of {cap} meetings.", "Mm_Err_Cap", cap);
            }
        }
        var status = accept ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Declined;
        var changed = await db.MeetingRequests
            .Where(m => m.Id == requestId && m.Status == MeetingRequestStatus.Pending && (m.ExpiresUtc == null || m.ExpiresUtc > now))
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, status).SetProperty(m => m.RespondedUtc, now), ct);
        if (changed == 0) return MatchmakingResult.Refused("The request is no longer pending.", "Mm_Err_NotPending");
        await notifier.NotifyAsync(accept ? MatchmakingMailKind.Accepted : MatchmakingMailKind.Declined, requestId, request.FromRegistrationId, ct);
        return MatchmakingResult.Success(requestId);
    }

    /// <summary>Either side cancels a pending or accepted request; its scheduled meeting goes with it; the other side is told.</summary>
    public async Task<MatchmakingResult> CancelAsync(int registrationId, int requestId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.MeetingRequests.AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || (request.FromRegistrationId != registrationId && request.ToRegistrationId != registrationId))
            return MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
        if (!Open.Contains(request.Status)) return MatchmakingResult.Refused("The request is already closed.", "Mm_Err_Closed");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.MeetingRequests.Where(m => m.Id == requestId && Open.Contains(m.Status))
                .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, MeetingRequestStatus.Cancelled).SetProperty(m => m.RespondedUtc, now), ct);
            if (changed == 0) return MatchmakingResult.Refused("The request is already closed.", "Mm_Err_Closed");
            await db.MeetingAssignments.Where(a => a.RequestId == requestId).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        var other = request.FromRegistrationId == registrationId ? request.ToRegistrationId : request.FromRegistrationId;
        await notifier.NotifyAsync(MatchmakingMailKind.Cancelled, requestId, other, ct);
        return MatchmakingResult.Success(requestId);
    }

    private async Task<bool> ExpireAsync(AppDbContext db, int requestId, DateTime now, CancellationToken ct)
    {
        var changed = await db.MeetingRequests
            .Where(m => m.Id == requestId && m.Status == MeetingRequestStatus.Pending && m.ExpiresUtc != null && m.ExpiresUtc <= now)
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, MeetingRequestStatus.Expired).SetProperty(m => m.RespondedUtc, now), ct);
        if (changed == 0) return false;
        var from = await db.MeetingRequests.Where(m => m.Id == requestId).Select(m => m.FromRegistrationId).FirstAsync(ct);
        await notifier.NotifyAsync(MatchmakingMailKind.Expired, requestId, from, ct);
        return true;
    }

    /// <summary>Marks pending requests past their expiry as expired; returns how many.</summary>
    /// <remarks>Called by <see cref="MatchmakingWorker"/> every minute and by the organiser's button; each sender is told once.</remarks>
    public async Task<int> ExpirePendingAsync(CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.MeetingRequests.AsNoTracking()
            .Where(m => m.Status == MeetingRequestStatus.Pending && m.ExpiresUtc != null && m.ExpiresUtc <= now).Select(m => m.Id).ToListAsync(ct);
        var count = 0;
        foreach (var id in due)
        {
            if (await ExpireAsync(db, id, now, ct)) count++;
        }
        return count;
    }

    public async Task<IReadOnlyList<RequestView>> RequestsOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RequestViewsAsync(db, db.MeetingRequests.Where(m => m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);
    }

    /// <summary>The edition's requests for organisers, priority ones first, optionally of one status and matching a name or organisation.</summary>
    public async Task<IReadOnlyList<RequestView>> EditionRequestsAsync(int editionId, MeetingRequestStatus? status = null, string? text = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.MeetingRequests.Where(m => m.EditionId == editionId);
        if (status is { } st) query = query.Where(m => m.Status == st);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim().ToLower();
            query = query.Where(m => db.Registrations.Any(r => (r.Id == m.FromRegistrationId || r.Id == m.ToRegistrationId)
                && (r.FirstName.ToLower().Contains(t) || r.LastName.ToLower().Contains(t) || r.Organisation.ToLower().Contains(t))));
        }
        var rows = await RequestViewsAsync(db, query, ct);
        return rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.CreatedUtc).Take(1000).ToList();
    }

    private static async Task<IReadOnlyList<RequestView>> RequestViewsAsync(AppDbContext db, IQueryable<MeetingRequest> requests, CancellationToken ct)
    {
        var rows = await (
            from m in requests
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join t in db.Registrations on m.ToRegistrationId equals t.Id
            orderby m.CreatedUtc descending
            select new { m, FromName = f.FirstName + " " + f.LastName, ToName = t.FirstName + " " + t.LastName,
                Scheduled = db.MeetingAssignments.Any(a => a.RequestId == m.Id) }).ToListAsync(ct);
        var sides = await MeetingSides.OfAsync(db, rows.SelectMany(x => new[] { x.m.FromRegistrationId, x.m.ToRegistrationId }), ct);
        return rows.Select(x => new RequestView(x.m.Id, x.m.FromRegistrationId, x.FromName, sides[x.m.FromRegistrationId].Organisation, x.m.ToRegistrationId, x.ToName,
            sides[x.m.ToRegistrationId].Organisation, x.m.Message, x.m.Status, x.m.Priority, x.m.CreatedUtc, x.m.ExpiresUtc,
            sides[x.m.FromRegistrationId].Kind, sides[x.m.ToRegistrationId].Kind, x.Scheduled)).ToList();
    }

    /// <summary>
    /// Marks or unmarks a pending or accepted request as priority (EC officers, delegations…): Schedule all places priority
    /// meetings before any others.
    /// </summary>
    public async Task<MatchmakingResult> SetPriorityAsync(int requestId, bool priority, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.MeetingRequests.Where(m => m.Id == requestId && Open.Contains(m.Status))
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Priority, priority), ct);
        if (n > 0) return MatchmakingResult.Success(requestId);
        return await db.MeetingRequests.AnyAsync(m => m.Id == requestId, ct)
            ? MatchmakingResult.Refused("Only pending or accepted requests can be marked as priority.")
            : MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
    }
}
