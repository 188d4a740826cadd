using System.Security.Cryptography;
using System.Text.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>Everything the timetable editor shows for one edition.</summary>
public sealed record AgendaEditorState(
    Edition Edition, List<Room> Rooms, List<Track> Tracks, List<Speaker> Speakers, List<Session> Sessions,
    IReadOnlyList<AgendaConflict> Conflicts, HashSet<string> AcceptedKeys, AgendaPublication? LastPublication)
{
    public IEnumerable<AgendaConflict> Unresolved => Conflicts.Where(c => !AcceptedKeys.Contains(c.Key));
    public bool CanPublish => !Unresolved.Any();
}

/// <summary>The values typed in the session dialog; times are local to the edition.</summary>
public sealed class SessionInput
{
    public int? Id { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public SessionKind Kind { get; set; } = SessionKind.Panel;
    public int? TrackId { get; set; }
    public int? RoomId { get; set; }
    public DateTime LocalStart { get; set; }
    public int DurationMinutes { get; set; } = 60;
    public int? Capacity { get; set; }
    public string? Language { get; set; } = "English";
    public SessionStatus Status { get; set; }
    public int? SeatCapacity { get; set; }
    public string? Topic { get; set; }
    public string? Host { get; set; }
    public string? Organisations { get; set; }
    public List<SpeakerAssignment> Speakers { get; set; } = [];
}

public sealed class SpeakerAssignment
{
    public int SpeakerId { get; set; }
    public SpeakerRole Role { get; set; } = SpeakerRole.Speaker;
}

public sealed record PublishResult(bool Succeeded, string? Error, AgendaPublication? Publication, IReadOnlyList<AgendaChange> Changes, int Notified);

public sealed record PublicAgenda(Edition Edition, AgendaPublication Publication, IReadOnlyList<PublishedSession> Sessions);

public sealed class AgendaService(IDbContextFactory<AppDbContext> dbFactory, IAgendaChangeNotifier notifier, TimeProvider clock, ILogger<AgendaService> logger,
    IDataProtectionProvider dataProtection, RoundTableService seats)
{
    private readonly IDataProtector _manageTokens = dataProtection.CreateProtector(RegistrationService.ManageTokenPurpose);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---------- rooms, tracks, speakers ----------

    public async Task<List<Room>> RoomsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(ct);
    }

    public async Task<Room> SaveRoomAsync(Room room, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (room.Id == 0) db.Rooms.Add(room); else db.Rooms.Update(room);
        await db.SaveChangesAsync(ct);
        return room;
    }

