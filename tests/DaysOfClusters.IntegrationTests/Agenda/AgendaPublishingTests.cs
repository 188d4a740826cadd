using System.Net;
using System.Text.Json;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Agenda;

public sealed class AgendaPublishingTests : IClassFixture<AgendaAppFactory>
{
    private readonly AgendaAppFactory _app;

    public AgendaPublishingTests(AgendaAppFactory app) => _app = app;

    [Fact]
    public async Task EditorStateAsync_WhenTimetableHasEachProblem_DetectsEachConflictKind()
    {
        var edition = await _app.CreateEditionAsync();
        var small = await _app.AddRoomAsync(edition.Id, "Small", 20);
        var a = await _app.AddSessionAsync(edition.Id, "A", small.Id, AgendaAppFactory.Local(22, 10), 60);
        await _app.AddSessionAsync(edition.Id, "B", small.Id, AgendaAppFactory.Local(22, 10, 30), 60);
        await _app.AddSessionAsync(edition.Id, "Too big", null, AgendaAppFactory.Local(22, 14), 60, capacity: 50);
        await using (var db = await _app.DbAsync())
        {
            var big = await db.Sessions.FirstAsync(s => s.Title == "Too big");
            big.RoomId = small.Id;
            db.Speakers.Add(new Speaker { EditionId = edition.Id, Name = "Busy Person" });
            await db.SaveChangesAsync();
        }
        await _app.AddSessionAsync(edition.Id, "Day after", null, AgendaAppFactory.Local(24, 9), 60);
        var c = await _app.AddSessionAsync(edition.Id, "C", null, AgendaAppFactory.Local(22, 10, 15), 30);
        await using (var db = await _app.DbAsync())
        {
            var speaker = await db.Speakers.FirstAsync(s => s.EditionId == edition.Id);
            db.SessionSpeakers.AddRange(new SessionSpeaker { SessionId = a.Id, SpeakerId = speaker.Id, Role = SpeakerRole.Speaker },
                new SessionSpeaker { SessionId = c.Id, SpeakerId = speaker.Id, Role = SpeakerRole.Moderator });
            await db.SaveChangesAsync();
        }

        var state = await _app.Get<AgendaService>().EditorStateAsync(edition.Id);

        Assert.NotNull(state);
        Assert.Single(state.Conflicts, x => x.Kind == ConflictKind.RoomDoubleBooked);
        Assert.Single(state.Conflicts, x => x.Kind == ConflictKind.PersonDoubleBooked && x.Message.Contains("Busy Person"));
        Assert.Single(state.Conflicts, x => x.Kind == ConflictKind.OutsideEditionDays && x.Message.Contains("Day after"));
        Assert.Single(state.Conflicts, x => x.Kind == ConflictKind.RoomTooSmall && x.Message.Contains("Too big"));
        Assert.False(state.CanPublish);
    }

    [Fact]
    public async Task PublishAsync_WhenConflictUnresolved_IsBlockedUntilAccepted()
    {
        var edition = await _app.CreateEditionAsync();
        var room = await _app.AddRoomAsync(edition.Id, "Hall", 100);
        await _app.AddSessionAsync(edition.Id, "One", room.Id, AgendaAppFactory.Local(22, 10), 60);
        await _app.AddSessionAsync(edition.Id, "Two", room.Id, AgendaAppFactory.Local(22, 10, 59), 60);
        var agenda = _app.Get<AgendaService>();

        var blocked = await agenda.PublishAsync(edition.Id, "tester");
        Assert.False(blocked.Succeeded);
        Assert.Null(await agenda.PublicAgendaAsync(edition.Slug));

        var conflict = Assert.Single((await agenda.EditorStateAsync(edition.Id))!.Conflicts);
        await agenda.AcceptConflictAsync(edition.Id, conflict.Key, "tester");
        var published = await agenda.PublishAsync(edition.Id, "tester");

        Assert.True(published.Succeeded);
        Assert.Equal(1, published.Publication!.Version);
        Assert.Equal(2, published.Changes.Count(ch => ch.Kind == AgendaChangeKind.New));
    }

