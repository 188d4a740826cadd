using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Agenda;

public sealed class RoundTableBookingTests : IClassFixture<AgendaAppFactory>
{
    private readonly AgendaAppFactory _app;

    public RoundTableBookingTests(AgendaAppFactory app) => _app = app;

    [Fact]
    public async Task BookAsync_When300BookA100SeatTableInParallel_Exactly100BookedAnd200WaitlistedWithDistinctPositions()
    {
        var edition = await _app.CreateEditionAsync();
        var room = await _app.AddRoomAsync(edition.Id, "Table room", 120);
        var table = await _app.AddSessionAsync(edition.Id, "Round table", room.Id, AgendaAppFactory.Local(22, 14), 90, SessionKind.RoundTable, seats: 100);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 300);
        var seats = _app.Get<RoundTableService>();

        using var start = new ManualResetEventSlim(false);
        var tasks = people.Select(p => Task.Run(async () =>
        {
            start.Wait();
            return await seats.BookAsync(p.Id, table.Id);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(100, results.Count(r => r.Outcome == SeatBookingOutcome.Booked));
        Assert.Equal(200, results.Count(r => r.Outcome == SeatBookingOutcome.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 200), results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());

        await using var db = await _app.DbAsync();
        var rows = await db.SeatBookings.Where(b => b.SessionId == table.Id).ToListAsync();
        Assert.Equal(300, rows.Count);
        Assert.Equal(300, rows.Select(r => r.RegistrationId).Distinct().Count());
        Assert.Equal(100, rows.Count(r => r.Status == SeatBookingStatus.Booked));
        Assert.Equal(200, rows.Where(r => r.Status == SeatBookingStatus.Waitlisted).Select(r => r.WaitlistPosition).Distinct().Count());
    }

    [Fact]
    public async Task BookAsync_When200PeopleBookTwoOverlappingTablesInParallel_NobodyHoldsBothAndEachTableHas30()
    {
        var edition = await _app.CreateEditionAsync();
        var tableA = await _app.AddSessionAsync(edition.Id, "Table A", null, AgendaAppFactory.Local(22, 14), 90, SessionKind.RoundTable, seats: 30);
        var tableB = await _app.AddSessionAsync(edition.Id, "Table B", null, AgendaAppFactory.Local(22, 15), 60, SessionKind.RoundTable, seats: 30);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 200);
        var seats = _app.Get<RoundTableService>();

        var attempts = people.SelectMany(p => new[] { (p.Id, Session: tableA.Id), (p.Id, Session: tableB.Id) })
            .OrderBy(_ => Random.Shared.Next())
            .Select(a => Task.Run(() => seats.BookAsync(a.Id, a.Session))).ToList();
        var results = await Task.WhenAll(attempts);

        await using var db = await _app.DbAsync();
        var rows = await db.SeatBookings.Where(b => b.SessionId == tableA.Id || b.SessionId == tableB.Id).ToListAsync();
        Assert.Equal(200, rows.Count); // each person holds exactly one of the two overlapping tables (seat or waiting place)
        Assert.Equal(200, rows.Select(r => r.RegistrationId).Distinct().Count());
        Assert.Equal(200, results.Count(r => r.Outcome == SeatBookingOutcome.Overlaps));
        foreach (var table in new[] { tableA.Id, tableB.Id })
        {
            var held = rows.Where(r => r.SessionId == table).ToList();
            Assert.Equal(Math.Min(30, held.Count), held.Count(r => r.Status == SeatBookingStatus.Booked));
            var waiting = held.Where(r => r.Status == SeatBookingStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order().ToList();
            Assert.Equal(Enumerable.Range(1, waiting.Count), waiting);
        }
    }

    [Fact]
    public async Task BookAsync_WhenPersonHoldsOverlappingSeat_IsRefusedAndNothingStored()
    {
        var edition = await _app.CreateEditionAsync();
        var first = await _app.AddSessionAsync(edition.Id, "Table A", null, AgendaAppFactory.Local(22, 14), 90, SessionKind.RoundTable, seats: 10);
        var overlapping = await _app.AddSessionAsync(edition.Id, "Table B", null, AgendaAppFactory.Local(22, 15, 29), 60, SessionKind.RoundTable, seats: 10);
        var backToBack = await _app.AddSessionAsync(edition.Id, "Table C", null, AgendaAppFactory.Local(22, 15, 30), 60, SessionKind.RoundTable, seats: 10);
        var person = (await _app.CreateRegistrationsAsync(edition.Id, 1))[0];
        var seats = _app.Get<RoundTableService>();

        Assert.Equal(SeatBookingOutcome.Booked, (await seats.BookAsync(person.Id, first.Id)).Outcome);
        var refused = await seats.BookAsync(person.Id, overlapping.Id);
        Assert.Equal(SeatBookingOutcome.Overlaps, refused.Outcome);
        Assert.Equal("Table A", refused.ClashWith);
        Assert.Equal(SeatBookingOutcome.Booked, (await seats.BookAsync(person.Id, backToBack.Id)).Outcome);
        Assert.Equal(SeatBookingOutcome.AlreadyHeld, (await seats.BookAsync(person.Id, first.Id)).Outcome);

        await using var db = await _app.DbAsync();
        Assert.False(await db.SeatBookings.AnyAsync(b => b.SessionId == overlapping.Id));
    }

    [Fact]
    public async Task BookAsync_WhenRegistrationNotConfirmed_IsNotAllowed()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Table", null, AgendaAppFactory.Local(22, 14), 60, SessionKind.RoundTable, seats: 5);
        var pending = (await _app.CreateRegistrationsAsync(edition.Id, 1, RegistrationStatus.Pending))[0];

        var result = await _app.Get<RoundTableService>().BookAsync(pending.Id, table.Id);

        Assert.Equal(SeatBookingOutcome.NotAllowed, result.Outcome);
    }

    [Fact]
    public async Task CancelAsync_WhenBookedSeatFreed_PromotesFirstWaiting()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Small table", null, AgendaAppFactory.Local(22, 10), 60, SessionKind.RoundTable, seats: 2);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 4);
        var seats = _app.Get<RoundTableService>();
        foreach (var p in people) await seats.BookAsync(p.Id, table.Id);

        Assert.True(await seats.CancelAsync(people[0].Id, table.Id));

        var list = await seats.SeatListAsync(table.Id);
        Assert.Equal(3, list.Count);
        Assert.Equal([people[1].Id, people[2].Id], list.Where(r => r.Status == SeatBookingStatus.Booked).Select(r => r.RegistrationId).Order());
        var stillWaiting = Assert.Single(list, r => r.Status == SeatBookingStatus.Waitlisted);
        Assert.Equal(people[3].Id, stillWaiting.RegistrationId);
        Assert.Equal(2, stillWaiting.WaitlistPosition);
    }

