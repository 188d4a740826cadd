using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class RegistrationServiceTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);

    [Fact]
    public async Task RegisterAsync_When300InParallelFor100Seats_Then100Confirmed200WaitlistedNothingLost()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        var service = app.Writer;

        var results = await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(() =>
            service.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"person{i}@parallel.example", edition), Attendee))));

        Assert.All(results, r => Assert.Equal(RegisterOutcome.Registered, r.Outcome));
        Assert.Equal(100, results.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(200, results.Count(r => r.Status == RegistrationStatus.Waitlisted));

        await using var db = await app.DbAsync();
        var stored = await db.Registrations.Where(r => r.EditionId == edition.Id).ToListAsync();
        Assert.Equal(300, stored.Count);
        Assert.Equal(300, stored.Select(r => r.EmailNormalized).Distinct().Count());
        Assert.Equal(100, stored.Count(r => r.Status == RegistrationStatus.Confirmed));
        var numbers = stored.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistNumber!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 200), numbers);
        Assert.Equal(Enumerable.Range(1, 200), results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());
        Assert.All(stored.Where(r => r.Status == RegistrationStatus.Confirmed), r => Assert.Null(r.WaitlistNumber));

        var counter = await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id);
        Assert.Equal(100, counter.Confirmed);
        Assert.Equal(201, counter.NextWaitlistNumber);
        Assert.Equal(300, await db.RegistrationAuditEntries.CountAsync(a => stored.Select(r => r.Id).Contains(a.RegistrationId) && a.Action == "Registered"));
    }

    [Fact]
    public async Task CancelAsync_WhenConfirmedAndWaitlistExists_OffersExactlyOneSeatToPositionOne()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 2);
        var service = app.Registrations;
        var results = new List<RegisterResult>();
        for (var i = 1; i <= 5; i++) results.Add(await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"c{i}@cancel.example", edition), Attendee));
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted],
            results.Select(r => r.Status!.Value));

        Assert.True(await app.Lifecycle.CancelAsync(results[0].RegistrationId!.Value, Attendee));

        await using var db = await app.DbAsync();
        var offered = await db.Registrations.Where(r => r.EditionId == edition.Id && r.Status == RegistrationStatus.Offered).ToListAsync();
        var offer = Assert.Single(offered);
        Assert.Equal(results[2].RegistrationId, offer.Id);
        Assert.Equal(1, offer.WaitlistNumber);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(48), offer.OfferExpiresUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(RegistrationStatus.Cancelled, (await db.Registrations.SingleAsync(r => r.Id == results[0].RegistrationId)).Status);
        Assert.Equal(1, await service.WaitlistPositionAsync(results[3].RegistrationId!.Value));
        Assert.Equal(2, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);

        // Accepting confirms; cancelling again changes nothing.
        Assert.True(await app.Lifecycle.AcceptOfferAsync(offer.Id));
        Assert.Equal(RegistrationStatus.Confirmed, (await service.FindAsync(offer.Id))!.Status);
        Assert.False(await app.Lifecycle.CancelAsync(results[0].RegistrationId!.Value, Attendee));
        Assert.Equal(0, await db.Registrations.CountAsync(r => r.EditionId == edition.Id && r.Status == RegistrationStatus.Offered));
    }

    [Fact]
    public async Task RegisterAsync_WhenEmailAlreadyRegistered_RefusesWithFieldErrorAndStoresNothing()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var first = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("dup@example.org", edition), Attendee);
        Assert.True(first.Succeeded);

        var second = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("  DUP@Example.org ", edition), Attendee);

        Assert.Equal(RegisterOutcome.Duplicate, second.Outcome);
        Assert.Contains("already registered", Assert.Single(second.Errors[nameof(RegistrationInput.Email)]));
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
        Assert.Equal(1, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);
    }

    [Fact]
    public async Task RegisterAsync_WhenSameEmailSubmittedTwentyTimesAtOnce_StoresExactlyOne()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("race@example.org", edition), Attendee))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(19, results.Count(r => r.Outcome == RegisterOutcome.Duplicate));
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
        Assert.Equal(1, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);
    }

    public static TheoryData<string, string> BadValues() => new()
    {
        { nameof(RegistrationInput.FirstName), "" },
        { nameof(RegistrationInput.FirstName), new string('a', 101) },
        { nameof(RegistrationInput.FirstName), "<script>alert(1)</script>" },
        { nameof(RegistrationInput.FirstName), "Ana\u0000" },
        { nameof(RegistrationInput.LastName), "   " },
        { nameof(RegistrationInput.LastName), "<b>Bold</b>" },
        { nameof(RegistrationInput.LastName), new string('б', 101) },
        { nameof(RegistrationInput.Email), "" },
        { nameof(RegistrationInput.Email), "not-an-email" },
        { nameof(RegistrationInput.Email), "a@b" },
        { nameof(RegistrationInput.Email), "two@@example.org" },
        { nameof(RegistrationInput.Email), "<x>@example.org" },
        { nameof(RegistrationInput.Email), new string('e', 250) + "@example.org" },
        { nameof(RegistrationInput.Organisation), "" },
        { nameof(RegistrationInput.Organisation), new string('o', 201) },
        { nameof(RegistrationInput.Organisation), "<img src=x onerror=alert(1)>" },
        { nameof(RegistrationInput.JobTitle), "" },
        { nameof(RegistrationInput.JobTitle), new string('j', 151) },
        { nameof(RegistrationInput.CountryCode), "" },
        { nameof(RegistrationInput.CountryCode), "ZZ" },
        { nameof(RegistrationInput.Phone), "call me" },
        { nameof(RegistrationInput.Phone), "+381 " + new string('1', 40) },
        { nameof(RegistrationInput.DietaryNeeds), new string('d', 501) },
        { nameof(RegistrationInput.AccessibilityNeeds), "ramp\u0007" },
        { nameof(RegistrationInput.OrganisationType), "" },
        { nameof(RegistrationInput.DaysAttending), "" },
        { nameof(RegistrationInput.DaysAttending), "2020-01-01" },
        { nameof(RegistrationInput.PrivacyConsent), "false" },
        { nameof(RegistrationInput.CategoryId), "999999" },
        { nameof(RegistrationInput.CategoryId), "organiser-team" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task RegisterAsync_WhenFieldValueIsBad_ReturnsThatFieldErrorAndStoresNothing(string field, string value)
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 10);
        var input = RegistrationAppFactory.ValidInput($"bad-{Guid.NewGuid():N}@example.org", edition);
        switch (field)
        {
            case nameof(RegistrationInput.FirstName): input.FirstName = value; break;
            case nameof(RegistrationInput.LastName): input.LastName = value; break;
            case nameof(RegistrationInput.Email): input.Email = value; break;
            case nameof(RegistrationInput.Organisation): input.Organisation = value; break;
            case nameof(RegistrationInput.JobTitle): input.JobTitle = value; break;
            case nameof(RegistrationInput.CountryCode): input.CountryCode = value; break;
            case nameof(RegistrationInput.Phone): input.Phone = value; break;
            case nameof(RegistrationInput.DietaryNeeds): input.DietaryNeeds = value; break;
            case nameof(RegistrationInput.AccessibilityNeeds): input.AccessibilityNeeds = value; break;
            case nameof(RegistrationInput.OrganisationType): input.OrganisationType = null; break;
            case nameof(RegistrationInput.DaysAttending): input.DaysAttending = value == "" ? [] : [DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture)]; break;
            case nameof(RegistrationInput.PrivacyConsent): input.PrivacyConsent = false; break;
            case nameof(RegistrationInput.CategoryId):
                // A made-up id, or a real category that is not offered publicly.
                input.CategoryId = value == "organiser-team" ? categories.Single(c => c.Name == "Organiser team").Id : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
        }

        var result = await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(Guid.NewGuid().ToString()));

        Assert.Equal(RegisterOutcome.Invalid, result.Outcome);
        Assert.True(result.Errors.ContainsKey(field), $"Expected an error on {field}, got: {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.All(result.Errors[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
    }

    [Fact]
    public async Task RegisterAsync_WhenNamesInOtherScripts_AcceptsThemAsTyped()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var input = RegistrationAppFactory.ValidInput("scripts@example.org", edition);
        input.FirstName = "Ђорђе";
        input.LastName = "Παπαδόπουλος-O'Brien";
        var result = await app.Writer.RegisterAsync(edition.Id, input, Attendee);
        Assert.True(result.Succeeded);
        var stored = await app.Registrations.FindAsync(result.RegistrationId!.Value);
        Assert.Equal("Ђорђе Παπαδόπουλος-O'Brien", stored!.FullName);
    }

    [Fact]
    public async Task RegisterAsync_WhenHoneypotFilled_StoresNothing()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var input = RegistrationAppFactory.ValidInput("bot@example.org", edition);
        input.Website = "http://spam.example";
        var result = await app.Writer.RegisterAsync(edition.Id, input, Attendee);
        Assert.Equal(RegisterOutcome.Ignored, result.Outcome);
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
    }

    [Fact]
    public async Task RegisterAsync_WhenOneIpSubmitsTooOften_RefusesAndStoresNothingMore()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        var caller = RegistrationCaller.Attendee("203.0.113.99");
        var outcomes = new List<RegisterOutcome>();
        for (var i = 0; i < 12; i++)
            outcomes.Add((await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"rl{i}@example.org", edition), caller)).Outcome);
        Assert.Equal(10, outcomes.Count(o => o == RegisterOutcome.Registered));
        Assert.Equal(2, outcomes.Count(o => o == RegisterOutcome.RateLimited));
        await using var db = await app.DbAsync();
        Assert.Equal(10, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
    }

    [Fact]
    public async Task RegisterAsync_Always_StoresOnlyTheHashOfTheManageToken()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("token@example.org", edition), Attendee);
        var token = result.ManageToken!;
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length * 8 >= 128);

        await using var db = await app.DbAsync();
        var stored = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == result.RegistrationId);
        Assert.Equal(RegistrationRules.Sha256Hex(token), stored.ManageTokenHash);
        Assert.DoesNotContain(token, stored.ManageTokenProtected ?? "");
        if (db.Database.IsSqlite())
        {
            // Nothing in the whole database file holds the raw token.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            var files = Directory.GetFiles(app.DataFolder, "*.db*").Select(f => { using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); });
            var needle = System.Text.Encoding.UTF8.GetBytes(token);
            Assert.All(files, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(needle)));
        }
        else
        {
            // PostgreSQL: no row of any table holds the raw token in any column (each row as its text form).
            var tables = await TestDatabase.TableNamesAsync(db);
            Assert.Contains("Registrations", tables);
            foreach (var table in tables)
            {
                var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" t WHERE strpos(t::text, {0}) > 0"; // a name from the catalog
                var hits = (await db.Database.SqlQueryRaw<long>(sql, token).ToListAsync()).Single();
                Assert.True(hits == 0, $"{table} holds the raw manage token.");
            }
        }
        Assert.Equal(result.RegistrationId, (await app.Registrations.FindByTokenAsync(token))!.Id);
        Assert.Null(await app.Registrations.FindByTokenAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public async Task EraseAsync_WhenRequested_BlanksPersonalDataAndKeepsStatisticalFields()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 1);
        var input = RegistrationAppFactory.ValidInput("erase@example.org", edition);
        input.Phone = "+381 18 123 456";
        input.DietaryNeeds = "Vegetarian";
        input.OrganisationType = OrganisationType.AcademiaResearch;
        input.CountryCode = "BG";
        var result = await app.Writer.RegisterAsync(edition.Id, input, Attendee);
        var waiting = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("next@example.org", edition), Attendee);
        var before = (await app.Registrations.FindAsync(result.RegistrationId!.Value))!;

        await app.Privacy.EraseAsync(before.Id, Attendee);

        var after = (await app.Registrations.FindAsync(before.Id))!;
        Assert.NotNull(after.AnonymisedUtc);
        Assert.Equal("", after.FirstName);
        Assert.Equal("", after.LastName);
        Assert.Equal("", after.Email);
        Assert.Equal("", after.Organisation);
        Assert.Null(after.Phone);
        Assert.Null(after.DietaryNeeds);
        Assert.Null(after.JobTitle);
        Assert.Null(after.ManageTokenProtected);
        Assert.DoesNotContain("erase@", after.EmailNormalized);
        Assert.Equal("BG", after.CountryCode);
        Assert.Equal(OrganisationType.AcademiaResearch, after.OrganisationType);
        Assert.Equal(before.CategoryId, after.CategoryId);
        Assert.Equal(before.CreatedUtc, after.CreatedUtc);
        Assert.Equal(before.DaysAttending, after.DaysAttending);
        Assert.Equal(before.EmailHash, after.EmailHash);
        Assert.Equal(RegistrationStatus.Cancelled, after.Status);
        // The freed seat went to the waiting list.
        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(waiting.RegistrationId!.Value))!.Status);
        await using var db = await app.DbAsync();
        var continent = await db.Countries.Where(c => c.Code == after.CountryCode).Select(c => c.Continent).SingleAsync();
        Assert.Equal(DaysOfClusters.Web.Features.Geography.Continent.Europe, continent);
    }

    [Fact]
    public async Task ApproveAsync_WhenCategoryNeedsApproval_MovesPendingToConfirmedAndRejectFreesNothing()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 10);
        var press = categories.Single(c => c.Name == "Press");
        var a = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("press1@example.org", edition, press.Id), Attendee);
        var b = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("press2@example.org", edition, press.Id), Attendee);
        Assert.Equal(RegistrationStatus.Pending, a.Status);

        var organiser = RegistrationCaller.Organiser("organiser@example.org");
        Assert.True(await app.Lifecycle.ApproveAsync(a.RegistrationId!.Value, organiser));
        Assert.True(await app.Lifecycle.RejectAsync(b.RegistrationId!.Value, organiser));

        Assert.Equal(RegistrationStatus.Confirmed, (await app.Registrations.FindAsync(a.RegistrationId.Value))!.Status);
        Assert.Equal(RegistrationStatus.Rejected, (await app.Registrations.FindAsync(b.RegistrationId.Value))!.Status);
        var trail = await app.AuditTrail.ListAsync(a.RegistrationId.Value);
        Assert.Equal(["Registered", "Approved"], trail.Select(t => t.Action));
        Assert.Equal("organiser@example.org", trail[1].Actor);
        await using var db = await app.DbAsync();
        Assert.Equal(1, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);
    }

    [Fact]
    public async Task RegisterAsync_WhenCategoryIsFull_WaitlistsEvenWithEditionSeatsLeft()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 50, c => c.Single(x => x.Name == "Exhibitor").Capacity = 2);
        var exhibitor = categories.Single(c => c.Name == "Exhibitor");
        var statuses = new List<RegistrationStatus>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"ex{i}@example.org", edition, exhibitor.Id), Attendee)).Status!.Value);
        var delegateResult = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("delegate@example.org", edition), Attendee);

        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], statuses);
        Assert.Equal(RegistrationStatus.Confirmed, delegateResult.Status);
        await using var db = await app.DbAsync();
        Assert.Equal(3, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);
    }

    [Fact]
    public async Task RegisterAsync_WhenInvitedToFullEdition_ConfirmsInPresetCategoryOnce()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 1);
        var guest = categories.Single(c => c.Name == "Invited guest");
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("fills@example.org", edition), Attendee);
        var link = await app.Invitations.CreateAsync(edition.Id, guest.Id, null, "EC officer", RegistrationCaller.Organiser("org"));
        var token = link[(link.IndexOf("invitation=", StringComparison.Ordinal) + "invitation=".Length)..];

        var input = RegistrationAppFactory.ValidInput("ec.officer@example.eu", edition);
        input.InvitationToken = token;
        var invited = await app.Writer.RegisterAsync(edition.Id, input, Attendee);
        var again = RegistrationAppFactory.ValidInput("someone.else@example.eu", edition);
        again.InvitationToken = token;
        var reused = await app.Writer.RegisterAsync(edition.Id, again, Attendee);

        Assert.Equal(RegistrationStatus.Confirmed, invited.Status);
        Assert.Equal(guest.Id, (await app.Registrations.FindAsync(invited.RegistrationId!.Value))!.CategoryId);
        Assert.Equal(RegisterOutcome.Invalid, reused.Outcome);
        Assert.True(reused.Errors.ContainsKey(nameof(RegistrationInput.InvitationToken)));
        await using var db = await app.DbAsync();
        Assert.Equal(2, await db.Registrations.CountAsync(r => r.EditionId == edition.Id));
        Assert.DoesNotContain(token, (await db.Invitations.SingleAsync(i => i.EditionId == edition.Id)).TokenHash);
    }

    [Fact]
    public async Task PromoteAsync_WhenWaitlisted_ConfirmsBeyondCapacity()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 1);
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("p1@example.org", edition), Attendee);
        var waiting = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("p2@example.org", edition), Attendee);

        Assert.True(await app.Lifecycle.PromoteAsync(waiting.RegistrationId!.Value, RegistrationCaller.Organiser("org")));

        Assert.Equal(RegistrationStatus.Confirmed, (await app.Registrations.FindAsync(waiting.RegistrationId.Value))!.Status);
        await using var db = await app.DbAsync();
        Assert.Equal(2, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == edition.Id)).Confirmed);
    }

    [Fact]
    public async Task OfferFreeSeatsAsync_WhenCapacityRaised_OffersTheNewSeatsInOrder()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 1);
        var ids = new List<int>();
        for (var i = 0; i < 4; i++) ids.Add((await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"raise{i}@example.org", edition), Attendee)).RegistrationId!.Value);
        await using (var db = await app.DbAsync())
            await db.Editions.Where(e => e.Id == edition.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, 3));

        Assert.Equal(2, await app.Seats.OfferFreeSeatsAsync(edition.Id, "org"));

        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(ids[1]))!.Status);
        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(ids[2]))!.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await app.Registrations.FindAsync(ids[3]))!.Status);
        Assert.Equal(1, await app.Registrations.WaitlistPositionAsync(ids[3]));
    }

    [Fact]
    public async Task UpdateAsync_WhenAttendeeChangesOrganisation_SavesAndAuditsFieldNamesOnly()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("edit@example.org", edition), Attendee);
        var input = RegistrationInput.From((await app.Registrations.FindAsync(result.RegistrationId!.Value))!);
        input.Organisation = "Novi Klaster d.o.o.";
        var errors = await app.Lifecycle.UpdateAsync(result.RegistrationId.Value, input, Attendee);
        Assert.Empty(errors);
        Assert.Equal("Novi Klaster d.o.o.", (await app.Registrations.FindAsync(result.RegistrationId.Value))!.Organisation);
        var last = (await app.AuditTrail.ListAsync(result.RegistrationId.Value))[^1];
        Assert.Equal("Edited", last.Action);
        Assert.Equal("Organisation", last.Details);

        input.LastName = "<script>";
        var bad = await app.Lifecycle.UpdateAsync(result.RegistrationId.Value, input, Attendee);
        Assert.True(bad.ContainsKey(nameof(RegistrationInput.LastName)));
        Assert.Equal("Petrović", (await app.Registrations.FindAsync(result.RegistrationId.Value))!.LastName);
    }

    [Fact]
    public async Task RegisterAsync_WithDefaultMailer_WritesConfirmationEmlToPickupFolder()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        var before = Directory.Exists(app.PickupFolder) ? Directory.GetFiles(app.PickupFolder, "*.eml").ToHashSet() : [];
        var input = RegistrationAppFactory.ValidInput("pickup@example.org", edition);
        input.Language = "sr-Latn";
        var result = await app.Writer.RegisterAsync(edition.Id, input, Attendee);

        var file = Assert.Single(Directory.GetFiles(app.PickupFolder, "*.eml"), f => !before.Contains(f));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal("pickup@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("prijava potvrđena", message.Subject);
        Assert.Contains($"/manage/{result.ManageToken}", message.TextBody);
    }
}
