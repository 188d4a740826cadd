using System.Globalization;
using System.Text.Json;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Agenda;

public enum ConflictKind
{
    RoomDoubleBooked = 1,
    PersonDoubleBooked = 2,
    OutsideEditionDays = 3,
    RoomTooSmall = 4,
}

/// <summary>What conflict detection needs of a session.</summary>
public sealed record SessionSlot(int Id, string Title, int? RoomId, DateTime StartUtc, DateTime EndUtc, int? Capacity, bool Cancelled = false);

public sealed record RoomInfo(int Id, string Name, int Capacity);

/// <summary>A person taking part in a session. <paramref name="PersonKey"/> identifies the same human across roles
/// ("R:{registrationId}" when known, otherwise "S:{speakerId}").</summary>
public sealed record PersonLink(int SessionId, string PersonKey, string Name, string Role);

/// <summary>One problem of the timetable. <see cref="Key"/> is stable while the same sessions clash, so an acceptance survives reloads.</summary>
public sealed record AgendaConflict(ConflictKind Kind, string Key, IReadOnlyList<int> SessionIds, string Message);

public enum AgendaChangeKind
{
    New = 1,
    Moved = 2,
    Cancelled = 3,
    Changed = 4,
}

public sealed record AgendaChange(AgendaChangeKind Kind, int SessionId, string Title, string Detail);

public sealed record PublishedSpeaker(int SpeakerId, string Name, string? Organisation, string? CountryCode, string? Bio, SpeakerRole Role);

/// <summary>A session as published: the public agenda, feeds and PDF read these, never the live draft.</summary>
public sealed record PublishedSession(
    int Id, string Title, string? Description, SessionKind Kind,
    int? TrackId, string? TrackName, string? TrackColor,
    int? RoomId, string? RoomName,
    DateTime StartUtc, DateTime EndUtc, string? Language, bool Cancelled,
    int? SeatCapacity, string? Topic, string? Host, IReadOnlyList<string> Organisations,
    IReadOnlyList<PublishedSpeaker> Speakers);