    [Fact]
    public async Task CancelAsync_WhenBookedSeatFreed_MailsThePromotedPersonOnly()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Mailing table", null, AgendaAppFactory.Local(22, 10), 60, SessionKind.RoundTable, seats: 1);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 3);
        var seats = _app.Get<RoundTableService>();
        foreach (var p in people) await seats.BookAsync(p.Id, table.Id);
        await using var db = await _app.DbAsync();
        var emails = await db.Registrations.Where(r => people.Select(p => p.Id).Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Email);
        var before = MailTo(emails.Values);

        Assert.True(await seats.CancelAsync(people[0].Id, table.Id));

        var sent = MailTo(emails.Values).Except(before).ToList();
        var mail = Assert.Single(sent);
        Assert.Contains(emails[people[1].Id], mail);
        Assert.Contains("A seat has become free and is now yours: Mailing table", mail);
        Assert.Contains("(Wednesday 22 September 2027, 10:00–11:00)", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveSessionAsync_WhenSeatsRaised_PromotesTheFirstWaitingInOrder()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Growing table", null, AgendaAppFactory.Local(22, 10), 60, SessionKind.RoundTable, seats: 2);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 6);
        var seats = _app.Get<RoundTableService>();
        foreach (var p in people) await seats.BookAsync(p.Id, table.Id);
        var agenda = _app.Get<AgendaService>();
        var input = AgendaService.ToInput(table, edition.TimeZoneId);
        input.SeatCapacity = 4;

        var saved = await agenda.SaveSessionAsync(edition.Id, input);

        Assert.Equal(table.Id, saved.Id);
        var list = await seats.SeatListAsync(table.Id);
        Assert.Equal(people.Take(4).Select(p => p.Id).Order(), list.Where(r => r.Status == SeatBookingStatus.Booked).Select(r => r.RegistrationId).Order());
        Assert.Equal(people.Skip(4).Select(p => p.Id), list.Where(r => r.Status == SeatBookingStatus.Waitlisted).OrderBy(r => r.WaitlistPosition).Select(r => r.RegistrationId));
    }

    [Fact]
    public async Task ReleaseEndedAsync_WhenSeatHolderCancelsRegistration_GivesTheSeatToTheFirstWaitingAndMailsThem()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Released table", null, AgendaAppFactory.Local(22, 16), 60, SessionKind.RoundTable, seats: 1);
        var people = await _app.CreateRegistrationsAsync(edition.Id, 3);
        var seats = _app.Get<RoundTableService>();
        foreach (var p in people) await seats.BookAsync(p.Id, table.Id);
        await using var db = await _app.DbAsync();
        var secondEmail = await db.Registrations.Where(r => r.Id == people[1].Id).Select(r => r.Email).FirstAsync();
        Assert.True(await _app.Get<Web.Features.Registration.RegistrationLifecycle>().CancelAsync(people[0].Id, Web.Features.Registration.RegistrationCaller.System));

        Assert.Equal(1, await seats.ReleaseEndedAsync());
        Assert.Equal(0, await seats.ReleaseEndedAsync()); // nothing left to release

        var list = await seats.SeatListAsync(table.Id);
        Assert.DoesNotContain(list, r => r.RegistrationId == people[0].Id);
        Assert.Equal(people[1].Id, Assert.Single(list, r => r.Status == SeatBookingStatus.Booked).RegistrationId);
        Assert.Equal(people[2].Id, Assert.Single(list, r => r.Status == SeatBookingStatus.Waitlisted).RegistrationId);
        Assert.Contains(MailTo([secondEmail]), m => m.Contains("now yours: Released table", StringComparison.Ordinal));
    }

    private List<string> MailTo(IEnumerable<string> addresses) =>
        !Directory.Exists(_app.MailFolder) ? [] : Directory.GetFiles(_app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Select(m => $"{m.To}\n{m.Subject}\n{m.TextBody}").Where(text => addresses.Any(a => text.Contains(a, StringComparison.Ordinal))).ToList();

    [Fact]
    public async Task RegistrationByTokenAsync_WhenTokenMatchesHash_FindsRegistration()
    {
        var edition = await _app.CreateEditionAsync();
        var person = (await _app.CreateRegistrationsAsync(edition.Id, 1))[0];
        var seats = _app.Get<RoundTableService>();

        Assert.Equal(person.Id, (await seats.RegistrationByTokenAsync(person.Token))?.Id);
        Assert.Null(await seats.RegistrationByTokenAsync("not-a-token"));
    }
}
