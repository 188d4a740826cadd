using System.Diagnostics;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>
/// The registration writer stores everything queued in one transaction. These tests hold the write gate while the
/// registrations queue up, so all of them land in one batch, and check that each still gets its own right outcome.
/// </summary>
public sealed class GroupCommitTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);

    [Fact]
    public async Task RegisterAsync_WhenOneBatchHoldsTheSameEmailTwiceAndCrossesCapacity_StoresOneAndNumbersTheWaitingListInOrder()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 3);
        var service = app.Writer;
        string[] emails = ["a@batch.example", "b@batch.example", "twice@batch.example", "c@batch.example", " TWICE@Batch.example ", "d@batch.example", "e@batch.example"];

        var results = await InOneBatchAsync(app, edition.Id, emails.Select(e => RegistrationAppFactory.ValidInput(e, edition)).ToArray());

        var registered = results.Where(r => r.Succeeded).ToList();
        Assert.Equal(6, registered.Count);
        var duplicate = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(RegisterOutcome.Duplicate, duplicate.Outcome);
        Assert.True(duplicate.Errors.ContainsKey(nameof(RegistrationInput.Email)));
        Assert.Equal(3, registered.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal([1, 2, 3], registered.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order());

        await using var db = await app.DbAsync();
        var stored = await db.Registrations.Where(r => r.EditionId == edition.Id).ToListAsync();
        Assert.Equal(6, stored.Count);
        Assert.Single(stored, r => r.EmailNormalized == "twice@batch.example");
        Assert.Equal([1, 2, 3], stored.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistNumber!.Value).Order());
        Assert.Equal(registered.Select(r => r.RegistrationId!.Value).Order(), stored.Select(r => r.Id).Order());
        var counter = await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id);
        Assert.Equal(3, counter.Confirmed);
        Assert.Equal(4, counter.NextWaitlistNumber);
        var ids = stored.Select(r => r.Id).ToList();
        Assert.Equal(6, await db.RegistrationAuditEntries.CountAsync(a => ids.Contains(a.RegistrationId) && a.Action == "Registered"));

        // The queue goes on after the batch: the next registration waits behind the three.
        var next = await service.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("f@batch.example", edition), Attendee);
        Assert.Equal(RegistrationStatus.Waitlisted, next.Status);
        Assert.Equal(4, next.WaitlistPosition);
    }

    [Fact]
    public async Task RegisterAsync_WhenOneRowOfABatchFailsInTheDatabase_StoresTheOthersAndFailsOnlyThatOne()
    {
        // Its own app: the test removes a country from the database behind the service's back.
        using var own = new RegistrationAppFactory();
        var (edition, _) = await own.CreateEditionAsync(capacity: 2);
        var service = own.Writer;
        // Loads the service's country list (with Tuvalu) and takes the first seat.
        var first = await service.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("first@fail.example", edition), Attendee);
        Assert.Equal(RegistrationStatus.Confirmed, first.Status);
        await using (var db = await own.DbAsync())
        {
            await db.RegionCountries.Where(rc => rc.CountryCode == "TV").ExecuteDeleteAsync();
            Assert.Equal(1, await db.Countries.Where(c => c.Code == "TV").ExecuteDeleteAsync());
        }
        var inputs = Enumerable.Range(1, 6).Select(i => RegistrationAppFactory.ValidInput($"p{i}@fail.example", edition)).ToArray();
        // Valid by the service's list, refused by the database's foreign key.
        inputs[2].CountryCode = "TV";

        var outcomes = await InOneBatchAsync(own, edition.Id, inputs, tolerateFailures: true);

        Assert.IsAssignableFrom<DbUpdateException>(outcomes[2].Exception);
        var registered = outcomes.Where((_, i) => i != 2).Select(o => o.Result!).ToList();
        Assert.All(registered, r => Assert.Equal(RegisterOutcome.Registered, r.Outcome));
        Assert.Equal(1, registered.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal([1, 2, 3, 4], registered.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order());

        await using var check = await own.DbAsync();
        var stored = await check.Registrations.Where(r => r.EditionId == edition.Id).ToListAsync();
        Assert.Equal(6, stored.Count);
        Assert.DoesNotContain(stored, r => r.EmailNormalized == "p3@fail.example");
        Assert.Equal([1, 2, 3, 4], stored.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistNumber!.Value).Order());
        var counter = await check.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id);
        Assert.Equal(2, counter.Confirmed);
        Assert.Equal(5, counter.NextWaitlistNumber);
    }

    [Fact]
    public async Task RegisterAsync_WhenOneBatchNamesNewExistingAndPickedOrganisations_LinksEachRowAndCreatesEachNewOrganisationOnce()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: null);
        int existing, picked;
        await using (var db = await app.DbAsync())
        {
            var now = DateTime.UtcNow;
            var a = new Organisation { Name = "Klaster Jug", CountryCode = "RS", SearchKey = "", NameKey = "", CreatedUtc = now };
            var b = new Organisation { Name = "Balkan ICT Cluster", CountryCode = "BG", SearchKey = "", NameKey = "", CreatedUtc = now };
            OrganisationService.Apply(a, new OrganisationInput { Name = a.Name, CountryCode = "RS" }, now);
            OrganisationService.Apply(b, new OrganisationInput { Name = b.Name, CountryCode = "BG" }, now);
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            (existing, picked) = (a.Id, b.Id);
        }
        RegistrationInput Input(string email, string organisation, int? pickedId = null, string country = "RS")
        {
            var input = RegistrationAppFactory.ValidInput(email, edition);
            (input.Organisation, input.OrganisationId, input.CountryCode) = (organisation, pickedId, country);
            return input;
        }
        RegistrationInput[] inputs =
        [
            Input("new1@org.example", "Novi klaster Vranje"),
            Input("new2@org.example", "  NOVI klaster   vranje "),        // the same new organisation, typed differently
            Input("new3@org.example", "Novi klaster Vranje", country: "MK"), // the same name in another country is another organisation
            Input("known@org.example", "klaster jug"),                     // an existing one, by its folded name
            Input("picked@org.example", "Balkan ICT", picked),             // picked from the suggestions
            Input("gone@org.example", "Klaster Jug", pickedId: 999_999),   // a picked one that no longer exists: by name
        ];

        var results = await InOneBatchAsync(app, edition.Id, inputs);

        Assert.All(results, r => Assert.True(r.Succeeded));
        await using var check = await app.DbAsync();
        var ids = results.Select(r => r.RegistrationId!.Value).ToList();
        var links = await check.RegistrationOrganisations.Where(l => ids.Contains(l.RegistrationId)).ToDictionaryAsync(l => l.RegistrationId, l => l.OrganisationId);
        var of = ids.Select(id => links[id]).ToArray();
        Assert.Equal(of[0], of[1]);
        Assert.NotEqual(of[0], of[2]);
        Assert.Equal([existing, picked, existing], of[3..]);
        var created = await check.Organisations.Where(o => o.NameKey == "novi klaster vranje").OrderBy(o => o.CountryCode).ToListAsync();
        Assert.Equal([("MK", of[2]), ("RS", of[0])], created.Select(o => (o.CountryCode, o.Id)));
        // Named as the first of the two (in queue order) typed it.
        Assert.Contains(created[1].Name, new[] { "Novi klaster Vranje", "NOVI klaster   vranje" });
    }

    private static async Task<RegisterResult[]> InOneBatchAsync(RegistrationAppFactory factory, int editionId, RegistrationInput[] inputs)
    {
        var outcomes = await InOneBatchAsync(factory, editionId, inputs, tolerateFailures: false);
        return outcomes.Select(o => o.Result!).ToArray();
    }

    /// <summary>Holds the write gate until every registration is queued, so the writer takes them all in one transaction.</summary>
    private static async Task<(RegisterResult? Result, Exception? Exception)[]> InOneBatchAsync(
        RegistrationAppFactory factory, int editionId, RegistrationInput[] inputs, bool tolerateFailures)
    {
        var service = factory.Writer;
        // Counters first: creating them takes the gate, which the batch below must find held.
        await factory.Seats.EnsureCountersAsync(editionId);
        Assert.Equal(0, service.QueuedWrites);
        Task<RegisterResult>[] tasks;
        await service.WriteGate.WaitAsync();
        try
        {
            tasks = inputs.Select(input => Task.Run(() => service.RegisterAsync(editionId, input, Attendee))).ToArray();
            var waited = Stopwatch.StartNew();
            while (service.QueuedWrites < inputs.Length && tasks.All(t => !t.IsCompleted))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"Only {service.QueuedWrites} of {inputs.Length} registrations were queued.");
                await Task.Delay(10);
            }
            Assert.Equal(inputs.Length, service.QueuedWrites);
        }
        finally
        {
            service.WriteGate.Release();
        }
        var outcomes = new (RegisterResult?, Exception?)[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            try
            {
                outcomes[i] = (await tasks[i], null);
            }
            catch (Exception e) when (tolerateFailures)
            {
                outcomes[i] = (null, e);
            }
        }
        return outcomes;
    }
}
