using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>Cloning an edition copies rooms, tracks and the session skeleton (no speakers, no people), shifted by the
/// difference between the editions' first days and kept at the same local wall-clock times.</summary>
public sealed class AgendaCloneStep(TimeProvider clock) : IEditionCloneStep
{
    public async Task CloneAsync(AppDbContext db, int sourceEditionId, Edition target, CancellationToken ct)
    {
        var source = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == sourceEditionId, ct);
        if (source is null) return;
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EditionId == sourceEditionId).ToListAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(r => r.EditionId == sourceEditionId).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EditionId == sourceEditionId && s.Status != SessionStatus.Cancelled).ToListAsync(ct);
        var roomCopies = rooms.ToDictionary(r => r.Id, r => new Room { EditionId = target.Id, Name = r.Name, Capacity = r.Capacity, SortOrder = r.SortOrder });
        var trackCopies = tracks.ToDictionary(t => t.Id, t => new Track { EditionId = target.Id, Name = t.Name, Color = t.Color });
        db.Rooms.AddRange(roomCopies.Values);
        db.Tracks.AddRange(trackCopies.Values);
        var dayShift = target.StartDate.DayNumber - source.StartDate.DayNumber;
        foreach (var s in sessions)
        {
            var localStart = EditionRules.ToLocal(s.StartUtc, source.TimeZoneId).AddDays(dayShift);
            var localEnd = EditionRules.ToLocal(s.EndUtc, source.TimeZoneId).AddDays(dayShift);
            db.Sessions.Add(new Session
            {
                EditionId = target.Id, Title = s.Title, Description = s.Description, Kind = s.Kind,
                Track = s.TrackId is { } t && trackCopies.TryGetValue(t, out var track) ? track : null,
                Room = s.RoomId is { } r && roomCopies.TryGetValue(r, out var room) ? room : null,
                StartUtc = EditionRules.ToUtc(localStart, target.TimeZoneId), EndUtc = EditionRules.ToUtc(localEnd, target.TimeZoneId),
                Capacity = s.Capacity, Language = s.Language, Status = SessionStatus.Draft,
                SeatCapacity = s.SeatCapacity, Topic = s.Topic, Organisations = null, Host = null, UpdatedUtc = clock.GetUtcNow().UtcDateTime,
            });
        }
    }
}