/// <summary>Pure rules of the agenda: conflicts, changelogs, snapshots. No database, so they are unit-tested directly.</summary>
public static class AgendaRules
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool Overlaps(DateTime aStart, DateTime aEnd, DateTime bStart, DateTime bEnd) => aStart < bEnd && bStart < aEnd;

    public static IReadOnlyList<AgendaConflict> DetectConflicts(
        IReadOnlyList<SessionSlot> sessions, IReadOnlyList<RoomInfo> rooms, IReadOnlyList<PersonLink> people,
        DateOnly firstDay, DateOnly lastDay, string timeZoneId)
    {
        var conflicts = new List<AgendaConflict>();
        var active = sessions.Where(s => !s.Cancelled).OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToList();
        var roomById = rooms.ToDictionary(r => r.Id);
        var byId = active.ToDictionary(s => s.Id);

        // A room booked twice.
        foreach (var group in active.Where(s => s.RoomId is not null).GroupBy(s => s.RoomId!.Value))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count && list[j].StartUtc < list[i].EndUtc; j++)
                {
                    if (!Overlaps(list[i].StartUtc, list[i].EndUtc, list[j].StartUtc, list[j].EndUtc)) continue;
                    var (a, b) = Ordered(list[i].Id, list[j].Id);
                    var roomName = roomById.TryGetValue(group.Key, out var r) ? r.Name : $"room {group.Key}";
                    conflicts.Add(new(ConflictKind.RoomDoubleBooked, $"room:{a}:{b}", [a, b],
                        $"{roomName} is booked twice: \"{list[i].Title}\" and \"{list[j].Title}\" overlap."));
                }
        }

        // A person in two places at once (speaker, moderator, host, or seat holder).
        foreach (var person in people.Where(p => byId.ContainsKey(p.SessionId)).GroupBy(p => p.PersonKey))
        {
            var links = person.DistinctBy(p => p.SessionId).OrderBy(p => byId[p.SessionId].StartUtc).ToList();
            for (var i = 0; i < links.Count; i++)
                for (var j = i + 1; j < links.Count; j++)
                {
                    var s1 = byId[links[i].SessionId];
                    var s2 = byId[links[j].SessionId];
                    if (!Overlaps(s1.StartUtc, s1.EndUtc, s2.StartUtc, s2.EndUtc)) continue;
                    var (a, b) = Ordered(s1.Id, s2.Id);
                    conflicts.Add(new(ConflictKind.PersonDoubleBooked, $"person:{person.Key}:{a}:{b}", [a, b],
                        $"{links[i].Name} is in two places at once: {links[i].Role.ToLowerInvariant()} in \"{s1.Title}\" and {links[j].Role.ToLowerInvariant()} in \"{s2.Title}\"."));
                }
        }

        foreach (var s in active)
        {
            // Outside the edition's days, in the edition's own calendar.
            var localStart = EditionRules.ToLocal(s.StartUtc, timeZoneId);
            var localEnd = EditionRules.ToLocal(s.EndUtc, timeZoneId);
            var startDay = DateOnly.FromDateTime(localStart);
            var endDay = DateOnly.FromDateTime(localEnd.AddTicks(-1));
            if (startDay < firstDay || endDay > lastDay)
                conflicts.Add(new(ConflictKind.OutsideEditionDays, $"days:{s.Id}", [s.Id],
                    $"\"{s.Title}\" ({localStart:yyyy-MM-dd HH:mm}) is outside the edition's days ({firstDay:yyyy-MM-dd} – {lastDay:yyyy-MM-dd})."));
            if (s.EndUtc <= s.StartUtc)
                conflicts.Add(new(ConflictKind.OutsideEditionDays, $"length:{s.Id}", [s.Id], $"\"{s.Title}\" ends before it starts."));

            // A room smaller than the expected audience.
            if (s.RoomId is { } roomId && s.Capacity is { } capacity && roomById.TryGetValue(roomId, out var room) && capacity > room.Capacity)
                conflicts.Add(new(ConflictKind.RoomTooSmall, $"size:{s.Id}:{roomId}", [s.Id],
                    $"\"{s.Title}\" expects {capacity} people but {room.Name} holds {room.Capacity}."));
        }
        return conflicts;
    }

    private static (int, int) Ordered(int a, int b) => a < b ? (a, b) : (b, a);

    /// <summary>What changed between two published versions: new sessions, moved ones (time or room), cancelled ones, and other edits.</summary>
    public static IReadOnlyList<AgendaChange> Diff(IReadOnlyList<PublishedSession> previous, IReadOnlyList<PublishedSession> current, string timeZoneId)
    {
        var changes = new List<AgendaChange>();
        var before = previous.ToDictionary(s => s.Id);
        var now = current.ToDictionary(s => s.Id);
        string When(PublishedSession s) =>
            $"{EditionRules.ToLocal(s.StartUtc, timeZoneId).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}–{EditionRules.ToLocal(s.EndUtc, timeZoneId):HH:mm}{(s.RoomName is null ? "" : ", " + s.RoomName)}";

        foreach (var s in current.OrderBy(s => s.StartUtc).ThenBy(s => s.Id))
        {
            if (!before.TryGetValue(s.Id, out var old))
            {
                if (!s.Cancelled) changes.Add(new(AgendaChangeKind.New, s.Id, s.Title, When(s)));
                continue;
            }
            if (s.Cancelled && !old.Cancelled) { changes.Add(new(AgendaChangeKind.Cancelled, s.Id, s.Title, $"was {When(old)}")); continue; }
            if (s.Cancelled) continue;
            if (old.Cancelled) { changes.Add(new(AgendaChangeKind.New, s.Id, s.Title, $"reinstated: {When(s)}")); continue; }
            if (old.StartUtc != s.StartUtc || old.EndUtc != s.EndUtc || old.RoomId != s.RoomId)
                changes.Add(new(AgendaChangeKind.Moved, s.Id, s.Title, $"{When(old)} → {When(s)}"));
            else if (old.Title != s.Title || old.Description != s.Description || old.Kind != s.Kind || old.TrackId != s.TrackId
                     || !old.Speakers.Select(p => (p.SpeakerId, p.Role)).SequenceEqual(s.Speakers.Select(p => (p.SpeakerId, p.Role))))
                changes.Add(new(AgendaChangeKind.Changed, s.Id, s.Title, "details changed"));
        }
        foreach (var old in previous.Where(o => !now.ContainsKey(o.Id) && !o.Cancelled))
            changes.Add(new(AgendaChangeKind.Cancelled, old.Id, old.Title, $"was {When(old)}"));
        return changes;
    }

    /// <summary>The published form of the live sessions: drafts that are not yet published are included (publishing publishes them);
    /// cancelled sessions are kept only if the public has seen them before.</summary>
    public static List<PublishedSession> Snapshot(IEnumerable<Session> sessions, ISet<int> previouslyPublished) =>
        sessions.Where(s => s.Status != SessionStatus.Cancelled || previouslyPublished.Contains(s.Id))
            .OrderBy(s => s.StartUtc).ThenBy(s => s.Room?.SortOrder ?? int.MaxValue).ThenBy(s => s.Id)
            .Select(ToPublished).ToList();

    public static PublishedSession ToPublished(Session s) => new(
        s.Id, s.Title, s.Description, s.Kind, s.TrackId, s.Track?.Name, s.Track?.Color, s.RoomId, s.Room?.Name,
        s.StartUtc, s.EndUtc, s.Language, s.Status == SessionStatus.Cancelled,
        s.SeatCapacity, s.Topic, s.Host, SplitLines(s.Organisations),
        s.Speakers.OrderBy(p => p.Role).ThenBy(p => p.Speaker?.Name)
            .Select(p => new PublishedSpeaker(p.SpeakerId, p.Speaker?.Name ?? "", p.Speaker?.Organisation, p.Speaker?.CountryCode, p.Speaker?.Bio, p.Role)).ToList());

    public static IReadOnlyList<string> SplitLines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The local calendar days of an edition.</summary>
    public static IReadOnlyList<DateOnly> Days(DateOnly first, DateOnly last)
    {
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1)) days.Add(d);
        return days;
    }

    public static string PersonKey(int speakerId, int? registrationId) => registrationId is { } r ? $"R:{r}" : $"S:{speakerId}";

    public static string KindLabel(SessionKind kind) => kind switch
    {
        SessionKind.RoundTable => "Round table",
        SessionKind.MatchmakingBlock => "B2B matchmaking",
        SessionKind.NetworkingSocial => "Networking / social",
        SessionKind.SiteVisit => "Site visit",
        _ => kind.ToString(),
    };
}