    public async Task DeleteRoomAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Rooms.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }

    public async Task<List<Track>> TracksAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tracks.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.Name).ToListAsync(ct);
    }

    public async Task<Track> SaveTrackAsync(Track track, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (track.Id == 0) db.Tracks.Add(track); else db.Tracks.Update(track);
        await db.SaveChangesAsync(ct);
        return track;
    }

    public async Task DeleteTrackAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Tracks.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }

    public async Task<List<Speaker>> SpeakersAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Speakers.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.Name).ToListAsync(ct);
    }

    public async Task<Speaker> SaveSpeakerAsync(Speaker speaker, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (speaker.Id == 0) db.Speakers.Add(speaker); else db.Speakers.Update(speaker);
        await db.SaveChangesAsync(ct);
        return speaker;
    }

    public async Task DeleteSpeakerAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Speakers.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>Confirmed registrations of the edition, for linking a speaker to their own registration.</summary>
    public async Task<List<(int Id, string Name, string Organisation)>> AttendeesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed)
            .OrderBy(r => r.LastName).ThenBy(r => r.FirstName)
            .Select(r => new { r.Id, r.FirstName, r.LastName, r.Organisation }).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.FirstName} {r.LastName}", r.Organisation)).ToList();
    }

    // ---------- sessions ----------

    public async Task<AgendaEditorState?> EditorStateAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return null;
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.Name).ToListAsync(ct);
        var speakers = await db.Speakers.AsNoTracking().Where(r => r.EditionId == editionId).OrderBy(r => r.Name).ToListAsync(ct);
        var sessions = await LoadSessionsAsync(db, editionId, ct);
        var accepted = (await db.ConflictAcceptances.AsNoTracking().Where(a => a.EditionId == editionId).Select(a => a.ConflictKey).ToListAsync(ct)).ToHashSet();
        var last = await db.AgendaPublications.AsNoTracking().Where(p => p.EditionId == editionId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var conflicts = await ConflictsAsync(db, edition, rooms, sessions, ct);
        return new(edition, rooms, tracks, speakers, sessions, conflicts, accepted, last);
    }

    private static async Task<List<Session>> LoadSessionsAsync(AppDbContext db, int editionId, CancellationToken ct) =>
        await db.Sessions.AsNoTracking().Where(s => s.EditionId == editionId)
            .Include(s => s.Room).Include(s => s.Track).Include(s => s.Speakers).ThenInclude(p => p.Speaker)
            .AsSplitQuery().OrderBy(s => s.StartUtc).ToListAsync(ct);

    private static async Task<IReadOnlyList<AgendaConflict>> ConflictsAsync(AppDbContext db, Edition edition, List<Room> rooms, List<Session> sessions, CancellationToken ct)
    {
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var seatHolders = await db.SeatBookings.AsNoTracking().Where(b => sessionIds.Contains(b.SessionId))
            .Join(db.Registrations, b => b.RegistrationId, r => r.Id, (b, r) => new { b.SessionId, b.RegistrationId, r.FirstName, r.LastName })
            .ToListAsync(ct);
        var people = sessions.SelectMany(s => s.Speakers.Select(p => new PersonLink(s.Id,
                AgendaRules.PersonKey(p.SpeakerId, p.Speaker?.RegistrationId), p.Speaker?.Name ?? "?", p.Role.ToString())))
            .Concat(seatHolders.Select(h => new PersonLink(h.SessionId, $"R:{h.RegistrationId}", $"{h.FirstName} {h.LastName}", "Guest")))
            .ToList();
        return AgendaRules.DetectConflicts(
            sessions.Select(s => new SessionSlot(s.Id, s.Title, s.RoomId, s.StartUtc, s.EndUtc, s.Capacity ?? s.SeatCapacity, s.Status == SessionStatus.Cancelled)).ToList(),
            rooms.Select(r => new RoomInfo(r.Id, r.Name, r.Capacity)).ToList(), people,
            edition.StartDate, edition.EndDate, edition.TimeZoneId);
    }

    public static SessionInput ToInput(Session s, string timeZoneId) => new()
    {
        Id = s.Id, Title = s.Title, Description = s.Description, Kind = s.Kind, TrackId = s.TrackId, RoomId = s.RoomId,
        LocalStart = EditionRules.ToLocal(s.StartUtc, timeZoneId), DurationMinutes = (int)(s.EndUtc - s.StartUtc).TotalMinutes,
        Capacity = s.Capacity, Language = s.Language, Status = s.Status, SeatCapacity = s.SeatCapacity, Topic = s.Topic, Host = s.Host,
        Organisations = s.Organisations,
        Speakers = s.Speakers.Select(p => new SpeakerAssignment { SpeakerId = p.SpeakerId, Role = p.Role }).ToList(),
    };

    public static Dictionary<string, string> Validate(SessionInput input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "The title is required.";
        else if (input.Title.Length > 200) errors[nameof(input.Title)] = "The title must be at most 200 characters.";
        if (input.DurationMinutes is < 5 or > 24 * 60) errors[nameof(input.DurationMinutes)] = "A session lasts between 5 minutes and 24 hours.";
        if (input.Capacity is < 1) errors[nameof(input.Capacity)] = "Capacity must be positive.";
        if (input.SeatCapacity is < 1 or > 10_000) errors[nameof(input.SeatCapacity)] = "Seats must be between 1 and 10,000.";
        if (input.Speakers.GroupBy(s => s.SpeakerId).Any(g => g.Count() > 1)) errors[nameof(input.Speakers)] = "A speaker is listed twice.";
        return errors;
    }

    /// <summary>Creates or updates a session; returns its id, or null with errors.</summary>
    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveSessionAsync(int editionId, SessionInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return (null, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == editionId, ct);
        Session session;
        if (input.Id is { } id)
        {
            session = await db.Sessions.Include(s => s.Speakers).FirstAsync(s => s.Id == id && s.EditionId == editionId, ct);
        }
        else
        {
            session = new Session { EditionId = editionId, Title = "" };
            db.Sessions.Add(session);
        }
        session.Title = input.Title.Trim();
        session.Description = Blank(input.Description);
        session.Kind = input.Kind;
        session.TrackId = input.TrackId;
        session.RoomId = input.RoomId;
        session.StartUtc = EditionRules.ToUtc(input.LocalStart, edition.TimeZoneId);
        session.EndUtc = EditionRules.ToUtc(input.LocalStart.AddMinutes(input.DurationMinutes), edition.TimeZoneId);
        session.Capacity = input.Capacity;
        session.Language = Blank(input.Language);
        session.Status = input.Status;
        session.SeatCapacity = input.SeatCapacity;
        session.Topic = Blank(input.Topic);
        session.Host = Blank(input.Host);
        session.Organisations = Blank(input.Organisations);
        session.UpdatedUtc = Now;
        session.Speakers.RemoveAll(p => !input.Speakers.Any(i => i.SpeakerId == p.SpeakerId));
        foreach (var assignment in input.Speakers)
        {
            var existing = session.Speakers.FirstOrDefault(p => p.SpeakerId == assignment.SpeakerId);
            if (existing is null) session.Speakers.Add(new SessionSpeaker { SpeakerId = assignment.SpeakerId, Role = assignment.Role });
            else existing.Role = assignment.Role;
        }
        await db.SaveChangesAsync(ct);
        // More seats than before: the waiting list moves up at once instead of waiting for someone to cancel.
        if (session.Kind == SessionKind.RoundTable && session.SeatCapacity is not null) await seats.FillFreeSeatsAsync(session.Id, ct);
        return (session.Id, errors);
    }

    /// <summary>Moves a session to another start (local to the edition) and room, optionally with a new length; used by drag and drop.</summary>
    public async Task<bool> MoveSessionAsync(int sessionId, DateTime localStart, int? roomId, int? durationMinutes = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return false;
        var zone = await db.Editions.Where(e => e.Id == session.EditionId).Select(e => e.TimeZoneId).FirstAsync(ct);
        var minutes = durationMinutes ?? (int)(session.EndUtc - session.StartUtc).TotalMinutes;
        if (minutes < 5) return false;
        session.StartUtc = EditionRules.ToUtc(localStart, zone);
        session.EndUtc = EditionRules.ToUtc(localStart.AddMinutes(minutes), zone);
        session.RoomId = roomId;
        session.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task SetStatusAsync(int sessionId, SessionStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.UpdatedUtc, now), ct);
    }

    /// <summary>Deletes a session that was never published; a published one is cancelled instead so the public sees it go.</summary>
    public async Task DeleteSessionAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return;
        var published = await PublishedIdsAsync(db, session.EditionId, ct);
        if (published.Contains(sessionId)) session.Status = SessionStatus.Cancelled;
        else db.Sessions.Remove(session);
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptConflictAsync(int editionId, string key, string? by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ConflictAcceptances.AnyAsync(a => a.EditionId == editionId && a.ConflictKey == key, ct)) return;
        db.ConflictAcceptances.Add(new ConflictAcceptance { EditionId = editionId, ConflictKey = key, AcceptedUtc = Now, AcceptedBy = by });
        await db.SaveChangesAsync(ct);
    }

    public async Task RevokeAcceptanceAsync(int editionId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ConflictAcceptances.Where(a => a.EditionId == editionId && a.ConflictKey == key).ExecuteDeleteAsync(ct);
    }

    // ---------- publishing ----------

    private static async Task<HashSet<int>> PublishedIdsAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        var snapshot = await db.AgendaPublications.AsNoTracking().Where(p => p.EditionId == editionId)
            .OrderByDescending(p => p.Version).Select(p => p.SnapshotJson).FirstOrDefaultAsync(ct);
        return snapshot is null ? [] : ReadSnapshot(snapshot).Select(s => s.Id).ToHashSet();
    }

    public static List<PublishedSession> ReadSnapshot(string json) => JsonSerializer.Deserialize<List<PublishedSession>>(json, AgendaRules.Json) ?? [];

    public static List<AgendaChange> ReadChangelog(string json) => JsonSerializer.Deserialize<List<AgendaChange>>(json, AgendaRules.Json) ?? [];

    /// <summary>Publishes the current timetable as a new version, unless unresolved conflicts remain; notifies attendees whose bookmarked
    /// or booked sessions moved or were cancelled.</summary>
    public async Task<PublishResult> PublishAsync(int editionId, string? by, CancellationToken ct = default)
    {
        var state = await EditorStateAsync(editionId, ct);
        if (state is null) return new(false, "The edition does not exist.", null, [], 0);
        var unresolved = state.Unresolved.ToList();
        if (unresolved.Count > 0)
            return new(false, $"{unresolved.Count} unresolved conflict(s): resolve or accept them before publishing.", null, [], 0);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = state.LastPublication is null ? [] : ReadSnapshot(state.LastPublication.SnapshotJson);
        var previousIds = previous.Select(p => p.Id).ToHashSet();
        var snapshot = AgendaRules.Snapshot(state.Sessions, previousIds);
        var changes = AgendaRules.Diff(previous, snapshot, state.Edition.TimeZoneId);
        var publication = new AgendaPublication
        {
            EditionId = editionId, Version = (state.LastPublication?.Version ?? 0) + 1, PublishedUtc = Now, PublishedBy = by,
            ChangelogJson = JsonSerializer.Serialize(changes, AgendaRules.Json), SnapshotJson = JsonSerializer.Serialize(snapshot, AgendaRules.Json),
        };
        db.AgendaPublications.Add(publication);
        var now = Now;
        await db.Sessions.Where(s => s.EditionId == editionId && s.Status == SessionStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Published).SetProperty(s => s.UpdatedUtc, now), ct);
        await db.SaveChangesAsync(ct);

        var notified = await NotifyAsync(db, state.Edition, publication, changes, ct);
        return new(true, null, publication, changes, notified);
    }

    private async Task<int> NotifyAsync(AppDbContext db, Edition edition, AgendaPublication publication, IReadOnlyList<AgendaChange> changes, CancellationToken ct)
    {
        var relevant = changes.Where(c => c.Kind is AgendaChangeKind.Moved or AgendaChangeKind.Cancelled).ToList();
        if (relevant.Count == 0 || publication.Version == 1) return 0;
        var ids = relevant.Select(c => c.SessionId).ToList();
        var followers = await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.SessionId)).Select(b => new { b.RegistrationId, b.SessionId })
            .Concat(db.SeatBookings.AsNoTracking().Where(b => ids.Contains(b.SessionId)).Select(b => new { b.RegistrationId, b.SessionId }))
            .ToListAsync(ct);
        var count = 0;
        foreach (var person in followers.GroupBy(f => f.RegistrationId))
        {
            var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == person.Key, ct);
            if (registration is null || registration.AnonymisedUtc is not null || registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected) continue;
            var sessionIds = person.Select(p => p.SessionId).Distinct().Order().ToList();
            var theirChanges = relevant.Where(c => sessionIds.Contains(c.SessionId)).ToList();
            try
            {
                await notifier.NotifyAsync(new AgendaChangeNotice(edition.Title, edition.Slug, registration.Email, registration.FullName, registration.Language,
                    publication.Version, theirChanges, ManageToken(registration)), ct);
                db.AgendaNotifications.Add(new AgendaNotification { PublicationId = publication.Id, RegistrationId = registration.Id, SessionIds = string.Join(',', sessionIds), SentUtc = Now });
                count++;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Agenda change notice to registration {RegistrationId} failed", registration.Id);
            }
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    public async Task<List<AgendaPublication>> PublicationsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AgendaPublications.AsNoTracking().Where(p => p.EditionId == editionId).OrderByDescending(p => p.Version).ToListAsync(ct);
    }

    /// <summary>The latest published agenda of a non-draft edition, or null.</summary>
    public async Task<PublicAgenda?> PublicAgendaAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Status != EditionStatus.Draft, ct);
        if (edition is null) return null;
        var publication = await db.AgendaPublications.AsNoTracking().Where(p => p.EditionId == edition.Id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return publication is null ? null : new(edition, publication, ReadSnapshot(publication.SnapshotJson));
    }

    /// <summary>The person's manage token for the personal-agenda link, or null when it was erased or written under other keys.</summary>
    private string? ManageToken(Registration.Registration registration)
    {
        if (registration.ManageTokenProtected is not { } protectedToken) return null;
        try { return _manageTokens.Unprotect(protectedToken); }
        catch (CryptographicException) { return null; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
