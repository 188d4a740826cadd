using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>
/// Seat counters are made once per edition and then remembered. The minute job visits every open edition, so it can
/// count an edition in the instant between the edition's row and its categories' rows (the demo seeder and tests write
/// them in two steps). CI's PostgreSQL run caught the result: the category had no counter row, so the next person was
/// put on the waiting list of an edition with no capacity at all.
/// </summary>
public sealed class SeatCounterTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);

    [Fact]
    public async Task RegisterAsync_WhenTheEditionWasCountedBeforeItsCategoriesExisted_ConfirmsAndCountsTheSeat()
    {
        // The job's pass at the wrong moment: the edition's categories are not there yet.
        var (edition, _) = await app.CreateEditionAsync(capacity: null, tweak: c => c.Clear());
        await app.Seats.OfferFreeSeatsAsync(edition.Id, "system");
        await using (var db = await app.DbAsync())
        {
            db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
            await db.SaveChangesAsync();
        }

        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("late-category@example.org", edition), Attendee);

        Assert.Equal(RegisterOutcome.Registered, result.Outcome);
        Assert.Equal(RegistrationStatus.Confirmed, result.Status);
        await using var check = await app.DbAsync();
        var category = await check.Registrations.Where(r => r.Id == result.RegistrationId).Select(r => r.CategoryId).SingleAsync();
        Assert.Equal(1, await check.CategorySeatCounters.Where(c => c.CategoryId == category).Select(c => c.Confirmed).SingleAsync());
        Assert.Equal(1, await check.EditionSeatCounters.Where(c => c.EditionId == edition.Id).Select(c => c.Confirmed).SingleAsync());
    }

    [Fact]
    public async Task RegisterAsync_WhenACategoryWithACapacityIsAddedBehindTheCountersBack_HoldsThatCapacity()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: null);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("first@example.org", edition), Attendee)).Status);
        var added = new RegistrationCategory { EditionId = edition.Id, Code = 8, SortOrder = 8, Name = "Student", BadgeColor = "#455A64", Capacity = 1 };
        await using (var db = await app.DbAsync())
        {
            db.RegistrationCategories.Add(added);
            await db.SaveChangesAsync();
        }

        var one = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("student1@example.org", edition, added.Id), RegistrationCaller.Organiser("test"));
        var two = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("student2@example.org", edition, added.Id), RegistrationCaller.Organiser("test"));

        Assert.Equal(RegistrationStatus.Confirmed, one.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, two.Status);
    }
}
