using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>iCalendar feeds: events carry local times with the edition's TZID and a VTIMEZONE, so 10:00 in Niš is 10:00 in any calendar app.</summary>
public static class AgendaCalendar
{
    /// <param name="version">The publication's version, written as every event's SEQUENCE: calendar apps replace an event only when
    /// its sequence grows, so a session moved in version 2 is updated instead of kept at its old time.</param>
    /// <param name="publishedUtc">When that version was published (DTSTAMP).</param>
    public static string Build(string calendarName, string timeZoneId, IEnumerable<PublishedSession> sessions, string? baseUrl, string slug,
        int version = 0, DateTime? publishedUtc = null)
    {
        var calendar = new Calendar { ProductId = "-//Days of Clusters//Agenda//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", timeZoneId);
        calendar.AddTimeZone(new VTimeZone(timeZoneId));
        foreach (var s in sessions)
        {
            var description = new StringBuilder();
            description.Append(AgendaRules.KindLabel(s.Kind));
            if (s.TrackName is not null) description.Append(" · ").Append(s.TrackName);
            if (s.Speakers.Count > 0) description.Append('\n').Append(string.Join(", ", s.Speakers.Select(p => p.Organisation is null ? p.Name : $"{p.Name} ({p.Organisation})")));
            if (!string.IsNullOrWhiteSpace(s.Description)) description.Append("\n\n").Append(s.Description);
            var evt = new CalendarEvent
            {
                Uid = $"session-{s.Id}@{slug}.daysofclusters",
                Summary = s.Cancelled ? $"CANCELLED: {s.Title}" : s.Title,
                Description = description.ToString(),
                Location = s.RoomName,
                DtStart = new CalDateTime(EditionRules.ToLocal(s.StartUtc, timeZoneId), timeZoneId),
                DtEnd = new CalDateTime(EditionRules.ToLocal(s.EndUtc, timeZoneId), timeZoneId),
                Status = s.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Sequence = version,
            };
            if (publishedUtc is { } stamp) evt.DtStamp = new CalDateTime(DateTime.SpecifyKind(stamp, DateTimeKind.Utc));
            if (baseUrl is not null) evt.Url = new Uri($"{baseUrl.TrimEnd('/')}/e/{slug}/sessions/{s.Id}");
            calendar.Events.Add(evt);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
