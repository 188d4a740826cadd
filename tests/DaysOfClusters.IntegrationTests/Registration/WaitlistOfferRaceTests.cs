using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>
/// Two offer passes at once (two instances' minute jobs on PostgreSQL, or a raised capacity while the job runs) must
/// offer each freed seat to one person, once. The list used to be read before the seat counter was locked, so both
/// passes saw the same people: with more free seats than people waiting, the second pass offered them again and counted
/// each of their seats twice. Run on both providers by ./test.sh (the race is PostgreSQL's; SQLite's write lock is taken
/// when the transaction begins).
/// </summary>
public sealed class WaitlistOfferRaceTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task OfferFreeSeatsAsync_WhenTwoPassesRunInParallel_OffersEachFreedSeatOnceToOnePerson()
    {
        for (var round = 0; round < 6; round++)
        {
            var (edition, _) = await app.CreateEditionAsync(capacity: 2);
            for (var i = 0; i < 5; i++)
                Assert.True((await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"r{round}p{i}@example.org", edition), RegistrationCaller.Attendee(null))).Succeeded);
            await using (var db = await app.DbAsync())
                await db.Editions.Where(e => e.Id == edition.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, 10)); // more seats than people waiting

            using var start = new Barrier(4);
            var passes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await app.Seats.OfferFreeSeatsAsync(edition.Id, "race-test");
            })).ToList();
            var offeredByPasses = (await Task.WhenAll(passes)).Sum();

            await using var check = await app.DbAsync();
            var rows = await check.Registrations.Where(r => r.EditionId == edition.Id).ToListAsync();
            var offers = await check.RegistrationAuditEntries(rows.Select(r => r.Id).ToList());
            Assert.Equal(3, rows.Count(r => r.Status == RegistrationStatus.Offered));
            Assert.Equal(3, offeredByPasses);
            Assert.All(offers.GroupBy(id => id), g => Assert.Single(g)); // nobody offered twice
            var counter = await check.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id);
            Assert.Equal(rows.Count(r => r.Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered), counter.Confirmed);
            Assert.Equal(5, counter.Confirmed); // two confirmed and three offered
        }
    }
}

internal static class OfferAudit
{
    /// <summary>The registrations of every "SeatOffered" audit entry, one per offer made.</summary>
    public static Task<List<int>> RegistrationAuditEntries(this DaysOfClusters.Web.Data.AppDbContext db, List<int> ids) =>
        db.RegistrationAuditEntries.Where(a => ids.Contains(a.RegistrationId) && a.Action == "SeatOffered").Select(a => a.RegistrationId).ToListAsync();
}