    [Fact]
    public async Task PublishAsync_WhenSessionsMovedCancelledAndAdded_ChangelogListsThemAndNotifiesOnlyTheBookmarker()
    {
        var edition = await _app.CreateEditionAsync();
        var hall = await _app.AddRoomAsync(edition.Id, "Hall", 100);
        var blue = await _app.AddRoomAsync(edition.Id, "Blue", 100);
        var moved = await _app.AddSessionAsync(edition.Id, "Moved panel", hall.Id, AgendaAppFactory.Local(22, 10), 60);
        var cancelled = await _app.AddSessionAsync(edition.Id, "Cancelled workshop", blue.Id, AgendaAppFactory.Local(22, 10), 60);
        var unchanged = await _app.AddSessionAsync(edition.Id, "Steady plenary", hall.Id, AgendaAppFactory.Local(22, 9), 60);
        var agenda = _app.Get<AgendaService>();
        Assert.True((await agenda.PublishAsync(edition.Id, "tester")).Succeeded);

        var people = await _app.CreateRegistrationsAsync(edition.Id, 2);
        var bookmarks = _app.Get<BookmarkService>();
        Assert.True(await bookmarks.ToggleAsync(people[0].Id, moved.Id));
        Assert.True(await bookmarks.ToggleAsync(people[1].Id, unchanged.Id));

        Assert.True(await agenda.MoveSessionAsync(moved.Id, new DateTime(2027, 9, 22, 15, 0, 0), blue.Id));
        await agenda.DeleteSessionAsync(cancelled.Id);
        await _app.AddSessionAsync(edition.Id, "Fresh round table", hall.Id, AgendaAppFactory.Local(22, 16), 60);
        var mailBefore = Directory.Exists(_app.MailFolder) ? Directory.GetFiles(_app.MailFolder).Length : 0;

        var result = await agenda.PublishAsync(edition.Id, "tester");

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Publication!.Version);
        Assert.Equal(["Moved panel"], result.Changes.Where(c => c.Kind == AgendaChangeKind.Moved).Select(c => c.Title));
        Assert.Equal(["Cancelled workshop"], result.Changes.Where(c => c.Kind == AgendaChangeKind.Cancelled).Select(c => c.Title));
        Assert.Equal(["Fresh round table"], result.Changes.Where(c => c.Kind == AgendaChangeKind.New).Select(c => c.Title));
        Assert.DoesNotContain(result.Changes, c => c.Title == "Steady plenary");
        Assert.Equal(1, result.Notified);

