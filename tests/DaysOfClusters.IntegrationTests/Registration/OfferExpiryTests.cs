using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class OfferExpiryTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task ProcessExpiredOffersAsync_WhenOfferExpired_PassesSeatToNextOnList()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 1);
        var attendee = RegistrationCaller.Attendee(null);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add((await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"exp{i}@example.org", edition), attendee)).RegistrationId!.Value);
        await app.Lifecycle.CancelAsync(ids[0], attendee);
        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(ids[1]))!.Status);

        // Not yet expired: nothing happens.
        app.Clock.Now = app.Clock.Now.AddHours(47);
        Assert.Equal(0, await app.Seats.ProcessExpiredOffersAsync());
        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(ids[1]))!.Status);

        app.Clock.Now = app.Clock.Now.AddHours(2);
        Assert.Equal(1, await app.Seats.ProcessExpiredOffersAsync());

        Assert.Equal(RegistrationStatus.Cancelled, (await app.Registrations.FindAsync(ids[1]))!.Status);
        var next = (await app.Registrations.FindAsync(ids[2]))!;
        Assert.Equal(RegistrationStatus.Offered, next.Status);
        Assert.Equal(app.Clock.Now.UtcDateTime.AddHours(48), next.OfferExpiresUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.False(await app.Lifecycle.AcceptOfferAsync(ids[1]));
        Assert.Contains(await app.AuditTrail.ListAsync(ids[1]), a => a.Action == "OfferExpired" && a.Actor == "system");
    }
}

public sealed class RetentionTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task AnonymiseExpiredEditionsAsync_WhenRetentionDatePassed_AnonymisesThatEditionOnly()
    {
        var (old, _) = await app.CreateEditionAsync(capacity: 10);
        var (current, _) = await app.CreateEditionAsync(capacity: 10);
        var attendee = RegistrationCaller.Attendee(null);
        var a = await app.Writer.RegisterAsync(old.Id, RegistrationAppFactory.ValidInput("old@example.org", old), attendee);
        var b = await app.Writer.RegisterAsync(current.Id, RegistrationAppFactory.ValidInput("current@example.org", current), attendee);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await using (var db = await app.DbAsync())
        {
            await db.Editions.Where(e => e.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.RetentionUntil, today.AddDays(-1)));
            await db.Editions.Where(e => e.Id == current.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.RetentionUntil, today.AddDays(30)));
        }

        Assert.Equal(1, await app.Privacy.AnonymiseExpiredEditionsAsync());

        var erased = (await app.Registrations.FindAsync(a.RegistrationId!.Value))!;
        Assert.NotNull(erased.AnonymisedUtc);
        Assert.Equal("", erased.LastName);
        Assert.Equal(RegistrationStatus.Confirmed, erased.Status);
        Assert.Equal("RS", erased.CountryCode);
        Assert.Null((await app.Registrations.FindAsync(b.RegistrationId!.Value))!.AnonymisedUtc);
        Assert.Equal(0, await app.Privacy.AnonymiseExpiredEditionsAsync());
    }
}
