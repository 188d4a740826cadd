using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DaysOfClusters.IntegrationTests.Network;

/// <summary>The contact base and invitations in the running app on a real SQLite file, with mail in the pickup folder.</summary>
public sealed partial class ContactTests : IDisposable
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);
    private readonly RegistrationAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private ContactService Contacts => _app.Services.GetRequiredService<ContactService>();
    private InvitationService Invitations => _app.Services.GetRequiredService<InvitationService>();

    private async Task<int> RegisterAsync(Edition edition, string email, bool news, string first = "Milica", string language = "en", string country = "RS")
    {
        var input = RegistrationAppFactory.ValidInput(email, edition);
        input.FirstName = first;
        input.NetworkNewsConsent = news;
        input.Language = language;
        input.CountryCode = country;
        var result = await _app.Writer.RegisterAsync(edition.Id, input, Attendee);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.RegistrationId!.Value;
    }

    private static InvitationRequest Attendees(Edition target, ContactFilter? filter = null) => new(target.Id, true, false, filter ?? new ContactFilter());

    private async Task<List<MimeMessage>> InvitationMailsAsync()
    {
        if (!Directory.Exists(_app.PickupFolder)) return [];
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(_app.PickupFolder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.Headers[InvitationService.MailKindHeader] == InvitationService.MailKind) messages.Add(message);
        }
        return messages;
    }

    private static string To(MimeMessage m) => ((MailboxAddress)m.To.Single()).Address;

    private static string Body(MimeMessage m) => m.TextBody ?? "";

    [GeneratedRegex(@"/unsubscribe/([A-Za-z0-9_-]{20,})")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task All_WhenSamePersonRegisteredInTwoEditions_IsOneContactWithHistoryFromTheOtherFeatures()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        var (recent, _) = await _app.CreateEditionAsync(capacity: null);
        var alicePast = await RegisterAsync(past, "alice@example.org", news: false, "Alice");
        var aliceRecent = await RegisterAsync(recent, "  ALICE@Example.org ", news: true, "Alice");
        var bob = await RegisterAsync(recent, "bob@example.org", news: false, "Bob");

        await using (var db = await _app.DbAsync())
        {
            var point = new CheckInPoint { EditionId = past.Id, Name = "Entrance", Kind = CheckInPointKind.Entrance, CreatedUtc = DateTime.UtcNow };
            db.CheckInPoints.Add(point);
            var roundTable = new Session
            {
                EditionId = recent.Id, Title = "Cluster internationalisation", Kind = SessionKind.RoundTable, Status = SessionStatus.Published,
                StartUtc = new DateTime(2027, 10, 14, 9, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2027, 10, 14, 10, 0, 0, DateTimeKind.Utc), SeatCapacity = 10,
            };
            db.Sessions.Add(roundTable);
            var table = new MatchmakingTable { EditionId = recent.Id, Number = 1 };
            var request = new MeetingRequest { EditionId = recent.Id, FromRegistrationId = bob, ToRegistrationId = aliceRecent, Status = MeetingRequestStatus.Accepted, CreatedUtc = DateTime.UtcNow };
            db.AddRange(table, request);
            await db.SaveChangesAsync();
            db.Presences.Add(new Presence { EditionId = past.Id, PointId = point.Id, RegistrationId = alicePast, EntryCount = 1, FirstEntryUtc = DateTime.UtcNow });
            db.SeatBookings.Add(new SeatBooking { RegistrationId = aliceRecent, SessionId = roundTable.Id, Status = SeatBookingStatus.Booked, CreatedUtc = DateTime.UtcNow });
            db.Add(new MeetingAssignment { RequestId = request.Id, EditionId = recent.Id, SlotStartUtc = new DateTime(2027, 10, 14, 11, 0, 0, DateTimeKind.Utc), TableId = table.Id });
            await db.SaveChangesAsync();
        }

        var all = await Contacts.AllAsync();

        Assert.Equal(2, all.Count);
        var alice = all.Single(c => c.Email == "  ALICE@Example.org ".Trim());
        Assert.Equal([recent.Id, past.Id], alice.Editions.Select(e => e.EditionId).Order().Reverse());
        var inPast = alice.Editions.Single(e => e.EditionId == past.Id);
        var inRecent = alice.Editions.Single(e => e.EditionId == recent.Id);
        Assert.True(inPast.CheckedIn);
        Assert.False(inRecent.CheckedIn);
        Assert.Equal((0, 0), (inPast.RoundTableSeats, inPast.Meetings));
        Assert.Equal((1, 1), (inRecent.RoundTableSeats, inRecent.Meetings));
        Assert.Equal("Delegate", inRecent.Category, ignoreCase: true);
        Assert.Equal(ContactConsent.Agreed, alice.Consent);
        Assert.Equal(1, all.Single(c => c.Name!.StartsWith("Bob", StringComparison.Ordinal)).Editions.Single().Meetings);

        var filtered = await Contacts.ListAsync(new ContactFilter(EditionId: past.Id));
        Assert.Equal([alice.EmailHash], filtered.Contacts.Select(c => c.EmailHash));
        Assert.Equal(1, (await Contacts.ListAsync(new ContactFilter(Search: "alice"))).Matching);
        Assert.Equal(1, (await Contacts.ListAsync(new ContactFilter(Consent: ContactConsent.NotAgreed))).Matching);
    }

    [Fact]
    public async Task All_WhenRegistrationsAreErased_GroupsByKeptHashAndShowsNoPersonalDataOfErasedPeople()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        var (recent, _) = await _app.CreateEditionAsync(capacity: null);
        var returningOld = await RegisterAsync(past, "returning@example.org", news: true, "Returning");
        var goneOld = await RegisterAsync(past, "gone@example.org", news: true, "Gone");
        await _app.Privacy.EraseAsync(returningOld, RegistrationCaller.Organiser("organiser"));
        await _app.Privacy.EraseAsync(goneOld, RegistrationCaller.Organiser("organiser"));
        await RegisterAsync(recent, "returning@example.org", news: false, "Returning");

        var all = await Contacts.AllAsync();

        Assert.Equal(2, all.Count);
        var returning = all.Single(c => c.Email == "returning@example.org");
        Assert.Equal(2, returning.Editions.Count);
        Assert.Equal(ContactConsent.NotAgreed, returning.Consent);   // the erased registration's agreement went with it
        var gone = all.Single(c => c.EmailHash == _app.Services.GetRequiredService<EmailHasher>().Hash("gone@example.org"));
        Assert.Equal(ContactConsent.Erased, gone.Consent);
        Assert.Null(gone.Name);
        Assert.Null(gone.Email);
        Assert.Null(gone.Organisation);
        Assert.Null(gone.ConsentUtc);
        Assert.Equal([past.Id], gone.Editions.Select(e => e.EditionId));
        Assert.Equal(0, (await Contacts.ListAsync(new ContactFilter(Search: "Gone"))).Matching);

        var (target, _) = await _app.CreateEditionAsync(capacity: null);
        var preview = await Invitations.PreviewAsync(Attendees(target));
        Assert.Empty(preview.Recipients);
        Assert.Equal((1, 1), (preview.Erased, preview.NotAgreed));
    }

    [Fact]
    public async Task Register_WhenNewsBoxTicked_StoresTheTimeAndOnlyThosePeopleAreInvited()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        _app.Clock.Now = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var yes = await RegisterAsync(past, "yes@example.org", news: true, "Yes");
        var no = await RegisterAsync(past, "no@example.org", news: false, "No");
        await using (var db = await _app.DbAsync())
        {
            Assert.Equal(_app.Clock.Now.UtcDateTime, await db.Registrations.Where(r => r.Id == yes).Select(r => r.NetworkNewsConsentUtc).SingleAsync());
            Assert.Null(await db.Registrations.Where(r => r.Id == no).Select(r => r.NetworkNewsConsentUtc).SingleAsync());
        }

        var (target, _) = await _app.CreateEditionAsync(capacity: null);
        var preview = await Invitations.PreviewAsync(Attendees(target));

        Assert.Null(preview.Error);
        Assert.Equal(["yes@example.org"], preview.Recipients.Select(r => r.Email));
        Assert.Equal(1, preview.NotAgreed);
    }

    [Fact]
    public async Task Send_WhenAttendeesAndMembersSelected_WritesOneMailEachInTheirLanguageAndNeverTwice()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        await RegisterAsync(past, "ana@example.org", news: true, "Ana", language: "sr-Latn");
        await RegisterAsync(past, "john@example.org", news: true, "John", language: "en", country: "BG");
        await RegisterAsync(past, "silent@example.org", news: false, "Silent");
        var (target, _) = await _app.CreateEditionAsync(capacity: null);
        await RegisterAsync(target, "john@example.org", news: true, "John", country: "BG");   // already registered for the target
        var organisations = _app.Services.GetRequiredService<OrganisationService>();
        var (_, errors) = await organisations.SaveAsync(null, new OrganisationInput
        {
            Name = "Klaster Niš", CountryCode = "RS", Kind = OrganisationType.ClusterOrganisation, NetworkMemberSince = 2012,
            ContactName = "Dragan Jović", ContactEmail = "dragan@klaster-nis.example",
        });
        Assert.Empty(errors);

        var request = new InvitationRequest(target.Id, true, true, new ContactFilter());
        var first = await Invitations.SendAsync(request, "organiser");

        Assert.Equal((null, 2, 0, 0), (first.Error, first.Sent, first.Skipped, first.Failed));
        var mails = await InvitationMailsAsync();
        Assert.Equal(["ana@example.org", "dragan@klaster-nis.example"], mails.Select(To).Order());
        var ana = mails.Single(m => To(m) == "ana@example.org");
        Assert.StartsWith("Poziv:", ana.Subject, StringComparison.Ordinal);
        Assert.Contains($"/e/{target.Slug}/register", Body(ana), StringComparison.Ordinal);
        Assert.Matches(UnsubscribeLink(), Body(ana));
        Assert.StartsWith("Poziv:", mails.Single(m => To(m) == "dragan@klaster-nis.example").Subject, StringComparison.Ordinal);   // RS contact person
        Assert.NotEqual(UnsubscribeLink().Match(Body(ana)).Value, UnsubscribeLink().Match(Body(mails.Single(m => m != ana))).Value);

        var again = await Invitations.SendAsync(request, "organiser");
        Assert.Equal(0, again.Sent);
        Assert.Equal(2, (await InvitationMailsAsync()).Count);
        var preview = await Invitations.PreviewAsync(request);
        Assert.Equal((0, 2, 1, 1), (preview.Recipients.Count, preview.AlreadyInvited, preview.AlreadyRegistered, preview.NotAgreed));
    }

    [Fact]
    public async Task Send_WhenTargetEditionIsNotOpenOrNothingChosen_RefusesAndSendsNothing()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        await RegisterAsync(past, "ana@example.org", news: true);
        var (closed, _) = await _app.CreateEditionAsync(capacity: null);
        await using (var db = await _app.DbAsync())
        {
            await db.Editions.Where(e => e.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Closed));
        }

        var refused = await Invitations.SendAsync(Attendees(closed), "organiser");
        var nothingChosen = await Invitations.SendAsync(new InvitationRequest(past.Id, false, false, new ContactFilter()), "organiser");

        Assert.Equal("Choose an edition that is open for registration.", refused.Error);
        Assert.Equal("Choose past attendees, network members or both.", nothingChosen.Error);
        Assert.Empty(await InvitationMailsAsync());
        await using var check = await _app.DbAsync();
        Assert.Equal(0, await check.NetworkInvitations.CountAsync());
    }

    [Fact]
    public async Task Send_WhenSeveralOrganisersSendAtOnce_EachPersonGetsExactlyOneMail()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        for (var i = 0; i < 24; i++) await RegisterAsync(past, $"person{i}@example.org", news: true, $"Person{i}");
        var (target, _) = await _app.CreateEditionAsync(capacity: null);

        using var start = new SemaphoreSlim(0);
        var senders = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await Invitations.SendAsync(Attendees(target), $"organiser{n}");
        })).ToList();
        start.Release(senders.Count);
        var results = await Task.WhenAll(senders);

        Assert.Equal(24, results.Sum(r => r.Sent));
        Assert.All(results, r => Assert.Equal(0, r.Failed));
        var mails = await InvitationMailsAsync();
        Assert.Equal(24, mails.Count);
        Assert.Equal(24, mails.Select(To).Distinct().Count());
        await using var db = await _app.DbAsync();
        Assert.Equal(24, await db.NetworkInvitations.CountAsync(i => i.EditionId == target.Id));
    }

    [Fact]
    public async Task Unsubscribe_WhenLinkOpenedWithoutLogin_IsHonouredAtOnceForTheNextCampaign()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        await RegisterAsync(past, "ana@example.org", news: true, "Ana", language: "sr-Latn");
        await RegisterAsync(past, "marko@example.org", news: true, "Marko");
        var (first, _) = await _app.CreateEditionAsync(capacity: null);
        Assert.Equal(2, (await Invitations.SendAsync(Attendees(first), "organiser")).Sent);
        var anaMail = (await InvitationMailsAsync()).Single(m => To(m) == "ana@example.org");
        var token = UnsubscribeLink().Match(Body(anaMail)).Groups[1].Value;

        using var client = _app.CreateClient();
        var bad = await client.GetAsync("/unsubscribe/not-a-real-token-0000000000");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Contains("not valid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await client.GetAsync($"/unsubscribe/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You are unsubscribed", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ana = (await Contacts.AllAsync()).Single(c => c.Email == "ana@example.org");
        Assert.Equal(ContactConsent.Unsubscribed, ana.Consent);
        var (second, _) = await _app.CreateEditionAsync(capacity: null);
        var sent = await Invitations.SendAsync(Attendees(second), "organiser");
        Assert.Equal(1, sent.Sent);
        var toSecond = (await InvitationMailsAsync()).Where(m => Body(m).Contains($"/e/{second.Slug}/register", StringComparison.Ordinal)).Select(To).ToList();
        Assert.Equal(["marko@example.org"], toSecond);

        // Agreeing again on a later registration counts from then on.
        _app.Clock.Now = _app.Clock.Now.AddMinutes(5);
        await RegisterAsync(second, "ana@example.org", news: true, "Ana", language: "sr-Latn");
        Assert.Equal(ContactConsent.Agreed, (await Contacts.AllAsync()).Single(c => c.Email == "ana@example.org").Consent);
    }

    [Fact]
    public async Task Unsubscribe_WhenMemberContactPersonUnsubscribes_IsLeftOutOfMemberInvitations()
    {
        var organisations = _app.Services.GetRequiredService<OrganisationService>();
        await organisations.SaveAsync(null, new OrganisationInput
        {
            Name = "Balkan ICT Cluster", CountryCode = "BG", Kind = OrganisationType.ClusterOrganisation, NetworkMemberSince = 2015,
            ContactName = "Ivan Petrov", ContactEmail = "ivan@bict.example",
        });
        var (first, _) = await _app.CreateEditionAsync(capacity: null);
        var members = new InvitationRequest(first.Id, false, true, new ContactFilter());
        Assert.Equal(1, (await Invitations.SendAsync(members, "organiser")).Sent);
        var mail = Assert.Single(await InvitationMailsAsync());
        Assert.StartsWith("Invitation:", mail.Subject, StringComparison.Ordinal);   // BG contact person: English

        Assert.True(await Contacts.UnsubscribeAsync(UnsubscribeLink().Match(Body(mail)).Groups[1].Value));
        Assert.False(await Contacts.UnsubscribeAsync("unknown-token"));

        var (second, _) = await _app.CreateEditionAsync(capacity: null);
        var preview = await Invitations.PreviewAsync(members with { EditionId = second.Id });
        Assert.Empty(preview.Recipients);
        Assert.Equal(1, preview.Unsubscribed);
    }

    /// <summary>The network's invitation links to the public form, which an invitation-only round table refuses: such events are not offered.</summary>
    [Fact]
    public async Task TargetEditions_WhenAnEventIsByInvitationOnly_LeavesItOut()
    {
        var (open, _) = await _app.CreateEditionAsync(capacity: null);
        var (roundTable, _) = await _app.CreateEditionAsync(capacity: null);
        await _app.WithDbAsync(db => db.Editions.Where(e => e.Id == roundTable.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.InvitationOnly, true)));

        var targets = await Invitations.TargetEditionsAsync();

        Assert.Contains(targets, e => e.Id == open.Id);
        Assert.DoesNotContain(targets, e => e.Id == roundTable.Id);
    }
}
