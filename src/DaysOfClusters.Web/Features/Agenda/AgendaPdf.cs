using System.Globalization;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Infrastructure.Pdf;
using PdfSharp.Drawing;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>A printable A4 agenda of the published sessions, by day, in the edition's local time.</summary>
public static class AgendaPdf
{
    private const double Margin = 40;
    private const double TimeColumn = 86;

    public static byte[] Build(Edition edition, int version, IReadOnlyList<PublishedSession> sessions)
    {
        Badges.BadgeFontResolver.EnsureRegistered();
        var family = Badges.BadgeFontResolver.Family;
        var title = new XFont(family, 16, XFontStyleEx.Bold);
        var dayFont = new XFont(family, 12, XFontStyleEx.Bold);
        var bold = new XFont(family, 9.5, XFontStyleEx.Bold);
        var regular = new XFont(family, 8.5, XFontStyleEx.Regular);
        var small = new XFont(family, 7.5, XFontStyleEx.Regular);
        var culture = CultureInfo.GetCultureInfo("en-GB");

        using var flow = new PdfPageFlow(Margin, small, footerOffset: 10, page => $"{edition.Title} · agenda v{version} · page {page}");
        flow.Document.Info.Title = $"{edition.Title} – agenda";
        flow.NewPage();
        var gfx = flow.Gfx;
        var width = flow.Width;
        foreach (var line in Wrap(gfx, edition.Title, title, width)) { gfx.DrawString(line, title, XBrushes.Black, Margin, flow.Y + 16); flow.Y += 20; }
        gfx.DrawString($"{edition.HostCity} · {edition.StartDate.ToString("d MMM yyyy", culture)} – {edition.EndDate.ToString("d MMM yyyy", culture)} · times in {edition.TimeZoneId}",
            regular, XBrushes.DimGray, Margin, flow.Y + 10);
        flow.Y += 24;

        foreach (var day in sessions.GroupBy(s => DateOnly.FromDateTime(EditionRules.ToLocal(s.StartUtc, edition.TimeZoneId))).OrderBy(g => g.Key))
        {
            if (flow.Y > flow.Bottom - 80) flow.NewPage();
            gfx = flow.Gfx;
            flow.Y += 6;
            gfx.DrawString(day.Key.ToString("dddd d MMMM yyyy", culture), dayFont, XBrushes.Black, Margin, flow.Y + 12);
            flow.Y += 18;
            gfx.DrawLine(new XPen(XColors.Gray, 0.5), Margin, flow.Y, Margin + width, flow.Y);
            flow.Y += 4;
            foreach (var s in day.OrderBy(s => s.StartUtc).ThenBy(s => s.RoomName))
            {
                var textWidth = width - TimeColumn;
                var titleLines = Wrap(gfx, (s.Cancelled ? "CANCELLED – " : "") + s.Title, bold, textWidth);
                var meta = string.Join(" · ", new[] { AgendaRules.KindLabel(s.Kind), s.RoomName, s.TrackName, s.Language }.Where(x => !string.IsNullOrEmpty(x)));
                var people = s.Speakers.Count == 0 ? null : string.Join(", ", s.Speakers.Select(p => $"{p.Name}{(p.Organisation is null ? "" : $" ({p.Organisation})")}{(p.Role == SpeakerRole.Speaker ? "" : $" – {p.Role.ToString().ToLowerInvariant()}")}"));
                var peopleLines = people is null ? [] : Wrap(gfx, people, regular, textWidth);
                // A round table prints what it is about, how many seats it has and who sits at it: that is what people choose by.
                peopleLines.AddRange(RoundTableLine(s) is { } table ? Wrap(gfx, table, regular, textWidth) : []);
                var height = titleLines.Count * 12 + 11 + peopleLines.Count * 11 + 6;
                if (!flow.Fits(height)) flow.NewPage();
                gfx = flow.Gfx;
                var y = flow.Y;
                var start = EditionRules.ToLocal(s.StartUtc, edition.TimeZoneId);
                var end = EditionRules.ToLocal(s.EndUtc, edition.TimeZoneId);
                gfx.DrawString($"{start:HH:mm}–{end:HH:mm}", bold, XBrushes.Black, Margin, y + 10);
                if (s.TrackColor is not null && TryColor(s.TrackColor, out var colour))
                    gfx.DrawRectangle(new XSolidBrush(colour), Margin + TimeColumn - 9, y + 1, 3, height - 6);
                var ty = y;
                foreach (var line in titleLines) { gfx.DrawString(line, bold, s.Cancelled ? XBrushes.Gray : XBrushes.Black, Margin + TimeColumn, ty + 10); ty += 12; }
                gfx.DrawString(meta, small, XBrushes.DimGray, Margin + TimeColumn, ty + 8); ty += 11;
                foreach (var line in peopleLines) { gfx.DrawString(line, regular, XBrushes.Black, Margin + TimeColumn, ty + 8); ty += 11; }
                flow.Y = y + height;
            }
        }
        return flow.Save();
    }

    internal static string? RoundTableLine(PublishedSession s)
    {
        if (s.Kind != SessionKind.RoundTable) return null;
        var parts = new[]
        {
            s.Topic is null ? null : $"Topic: {s.Topic}",
            s.SeatCapacity is { } seats ? $"{seats} seats" : null,
            s.Organisations.Count == 0 ? null : "With " + string.Join(", ", s.Organisations),
        }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private static bool TryColor(string hex, out XColor colour)
    {
        colour = XColors.Gray;
        if (hex.Length != 7 || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)) return false;
        colour = XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        return true;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}