        await using var db = await _app.DbAsync();
        var notice = Assert.Single(await db.AgendaNotifications.Where(n => n.PublicationId == result.Publication.Id).ToListAsync());
        Assert.Equal(people[0].Id, notice.RegistrationId);
        Assert.Equal(moved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.SessionIds);
        var mails = Directory.GetFiles(_app.MailFolder);
        Assert.Equal(mailBefore + 1, mails.Length);
        var email = await db.Registrations.Where(r => r.Id == people[0].Id).Select(r => r.Email).FirstAsync();
        Assert.Contains(mails, f => File.ReadAllText(f).Contains(email) && File.ReadAllText(f).Contains("Moved panel"));
    }

    [Fact]
    public async Task PublishAsync_WhenBookmarkerRegisteredInSerbian_MailsInSerbianWithAbsolutePersonalAgendaLink()
    {
        var edition = await _app.CreateEditionAsync();
        var hall = await _app.AddRoomAsync(edition.Id, "Sala", 100);
        var session = await _app.AddSessionAsync(edition.Id, "Panel o klasterima", hall.Id, AgendaAppFactory.Local(22, 10), 60);
        var agenda = _app.Get<AgendaService>();
        Assert.True((await agenda.PublishAsync(edition.Id, "tester")).Succeeded);
        var email = $"milica-{Guid.NewGuid():N}@example.test";
        var registered = await _app.Get<Web.Features.Registration.RegistrationWriter>().RegisterAsync(edition.Id, new Web.Features.Registration.RegistrationInput
        {
            FirstName = "Milica", LastName = "Jovanović", Email = email, Organisation = "Klaster Niš", JobTitle = "Menadžerka",
            OrganisationType = Web.Features.Registration.OrganisationType.ClusterOrganisation, CountryCode = "RS",
            DaysAttending = [edition.StartDate], PrivacyConsent = true, Language = "sr-Latn",
        }, Web.Features.Registration.RegistrationCaller.System);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors.SelectMany(e => e.Value)));
        Assert.True(await _app.Get<BookmarkService>().ToggleAsync(registered.RegistrationId!.Value, session.Id));
        Assert.True(await agenda.MoveSessionAsync(session.Id, new DateTime(2027, 9, 22, 12, 0, 0), hall.Id));

        var result = await agenda.PublishAsync(edition.Id, "tester");

        Assert.Equal(1, result.Notified);
        var notice = Directory.GetFiles(_app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == email) && m.Subject?.StartsWith("Izmena programa", StringComparison.Ordinal) == true);
        var baseUrl = _app.Get<Web.Infrastructure.PublicUrls>().BaseUrl;
        Assert.StartsWith("http", baseUrl, StringComparison.Ordinal);
        Assert.Contains("Panel o klasterima: pomereno (", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{baseUrl}/e/{edition.Slug}/agenda", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{baseUrl}/manage/{registered.ManageToken}/agenda", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicEndpoints_WhenDraftSessionAddedAfterPublishing_ShowOnlyPublishedSessions()
    {
        var edition = await _app.CreateEditionAsync();
        await _app.AddSessionAsync(edition.Id, "Published keynote", null, AgendaAppFactory.Local(22, 10), 60, SessionKind.Plenary);
        Assert.True((await _app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        await _app.AddSessionAsync(edition.Id, "Secret draft", null, AgendaAppFactory.Local(22, 12), 60);
        using var client = _app.CreateClient();

        var json = await client.GetStringAsync($"/api/editions/{edition.Slug}/agenda");
        var html = await client.GetStringAsync($"/e/{edition.Slug}/agenda");

        using var doc = JsonDocument.Parse(json);
        var titles = doc.RootElement.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Published keynote"], titles);
        Assert.Contains("Published keynote", html);
        Assert.DoesNotContain("Secret draft", html);
    }

    [Fact]
    public async Task AgendaIcs_WhenSessionAt10Belgrade_ParsesBackAs10LocalInEuropeBelgrade()
    {
        var edition = await _app.CreateEditionAsync();
        var session = await _app.AddSessionAsync(edition.Id, "Morning plenary", null, AgendaAppFactory.Local(22, 10), 90, SessionKind.Plenary);
        Assert.True((await _app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        using var client = _app.CreateClient();

        var response = await client.GetAsync($"/api/editions/{edition.Slug}/agenda.ics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        var calendar = Calendar.Load(text)!;
        var evt = Assert.Single(calendar.Events);
        Assert.Equal("Morning plenary", evt.Summary);
        Assert.Equal("Europe/Belgrade", evt.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 9, 22, 10, 0, 0), evt.DtStart.Value);
        Assert.Equal(new DateTime(2027, 9, 22, 8, 0, 0, DateTimeKind.Utc), evt.DtStart.AsUtc);
        Assert.Equal(session.StartUtc.AddMinutes(90), evt.DtEnd!.AsUtc);
    }

    [Fact]
    public async Task PersonalIcs_WhenAttendeeBookmarkedAndBookedSeat_ContainsExactlyThoseSessions()
    {
        var edition = await _app.CreateEditionAsync();
        var bookmarked = await _app.AddSessionAsync(edition.Id, "Bookmarked panel", null, AgendaAppFactory.Local(22, 10), 60);
        var table = await _app.AddSessionAsync(edition.Id, "My round table", null, AgendaAppFactory.Local(22, 14), 60, SessionKind.RoundTable, seats: 5);
        await _app.AddSessionAsync(edition.Id, "Other session", null, AgendaAppFactory.Local(22, 16), 60);
        Assert.True((await _app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        var person = (await _app.CreateRegistrationsAsync(edition.Id, 1))[0];
        await _app.Get<BookmarkService>().ToggleAsync(person.Id, bookmarked.Id);
        await _app.Get<RoundTableService>().BookAsync(person.Id, table.Id);
        using var client = _app.CreateClient();

        var registration = (await _app.Get<RoundTableService>().RegistrationByTokenAsync(person.Token))!;
        var text = await client.GetStringAsync($"/api/agenda/{_app.Get<CalendarFeedTokens>().For(registration)}.ics");
        var notFound = await client.GetAsync("/api/agenda/wrong-token.ics");

        var calendar = Calendar.Load(text)!;
        Assert.Equal(["Bookmarked panel", "My round table"], calendar.Events.Select(e => e.Summary).Order());
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task AgendaPdf_WhenPublished_ReturnsPdfWithSessionTitles()
    {
        var edition = await _app.CreateEditionAsync();
        await _app.AddSessionAsync(edition.Id, "Opening plenary of Niš", null, AgendaAppFactory.Local(22, 10), 60, SessionKind.Plenary);
        Assert.True((await _app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        using var client = _app.CreateClient();

        var bytes = await client.GetByteArrayAsync($"/api/editions/{edition.Slug}/agenda.pdf");

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Opening plenary of Niš", text);
        Assert.Contains("10:00–11:00", text);
    }

    [Fact]
    public async Task CloneAsync_WhenEditionHasProgramme_CopiesRoomsTracksAndSessionsShiftedWithoutSpeakers()
    {
        var source = await _app.CreateEditionAsync();
        var room = await _app.AddRoomAsync(source.Id, "Hall", 100);
        var keynote = await _app.AddSessionAsync(source.Id, "Keynote", room.Id, AgendaAppFactory.Local(22, 10), 60, SessionKind.Plenary);
        var agenda = _app.Get<AgendaService>();
        var track = await agenda.SaveTrackAsync(new Track { EditionId = source.Id, Name = "Cluster policy", Color = "#2E7D32" });
        var input0 = AgendaService.ToInput(keynote, source.TimeZoneId);
        input0.TrackId = track.Id;
        Assert.NotNull((await agenda.SaveSessionAsync(source.Id, input0)).Id);
        var editions = _app.Get<EditionService>();
        var input = EditionService.ToInput(source);
        input.Ordinal = 10;
        input.Slug = "clone-" + Guid.NewGuid().ToString("N")[..8];
        input.StartDate = new DateTime(2028, 9, 20);
        input.EndDate = new DateTime(2028, 9, 21);
        input.RegistrationOpens = null;
        input.RegistrationCloses = null;

        var saved = await editions.CloneAsync(source.Id, input);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        await using var db = await _app.DbAsync();
        var copy = await db.Sessions.Include(s => s.Room).Include(s => s.Track).SingleAsync(s => s.EditionId == saved.EditionId);
        Assert.Equal("Keynote", copy.Title);
        Assert.Equal("Hall", copy.Room!.Name);
        Assert.Equal(saved.EditionId, copy.Room.EditionId);
        Assert.Equal(("Cluster policy", "#2E7D32", saved.EditionId!.Value), (copy.Track!.Name, copy.Track.Color, copy.Track.EditionId));
        Assert.Equal(1, await db.Tracks.CountAsync(t => t.EditionId == saved.EditionId));
        Assert.Equal(new DateTime(2028, 9, 20, 10, 0, 0), EditionRules.ToLocal(copy.StartUtc, "Europe/Belgrade"));
        Assert.Equal(SessionStatus.Draft, copy.Status);
    }
}
