using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Infrastructure.Pdf;
using PdfSharp.Drawing;
using Microsoft.Extensions.Localization;
using PdfSharp.Pdf;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>A participant's published meeting schedule as iCalendar (edition's time zone) and as a printable A4 PDF.</summary>
public static class MatchmakingDocuments
{
    /// <summary>The published meetings as iCalendar, worded in the language of <paramref name="text"/> (English without one).</summary>
    public static string Calendar(Edition edition, string attendeeName, IReadOnlyList<MyMeeting> meetings, string? matchmakingLink, IStringLocalizer? text = null)
    {
        string T(string key, string english, params object[] args) => Text(text, key, english, args);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Days of Clusters//Matchmaking//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"{edition.Title} – {T("Mm_Pdf_MeetingsOf", "B2B meetings of {0}", attendeeName)}");
        calendar.AddProperty("X-WR-TIMEZONE", edition.TimeZoneId);
        calendar.AddTimeZone(new VTimeZone(edition.TimeZoneId));
        foreach (var m in meetings)
        {
            var evt = new CalendarEvent
            {
                Uid = $"meeting-{m.RequestId}@{edition.Slug}.daysofclusters",
                Summary = T("Mm_Ics_Summary", "B2B meeting: {0} ({1}) – table {2}", m.OtherName, m.OtherOrganisation, m.TableNumber),
                Description = T("Mm_Ics_Description", "Matchmaking meeting with {0}, {1}.\nTable {2}.", m.OtherName, m.OtherOrganisation, m.TableLabel),
                Location = T("Mm_Ics_Location", "Table {0}", m.TableLabel),
                DtStart = new CalDateTime(EditionRules.ToLocal(m.SlotStartUtc, edition.TimeZoneId), edition.TimeZoneId),
                DtEnd = new CalDateTime(EditionRules.ToLocal(m.SlotEndUtc, edition.TimeZoneId), edition.TimeZoneId),
                Status = EventStatus.Confirmed,
            };
            if (matchmakingLink is not null) evt.Url = new Uri(matchmakingLink);
            calendar.Events.Add(evt);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Text(IStringLocalizer? text, string key, string english, object[] args)
    {
        var found = text?[key, args];
        return found is { ResourceNotFound: false } ? found.Value : string.Format(CultureInfo.InvariantCulture, english, args);
    }

    private const double Margin = 48;

    // Unicode, and the whole font file: PDFsharp 6.2.4's subsetter drops nested composite glyphs (empira/PDFsharp#348),
    // which made DejaVu Sans Bold draw "Niš" as "Nis". A schedule is one small download, so the extra size is fine.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);

    /// <summary>The schedule as A4 pages, in the language of <paramref name="text"/> (the request's culture; English without one).</summary>
    public static byte[] Pdf(Edition edition, string attendeeName, string organisation, IReadOnlyList<MyMeeting> meetings, IStringLocalizer? text = null)
    {
        string T(string key, string english, params object[] args) => Text(text, key, english, args);
        BadgeFontResolver.EnsureRegistered();
        var family = BadgeFontResolver.Family;
        var title = new XFont(family, 16, XFontStyleEx.Bold, Unicode);
        var heading = new XFont(family, 11, XFontStyleEx.Bold, Unicode);
        var regular = new XFont(family, 9.5, XFontStyleEx.Regular, Unicode);
        var bold = new XFont(family, 9.5, XFontStyleEx.Bold, Unicode);
        var tableFont = new XFont(family, 14, XFontStyleEx.Bold, Unicode);
        var small = new XFont(family, 7.5, XFontStyleEx.Regular, Unicode);
        var culture = text is null ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.CurrentCulture;
        double[] columns = [0, 95, 200]; // time, table, with
        const double rowHeight = 34;

        using var flow = new PdfPageFlow(Margin, small, footerOffset: 14,
            page => $"{edition.Title} · {T("Mm_Pdf_MeetingsOf", "B2B meetings of {0}", attendeeName)} · {T("Mm_Pdf_Page", "page {0}", page)}");
        flow.Document.Info.Title = $"{edition.Title} – {T("Mm_Pdf_MeetingsOf", "B2B meetings of {0}", attendeeName)}";
        void ColumnHeads()
        {
            flow.Gfx.DrawString(T("Mm_Time", "Time"), bold, XBrushes.DimGray, Margin + columns[0], flow.Y + 10);
            flow.Gfx.DrawString(T("Mm_Table", "Table"), bold, XBrushes.DimGray, Margin + columns[1], flow.Y + 10);
            flow.Gfx.DrawString(T("Mm_MeetingWith", "Meeting with"), bold, XBrushes.DimGray, Margin + columns[2], flow.Y + 10);
            flow.Y += 16;
            flow.Gfx.DrawLine(new XPen(XColors.Gray, 0.5), Margin, flow.Y, Margin + flow.Width, flow.Y);
        }

        flow.NewPage();
        var gfx = flow.Gfx;
        var width = flow.Width;
        gfx.DrawString($"{edition.Title}", title, XBrushes.Black, Margin, flow.Y + 16);
        flow.Y += 24;
        gfx.DrawString(T("Mm_Pdf_Heading", "B2B matchmaking – personal meeting schedule"), heading, XBrushes.Black, Margin, flow.Y + 12);
        flow.Y += 18;
        gfx.DrawString($"{attendeeName}, {organisation}", regular, XBrushes.Black, Margin, flow.Y + 10);
        flow.Y += 14;
        gfx.DrawString($"{edition.HostCity} · {T("Mm_Pdf_TimesIn", "times in {0}", edition.TimeZoneId)}", regular, XBrushes.DimGray, Margin, flow.Y + 10);
        flow.Y += 24;

        if (meetings.Count == 0)
        {
            gfx.DrawString(T("Mm_Pdf_None", "No meetings have been published for you yet."), regular, XBrushes.Black, Margin, flow.Y + 10);
        }
        foreach (var day in meetings.GroupBy(m => DateOnly.FromDateTime(EditionRules.ToLocal(m.SlotStartUtc, edition.TimeZoneId))).OrderBy(g => g.Key))
        {
            if (flow.Y > flow.Bottom - 3 * rowHeight) flow.NewPage();
            gfx = flow.Gfx;
            gfx.DrawString(day.Key.ToString("dddd d MMMM yyyy", culture), heading, XBrushes.Black, Margin, flow.Y + 12);
            flow.Y += 20;
            ColumnHeads();
            var shade = false;
            foreach (var m in day.OrderBy(m => m.SlotStartUtc))
            {
                if (!flow.Fits(rowHeight))
                {
                    flow.NewPage();
                    ColumnHeads();
                }
                gfx = flow.Gfx;
                var y = flow.Y;
                if (shade) gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(245, 245, 245)), Margin, y, width, rowHeight);
                shade = !shade;
                var start = EditionRules.ToLocal(m.SlotStartUtc, edition.TimeZoneId).ToString("HH:mm", culture);
                var end = EditionRules.ToLocal(m.SlotEndUtc, edition.TimeZoneId).ToString("HH:mm", culture);
                gfx.DrawString($"{start}–{end}", bold, XBrushes.Black, Margin + columns[0], y + 14);
                gfx.DrawString(m.TableNumber.ToString(culture), tableFont, XBrushes.Black, Margin + columns[1], y + 17);
                if (!string.IsNullOrWhiteSpace(m.TableName)) gfx.DrawString(Fit(gfx, m.TableName, small, columns[2] - columns[1] - 6), small, XBrushes.DimGray, Margin + columns[1], y + 28);
                var textWidth = width - columns[2];
                var nameWidth = textWidth;
                if (m.IsC2C)
                {
                    // Cluster-to-cluster meetings carry a small label after the name, as on the web page.
                    const string label = "C2C";
                    var labelWidth = gfx.MeasureString(label, small).Width + 8;
                    nameWidth -= labelWidth + 6;
                    var name = Fit(gfx, m.OtherName, bold, nameWidth);
                    var x = Margin + columns[2] + gfx.MeasureString(name, bold).Width + 6;
                    gfx.DrawRoundedRectangle(new XSolidBrush(XColor.FromArgb(0, 105, 92)), x, y + 5, labelWidth, 12, 4, 4);
                    gfx.DrawString(label, small, XBrushes.White, new XRect(x, y + 5, labelWidth, 12), XStringFormats.Center);
                }
                gfx.DrawString(Fit(gfx, m.OtherName, bold, nameWidth), bold, XBrushes.Black, Margin + columns[2], y + 14);
                var org = m.OtherCountryCode is null ? m.OtherOrganisation : $"{m.OtherOrganisation} · {m.OtherCountryCode}";
                gfx.DrawString(Fit(gfx, org, regular, textWidth), regular, XBrushes.DimGray, Margin + columns[2], y + 27);
                flow.Y = y + rowHeight;
            }
            flow.Y += 12;
        }
        return flow.Save();
    }

    /// <summary>Cuts the text with an ellipsis so it fits the column.</summary>
    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width) return text;
        var cut = text;
        while (cut.Length > 1 && gfx.MeasureString(cut + "…", font).Width > width) cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }
}
