using System.Globalization;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>
/// The organisers' timetable grid (Pages/TimetableEditor.razor) in pixels. A day runs from 08:00, or the hour of an earlier
/// start, to 22:00, or the hour after a later end (midnight when a session runs past it), in 15-minute slots of 18 px each;
/// sessions that overlap in one column share its width side by side, one lane each. Pure, so the unit tests pin the very
/// pixels the end-to-end tests drag by.
/// </summary>
public sealed class TimetableLayout
{
    public const int SlotMinutes = 15;
    public const int SlotPx = 18;

    /// <summary>The time column labels every hour, that is every this many slots.</summary>
    public const int SlotsPerHour = 60 / SlotMinutes;

    private const int EarliestFirstHour = 8;
    private const int LatestLastHour = 22;

    private TimetableLayout(DateTime start, int slots)
    {
        Start = start;
        Slots = slots;
    }

    /// <summary>Local time of the grid's top edge, on the hour.</summary>
    public DateTime Start { get; }

    public int Slots { get; }

    public int HeightPx => Slots * SlotPx;

    /// <summary>The grid of one day for the sessions that start on it (local times in the edition's zone).</summary>
    public static TimetableLayout ForDay(DateOnly day, IReadOnlyCollection<(DateTime LocalStart, DateTime LocalEnd)> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var firstHour = Math.Min(EarliestFirstHour, sessions.Count == 0 ? EarliestFirstHour : sessions.Min(s => s.LocalStart.Hour));
        var lastHour = Math.Max(LatestLastHour, sessions.Count == 0 ? LatestLastHour
            : sessions.Max(s => DateOnly.FromDateTime(s.LocalEnd) > day ? 24 : (int)Math.Ceiling(s.LocalEnd.TimeOfDay.TotalHours)));
        return new TimetableLayout(day.ToDateTime(new TimeOnly(firstHour, 0)), (lastHour - firstHour) * 60 / SlotMinutes);
    }

    /// <summary>Local start of slot <paramref name="slot"/> (0 at the top).</summary>
    public DateTime SlotStart(int slot) => Start.AddMinutes(slot * SlotMinutes);

    /// <summary>Pixels from the top of the grid to slot <paramref name="slot"/>.</summary>
    public static int SlotTop(int slot) => slot * SlotPx;

    /// <summary>The slots the time column labels: the first, then one an hour.</summary>
    public IEnumerable<int> HourSlots()
    {
        for (var slot = 0; slot < Slots; slot += SlotsPerHour) yield return slot;
    }

    /// <summary>
    /// Where a session's card sits: down from its local start, as tall as it lasts (one slot at least), across by its lane.
    /// The length is taken from the UTC times, as stored, so a session over a clock change keeps its real length.
    /// </summary>
    public CardBox Card(DateTime localStart, TimeSpan length, int lane, int laneCount)
    {
        var top = (localStart - Start).TotalMinutes / SlotMinutes * SlotPx;
        var height = Math.Max(SlotPx, length.TotalMinutes / SlotMinutes * SlotPx);
        return new CardBox(Px(top), Px(height - 2), Px(100.0 * lane / laneCount), Px(100.0 / laneCount));
    }

    /// <summary>
    /// Lanes for the sessions of one column, given in start order: each takes the first lane free by its start (a session
    /// ending when the next starts leaves the lane free), else a new one. <see cref="ColumnLanes.Count"/> is at least one.
    /// </summary>
    public static ColumnLanes Lanes(IEnumerable<(int Id, DateTime Start, DateTime End)> sessionsInStartOrder)
    {
        ArgumentNullException.ThrowIfNull(sessionsInStartOrder);
        var lanes = new Dictionary<int, int>();
        var ends = new List<DateTime>();
        foreach (var (id, start, end) in sessionsInStartOrder)
        {
            var lane = ends.FindIndex(e => e <= start);
            if (lane < 0) { lane = ends.Count; ends.Add(end); } else ends[lane] = end;
            lanes[id] = lane;
        }
        return new ColumnLanes(lanes);
    }

    /// <summary>
    /// How many slots the pointer travelled from where it grabbed the card to where it dropped it (rounded to the nearest,
    /// half to even); null without a grab position (no mousedown seen).
    /// </summary>
    public static int? Steps(double? grabPageY, double dropPageY) =>
        grabPageY is { } grabbed ? (int)Math.Round((dropPageY - grabbed) / SlotPx) : null;

    /// <summary>
    /// A moved session's new local start: shifted by the slots the pointer travelled, so a card grabbed in its middle keeps
    /// that grip; without a grab position, the slot it was dropped on.
    /// </summary>
    public static DateTime MovedStart(DateTime localStart, int? steps, DateTime dropSlotStart) =>
        steps is { } n ? localStart.AddMinutes(n * SlotMinutes) : dropSlotStart;

    /// <summary>
    /// A resized session's new length in minutes: its end moved by the slots the pointer travelled, or, without a grab
    /// position, to the end of the slot it was dropped on; never shorter than one slot.
    /// </summary>
    public static int ResizedMinutes(DateTime localStart, int lengthMinutes, int? steps, DateTime dropSlotStart) =>
        Math.Max(SlotMinutes, steps is { } n ? lengthMinutes + n * SlotMinutes : (int)(dropSlotStart.AddMinutes(SlotMinutes) - localStart).TotalMinutes);

    /// <summary>A CSS length: at most two decimals, invariant, no trailing zeros ("33.33", "0").</summary>
    public static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A card's place, formatted for its style: top and height in pixels, left and width in percent of the column.</summary>
public sealed record CardBox(string Top, string Height, string Left, string Width);

/// <summary>The lane of each session (by id) in one column, and how many lanes share the column.</summary>
public sealed class ColumnLanes(IReadOnlyDictionary<int, int> lanes)
{
    public int Count { get; } = lanes.Count == 0 ? 1 : lanes.Values.Max() + 1;

    public int this[int sessionId] => lanes[sessionId];
}
