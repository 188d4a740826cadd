using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>A clearly synthetic programme for the demo edition (rooms, tracks, speakers, sessions), published as version 1.
/// Runs after <see cref="Data.Seeding.DemoSeeder"/>; does nothing if the edition already has rooms.</summary>
public sealed class AgendaDemoSeeder(IDbContextFactory<AppDbContext> dbFactory, AgendaService agenda, TimeProvider clock) : IDemoSeeder
{
    public const string DemoSlug = "demo-8th-days-of-clusters";
    public const string DemoTrainingSlug = "demo-4th-training";

    public int Order => 1;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedIfEmptyAsync(ct);
        await SeedTrainingIfEmptyAsync(ct);
    }

    /// <summary>The demo training's course: four sessions in one room, the attendance a certificate counts, published.</summary>
    public async Task<bool> SeedTrainingIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Slug == DemoTrainingSlug, ct);
        if (edition is null || await db.Sessions.AnyAsync(x => x.EditionId == edition.Id, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var room = new Room { EditionId = edition.Id, Name = "DEMO Training room", Capacity = 30, SortOrder = 1 };
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        var day = edition.StartDate;
        Session S(string title, SessionKind kind, int h, int m, int minutes, string? description = null) => new()
        {
            EditionId = edition.Id, Title = title, Kind = kind, RoomId = room.Id, StartUtc = EditionRules.ToUtc(day.ToDateTime(new TimeOnly(h, m)), edition.TimeZoneId),
            EndUtc = EditionRules.ToUtc(day.ToDateTime(new TimeOnly(h, m)), edition.TimeZoneId).AddMinutes(minutes), Description = description, Capacity = 30,
            UpdatedUtc = now, Language = kind == SessionKind.Break ? null : "Serbian and English",
        };
        db.Sessions.AddRange(
            S("Module 1: what a cluster is, and what it is not", SessionKind.Workshop, 9, 0, 90, "Members, services and governance of a cluster organisation (demo content)."),
            S("Coffee break", SessionKind.Break, 10, 30, 30),
            S("Module 2: financing a cluster and its projects", SessionKind.Workshop, 11, 0, 90, "Membership fees, services, calls for proposals (demo content)."),
            S("Lunch", SessionKind.Break, 12, 30, 60),
            S("Module 3: going international with the network", SessionKind.Workshop, 13, 30, 90, "C2C cooperation across the Balkan and Black Sea region (demo content)."),
            S("Module 4: a cluster's first year plan", SessionKind.Workshop, 15, 15, 75, "Each trainee drafts a plan and presents it (demo content)."));
        await db.SaveChangesAsync(ct);
        return (await agenda.PublishAsync(edition.Id, "demo seed", ct)).Succeeded;
    }

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Slug == DemoSlug, ct);
        if (edition is null || await db.Rooms.AnyAsync(r => r.EditionId == edition.Id, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;

        Room R(string name, int capacity, int order) => new() { EditionId = edition.Id, Name = name, Capacity = capacity, SortOrder = order };
        // Three rooms, as in the issue: the plenary hall, a workshop room and the B2B hall that also hosts round tables.
        var hall = R("DEMO Great Hall", 400, 1);
        var blue = R("DEMO Blue Room", 80, 2);
        var b2b = R("DEMO B2B Hall", 200, 3);
        db.Rooms.AddRange(hall, blue, b2b);
        var policy = new Track { EditionId = edition.Id, Name = "Cluster policy", Color = "#1B3A6B" };
        var green2 = new Track { EditionId = edition.Id, Name = "Green & digital", Color = "#2E7D32" };
        var business = new Track { EditionId = edition.Id, Name = "Business & matchmaking", Color = "#C2185B" };
        db.Tracks.AddRange(policy, green2, business);

        Speaker P(string name, string org, string country, string bio) =>
            new() { EditionId = edition.Id, Name = name, Organisation = org, CountryCode = country, Bio = bio };
        var s1 = P("Demo Speaker Ana Example", "Example Cluster Association (fictional)", "RS", "Synthetic speaker: leads a fictional ICT cluster.");
        var s2 = P("Demo Speaker Ivan Sample", "Sample Agro-Food Cluster (fictional)", "BG", "Synthetic speaker: manages a fictional agro-food cluster.");
        var s3 = P("Demo Officer Maria Placeholder", "European Commission (demo)", "BE", "Synthetic EC policy officer for cluster programmes.");
        var s4 = P("Demo Moderator Nikola Test", "Demo Regional Development Agency", "RS", "Synthetic moderator.");
        var s5 = P("Demo Speaker Elena Mock", "Mock Black Sea Energy Cluster (fictional)", "RO", "Synthetic speaker on green energy clusters.");
        db.Speakers.AddRange(s1, s2, s3, s4, s5);
        await db.SaveChangesAsync(ct);

        var d1 = edition.StartDate;
        var d2 = edition.StartDate.AddDays(1);
        DateTime At(DateOnly day, int h, int m) => EditionRules.ToUtc(day.ToDateTime(new TimeOnly(h, m)), edition.TimeZoneId);
        Session S(string title, SessionKind kind, Room? room, Track? track, DateOnly day, int h, int m, int minutes, string? description = null, int? capacity = null) => new()
        {
            EditionId = edition.Id, Title = title, Kind = kind, RoomId = room?.Id, TrackId = track?.Id, StartUtc = At(day, h, m),
            EndUtc = At(day, h, m).AddMinutes(minutes), Description = description, Capacity = capacity, UpdatedUtc = now,
            // A working language matters for talks, not for coffee, lunch or dinner.
            Language = kind is SessionKind.Break or SessionKind.NetworkingSocial ? null : "English",
        };
        var opening = S("Opening plenary: clusters for a green and digital Balkans", SessionKind.Plenary, hall, policy, d1, 9, 30, 90,
            "Welcome addresses and keynote on cluster policy in the Balkan and Black Sea region (demo content).", 350);
        opening.Speakers.AddRange([new SessionSpeaker { SpeakerId = s1.Id, Role = SpeakerRole.Speaker }, new SessionSpeaker { SpeakerId = s3.Id, Role = SpeakerRole.Speaker }, new SessionSpeaker { SpeakerId = s4.Id, Role = SpeakerRole.Moderator }]);
        var panel1 = S("Panel: cluster excellence and internationalisation", SessionKind.Panel, hall, policy, d1, 11, 30, 75, "How clusters grow beyond borders (demo content).", 250);
        panel1.Speakers.AddRange([new SessionSpeaker { SpeakerId = s2.Id, Role = SpeakerRole.Speaker }, new SessionSpeaker { SpeakerId = s5.Id, Role = SpeakerRole.Speaker }, new SessionSpeaker { SpeakerId = s4.Id, Role = SpeakerRole.Moderator }]);
        var workshop = S("Workshop: digital tools for cluster managers", SessionKind.Workshop, blue, green2, d1, 11, 30, 75, "Hands-on session (demo content).", 40);
        workshop.Speakers.Add(new SessionSpeaker { SpeakerId = s1.Id, Role = SpeakerRole.Host });
        var roundTable = S("Round table: Balkan and Black Sea clusters with EC officers", SessionKind.RoundTable, blue, policy, d1, 14, 0, 90,
            "Cluster managers meet European Commission officers around one table (demo content).", 30);
        roundTable.SeatCapacity = 30;
        roundTable.Topic = "Cluster cooperation across the Balkan and Black Sea regions";
        roundTable.Host = "Demo Officer Maria Placeholder";
        roundTable.Organisations = "Example Cluster Association (fictional)\nSample Agro-Food Cluster (fictional)\nMock Black Sea Energy Cluster (fictional)";
        roundTable.Speakers.Add(new SessionSpeaker { SpeakerId = s3.Id, Role = SpeakerRole.Host });
        var workshop2 = S("Workshop: writing a joint cluster project proposal", SessionKind.Workshop, blue, business, d2, 9, 30, 75,
            "Hands-on: partners, work packages and budget of a cross-border cluster project (demo content).", 40);
        workshop2.Speakers.Add(new SessionSpeaker { SpeakerId = s2.Id, Role = SpeakerRole.Host });
        var roundTable2 = S("Round table: green energy clusters", SessionKind.RoundTable, blue, green2, d2, 11, 0, 75,
            "Energy clusters compare notes on the green transition (demo content).", 25);
        roundTable2.SeatCapacity = 25;
        roundTable2.Topic = "Green energy value chains";
        roundTable2.Host = "Demo Speaker Elena Mock";
        roundTable2.Organisations = "Mock Black Sea Energy Cluster (fictional)\nExample Cluster Association (fictional)";
        roundTable2.Speakers.Add(new SessionSpeaker { SpeakerId = s5.Id, Role = SpeakerRole.Host });
        db.Sessions.AddRange(
            S("Registration and welcome coffee", SessionKind.Break, hall, null, d1, 8, 30, 60),
            opening,
            S("Coffee break", SessionKind.Break, hall, null, d1, 11, 0, 30),
            panel1, workshop,
            S("Lunch", SessionKind.Break, hall, null, d1, 12, 45, 75),
            roundTable,
            S("B2B matchmaking, block 1", SessionKind.MatchmakingBlock, b2b, business, d1, 14, 0, 120, "Pre-scheduled one-to-one meetings (demo content).", 180),
            S("Networking dinner", SessionKind.NetworkingSocial, hall, null, d1, 19, 30, 150, "Dinner for all participants (demo content).", 300),
            S("Panel: green transition in clusters", SessionKind.Panel, hall, green2, d2, 9, 30, 75, "Demo content.", 250),
            workshop2,
            S("Coffee break", SessionKind.Break, hall, null, d2, 10, 45, 15),
            roundTable2,
            S("B2B matchmaking, block 2", SessionKind.MatchmakingBlock, b2b, business, d2, 11, 0, 120, "Pre-scheduled one-to-one meetings (demo content).", 180),
            S("Lunch", SessionKind.Break, hall, null, d2, 13, 0, 60),
            S("Closing plenary and conclusions", SessionKind.Plenary, hall, policy, d2, 14, 0, 60, "Demo content.", 300));
        if (edition.EndDate > d2)
            db.Sessions.Add(S("Site visit: a demo industrial park", SessionKind.SiteVisit, null, business, edition.EndDate, 9, 0, 180, "Bus from the venue (demo content).", 50));
        await db.SaveChangesAsync(ct);
        var result = await agenda.PublishAsync(edition.Id, "demo seed", ct);
        return result.Succeeded;
    }
}
