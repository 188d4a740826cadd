using Microsoft.EntityFrameworkCore;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

public sealed class MatchmakingServiceTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private MatchmakingProfiles Profiles => fx.Profiles;
    private MeetingRequests Requests => fx.Requests;
    private MatchmakingSetup Setup => fx.Setup;
    private MeetingSchedule Schedule => fx.Schedule;
    private static readonly DateTime Start = MatchmakingFixture.BlockStart;

    [Fact]
    public async Task OptIn_WhenNoNetworkingConsent_IsRefused()
    {
        var edition = await fx.NewEditionAsync();
        var noConsent = await fx.NewRegistrationAsync(edition, "noconsent", consent: false);
        var pending = await fx.NewRegistrationAsync(edition, "pending", status: RegistrationStatus.Pending);
        var ok = await fx.NewRegistrationAsync(edition, "ok", type: OrganisationType.AcademiaResearch);
        var input = new ProfileInput([await fx.SectorIdAsync("ICT")], "x", "y", CooperationTypes.Research, null, "en");

        Assert.False((await Profiles.OptInAsync(noConsent, input)).Ok);
        Assert.False((await Profiles.OptInAsync(pending, input)).Ok);
        Assert.True((await Profiles.OptInAsync(ok, input)).Ok);
        Assert.Null(await Profiles.ProfileAsync(noConsent));
        var profile = await Profiles.ProfileAsync(ok);
        Assert.NotNull(profile);
        Assert.True(profile.OptedIn);
        Assert.Equal(Pillar.Academia, profile.Pillar);
    }

    [Fact]
    public async Task SearchAsync_WhenFiltered_ReturnsOnlyMatchingOptedInProfiles()
    {
        var edition = await fx.NewEditionAsync();
        var me = await fx.ParticipantAsync(edition, "me");
        var serb = await fx.ParticipantAsync(edition, "serbsupplier", "RS", CooperationTypes.Supply);
        var german = await fx.ParticipantAsync(edition, "germaninvestor", "DE", CooperationTypes.Investment);
        var japanese = await fx.ParticipantAsync(edition, "japaneseresearch", "JP", CooperationTypes.Research);
        await fx.NewRegistrationAsync(edition, "notoptedin", country: "DE");

        var all = await Profiles.SearchAsync(edition, new MarketplaceFilter(), me);
        Assert.Equal(new[] { german, japanese, serb }.Order(), all.Select(p => p.RegistrationId).Order());
        Assert.DoesNotContain(all, p => p.RegistrationId == me);

        Assert.Equal([german], (await Profiles.SearchAsync(edition, new MarketplaceFilter(CountryCode: "DE"), me)).Select(p => p.RegistrationId));
        Assert.Equal([japanese], (await Profiles.SearchAsync(edition, new MarketplaceFilter(Continent: Continent.Asia), me)).Select(p => p.RegistrationId));
        Assert.Equal([serb], (await Profiles.SearchAsync(edition, new MarketplaceFilter(CooperationType: CooperationTypes.Supply), me)).Select(p => p.RegistrationId));
        Assert.Equal([german], (await Profiles.SearchAsync(edition, new MarketplaceFilter(Text: "GERMANinv"), me)).Select(p => p.RegistrationId));
    }

    [Fact]
    public async Task MarketplaceCountriesAsync_WhenProfilesFromSeveralCountries_ListsTheListedOnesWithTheirCounts()
    {
        var edition = await fx.NewEditionAsync();
        var other = await fx.NewEditionAsync();
        var me = await fx.ParticipantAsync(edition, "me", "HU");
        await fx.ParticipantAsync(edition, "serb1", "RS");
        await fx.ParticipantAsync(edition, "serb2", "RS");
        var german = await fx.ParticipantAsync(edition, "german", "DE");
        await fx.ParticipantAsync(edition, "japanese", "JP");
        await fx.NewRegistrationAsync(edition, "notoptedin", country: "FR");
        var cancelled = await fx.ParticipantAsync(edition, "cancelled", "IT");
        await fx.WithDbAsync(db => db.Registrations.Where(r => r.Id == cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled)));
        await fx.ParticipantAsync(other, "elsewhere", "GR");

        var countries = await Profiles.MarketplaceCountriesAsync(edition, me);

        // Only countries the marketplace would show someone from, by name, and never the asking person's own profile.
        Assert.Equal([("Germany", 1), ("Japan", 1), ("Serbia", 2)], countries.Select(c => (c.Country.Name, c.Profiles)));
        Assert.Equal("Srbija", countries.Single(c => c.Code == "RS").Country.DisplayName(serbian: true));
        // Each listed country leads to profiles: the filter's value is the code the search takes.
        Assert.Equal([german], (await Profiles.SearchAsync(edition, new MarketplaceFilter(CountryCode: countries[0].Code), me)).Select(p => p.RegistrationId));
        Assert.Contains(await Profiles.MarketplaceCountriesAsync(edition), c => c.Code == "HU");
    }

    [Fact]
    public async Task SendRequestAsync_WhenSelfDuplicateOrOverCap_IsRefused()
    {
        var edition = await fx.NewEditionAsync();
        var a = await fx.ParticipantAsync(edition, "a");
        var b = await fx.ParticipantAsync(edition, "b");
        var c = await fx.ParticipantAsync(edition, "c");
        var outsider = await fx.NewRegistrationAsync(edition, "outsider");
        await Setup.SaveSettingsAsync(edition, maxMeetings: 1, expiryHours: 24);

        Assert.False((await Requests.SendRequestAsync(a, a, "me")).Ok);
        Assert.False((await Requests.SendRequestAsync(a, outsider, "hi")).Ok);
        var first = await Requests.SendRequestAsync(a, b, "hi");
        Assert.True(first.Ok, first.Error);
        Assert.False((await Requests.SendRequestAsync(a, b, "again")).Ok);
        Assert.False((await Requests.SendRequestAsync(b, a, "reverse")).Ok);
        Assert.False((await Requests.SendRequestAsync(a, c, "over the cap")).Ok);

        // Only the receiver answers; after a decline the pair may try again.
        Assert.False((await Requests.RespondAsync(a, first.Id!.Value, accept: true)).Ok);
        Assert.True((await Requests.RespondAsync(b, first.Id.Value, accept: false)).Ok);
        Assert.True((await Requests.SendRequestAsync(b, a, "second try")).Ok);
        var requests = await Requests.RequestsOfAsync(a);
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests, r => r.Status == MeetingRequestStatus.Declined);
        Assert.Contains(requests, r => r.Status == MeetingRequestStatus.Pending && r.FromRegistrationId == b);
    }

    [Fact]
    public async Task ScheduleAllAsync_WhenMeetingsAccepted_StoresValidScheduleBothSidesSee()
    {
        var edition = await fx.NewEditionAsync();
        Assert.True((await Setup.AddBlockAsync(edition, Start, Start.AddHours(1), 20)).Ok);   // 3 slots
        await Setup.AddTablesAsync(edition, 2);
        var slots = (await Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        Assert.Equal(3, slots.Count);

        // A triangle plus a hub with 4 partners who can only meet in 2 slots.
        var people = new List<int>();
        for (var i = 0; i < 7; i++) people.Add(await fx.ParticipantAsync(edition, $"p{i}"));
        foreach (var p in people.Skip(1)) Assert.True((await Setup.SetAvailabilityAsync(p, slots)).Ok);
        await Setup.SetAvailabilityAsync(people[0], slots.Take(2));
        var requests = new List<int>();
        foreach (var p in people.Skip(1).Take(4)) requests.Add(await fx.AcceptedMeetingAsync(people[0], p));
        requests.Add(await fx.AcceptedMeetingAsync(people[4], people[5]));
        requests.Add(await fx.AcceptedMeetingAsync(people[5], people[6]));
        requests.Add(await fx.AcceptedMeetingAsync(people[6], people[4]));

        var outcome = await Schedule.ScheduleAllAsync(edition, seconds: 2);

        Assert.Empty(outcome.Violations);
        Assert.Equal(7, outcome.Accepted);
        Assert.True(outcome.Scheduled <= outcome.UpperBound);
        Assert.Equal(2 + 3, outcome.Scheduled);   // the hub fits only 2; the triangle's 3 meetings take 3 slots
        var grid = await Schedule.GridAsync(edition);
        Assert.Equal(outcome.Scheduled, grid.Count);
        Assert.Equal(grid.Count, grid.Select(g => (g.SlotStartUtc, g.TableId)).Distinct().Count());

        // The stored schedule passes the validator as a problem rebuilt from the database.
        var problem = new SchedulingProblem(slots.Count, 2,
            await Task.WhenAll(people.Select(async p => new SchedulingParticipant(p.ToString(), (await Setup.AvailabilityAsync(p)).Select(s => slots.IndexOf(s)).ToList()))),
            (await Task.WhenAll(people.Select(p => Requests.RequestsOfAsync(p)))).SelectMany(r => r).DistinctBy(r => r.Id)
                .Select(r => new SchedulingMeeting(r.Id.ToString(), r.FromRegistrationId.ToString(), r.ToRegistrationId.ToString())).ToList());
        Assert.Equal(requests.Order(), problem.Meetings.Select(m => int.Parse(m.Id)).Order());
        var tables = (await Setup.TablesAsync(edition)).Select((t, i) => (t.Id, i + 1)).ToDictionary(x => x.Id, x => x.Item2);
        var stored = grid.ToDictionary(g => g.RequestId.ToString(), g => new MeetingPlacement(slots.IndexOf(g.SlotStartUtc), tables[g.TableId]));
        Assert.Empty(ScheduleValidator.Violations(problem, stored));

        // Unpublished: nobody sees it; published: both sides see the same slot and table.
        Assert.Empty(await Schedule.MyScheduleAsync(people[4]));
        Assert.Equal(5, await Schedule.PublishAsync(edition));
        var p4 = await Schedule.MyScheduleAsync(people[4]);
        var p5 = await Schedule.MyScheduleAsync(people[5]);
        var p4with5 = Assert.Single(p4, m => m.OtherName == "p5 Test");
        var p5with4 = Assert.Single(p5, m => m.OtherName == "p4 Test");
        Assert.Equal(p4with5.SlotStartUtc, p5with4.SlotStartUtc);
        Assert.Equal(p4with5.TableNumber, p5with4.TableNumber);
        Assert.Equal("p5 Ltd", p4with5.OtherOrganisation);
        Assert.Equal(p4with5.SlotStartUtc.AddMinutes(20), p4with5.SlotEndUtc);
    }

    [Fact]
    public async Task ScheduleAllAsync_WhenAssignmentLocked_KeepsItWhereItIs()
    {
        var edition = await fx.NewEditionAsync();
        await Setup.AddBlockAsync(edition, Start, Start.AddHours(1), 30);   // 2 slots
        await Setup.AddTablesAsync(edition, 3);
        var slots = (await Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        var tables = await Setup.TablesAsync(edition);
        var a = await fx.ParticipantAsync(edition, "a");
        var b = await fx.ParticipantAsync(edition, "b");
        var c = await fx.ParticipantAsync(edition, "c");
        foreach (var p in new[] { a, b, c }) await Setup.SetAvailabilityAsync(p, slots);
        var ab = await fx.AcceptedMeetingAsync(a, b);
        var ac = await fx.AcceptedMeetingAsync(a, c);

        var placed = await Schedule.PlaceAsync(ab, slots[1], tables[2].Id, locked: true);
        Assert.True(placed.Ok, placed.Error);
        var outcome = await Schedule.ScheduleAllAsync(edition, seconds: 1);

        Assert.Equal(2, outcome.Scheduled);
        var grid = await Schedule.GridAsync(edition);
        var locked = Assert.Single(grid, g => g.RequestId == ab);
        Assert.True(locked.Locked);
        Assert.Equal(slots[1], locked.SlotStartUtc);
        Assert.Equal(tables[2].Id, locked.TableId);
        Assert.Equal(slots[0], Assert.Single(grid, g => g.RequestId == ac).SlotStartUtc);
    }

    [Fact]
    public async Task MoveAsync_WhenConflicting_IsRefused()
    {
        var edition = await fx.NewEditionAsync();
        await Setup.AddBlockAsync(edition, Start, Start.AddMinutes(45), 15);   // 3 slots
        await Setup.AddTablesAsync(edition, 2);
        var slots = (await Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        var tables = await Setup.TablesAsync(edition);
        var a = await fx.ParticipantAsync(edition, "a");
        var b = await fx.ParticipantAsync(edition, "b");
        var c = await fx.ParticipantAsync(edition, "c");
        var d = await fx.ParticipantAsync(edition, "d");
        foreach (var p in new[] { a, b, d }) await Setup.SetAvailabilityAsync(p, slots);
        await Setup.SetAvailabilityAsync(c, slots.Take(2));
        var ab = await fx.AcceptedMeetingAsync(a, b);
        var ac = await fx.AcceptedMeetingAsync(a, c);
        var bd = await fx.AcceptedMeetingAsync(b, d);

        var abAt = (await Schedule.PlaceAsync(ab, slots[0], tables[0].Id)).Id!.Value;
        var acAt = (await Schedule.PlaceAsync(ac, slots[1], tables[0].Id)).Id!.Value;
        Assert.False((await Schedule.PlaceAsync(bd, slots[0], tables[1].Id)).Ok);   // b is busy in slot 0
        var bdAt = (await Schedule.PlaceAsync(bd, slots[2], tables[1].Id)).Id!.Value;

        Assert.False((await Schedule.MoveAsync(acAt, slots[0], tables[1].Id)).Ok);   // a is busy in slot 0
        Assert.False((await Schedule.MoveAsync(acAt, slots[2], tables[0].Id)).Ok);   // c is not available in slot 2
        Assert.False((await Schedule.MoveAsync(abAt, slots[2], tables[1].Id)).Ok);   // table 2 taken in slot 2 (and b busy)
        Assert.False((await Schedule.MoveAsync(abAt, Start.AddMinutes(7), tables[0].Id)).Ok);   // not a slot
        Assert.True((await Schedule.MoveAsync(bdAt, slots[1], tables[1].Id)).Ok);

        var grid = await Schedule.GridAsync(edition);
        Assert.Equal(slots[0], grid.Single(g => g.AssignmentId == abAt).SlotStartUtc);
        Assert.Equal(slots[1], grid.Single(g => g.AssignmentId == acAt).SlotStartUtc);
        Assert.Equal(slots[1], grid.Single(g => g.AssignmentId == bdAt).SlotStartUtc);
        Assert.True((await Schedule.UnscheduleAsync(bdAt)).Ok);
        Assert.Equal(2, (await Schedule.GridAsync(edition)).Count);
    }

    [Fact]
    public async Task ExpirePendingAsync_WhenPastExpiry_MarksExpired()
    {
        var edition = await fx.NewEditionAsync();
        var a = await fx.ParticipantAsync(edition, "a");
        var b = await fx.ParticipantAsync(edition, "b");
        var sent = await Requests.SendRequestAsync(a, b, "hi");
        await fx.App.WithDbAsync(async db =>
        {
            var r = await db.MeetingRequests.FindAsync(sent.Id!.Value);
            r!.ExpiresUtc = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });

        // The background job may have got there first; either way the request ends expired exactly once.
        await Requests.ExpirePendingAsync();
        Assert.Equal(MeetingRequestStatus.Expired, Assert.Single(await Requests.RequestsOfAsync(b)).Status);
        Assert.False((await Requests.RespondAsync(b, sent.Id!.Value, accept: true)).Ok);
    }
}
