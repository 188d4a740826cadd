using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.CheckIn;

public sealed class CheckInScanTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    private static readonly ScanActor Staff = ScanActor.ForUser("staff-test");
    private CheckInService Service => app.Get<CheckInService>();

    private Task<(SeededEdition Edition, List<string> Codes)> SeedAsync(int people) => app.CheckInEditionAsync("e", people);

    [Fact]
    public async Task ScanAsync_WhenTwoDevicesScanTheSameBadgeAtOnce_ExactlyOneEntrySucceeds()
    {
        const int rounds = 50;
        var (edition, codes) = await SeedAsync(rounds);
        for (var i = 0; i < rounds; i++)
        {
            using var barrier = new Barrier(2);
            var code = codes[i];
            Task<ScanResult?> Scan(string device) => Task.Run(() =>
            {
                barrier.SignalAndWait();
                return Service.ScanAsync(new ScanRequest(code, edition.PointId, $"{device}-{i}-{Guid.NewGuid():N}"), Staff);
            });
            var results = await Task.WhenAll(Scan("a"), Scan("b"));
            Assert.Equal(1, results.Count(r => r!.Outcome == ScanOutcome.Accepted));
            var loser = Assert.Single(results, r => r!.Outcome != ScanOutcome.Accepted)!;
            Assert.Equal(ScanOutcome.AlreadyInside, loser.Outcome);
            Assert.StartsWith("Already checked in at ", loser.Reason, StringComparison.Ordinal);
            Assert.Contains("at Entrance day 1", loser.Reason, StringComparison.Ordinal);
        }
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(rounds, await db.ScanLog.CountAsync(s => s.EditionId == edition.EditionId && s.Outcome == ScanOutcome.Accepted));
        Assert.Equal(rounds, await db.ScanLog.CountAsync(s => s.EditionId == edition.EditionId && s.Outcome == ScanOutcome.AlreadyInside));
        Assert.Equal(rounds, await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null && p.EntryCount == 1));
    }

    [Fact]
    public async Task ScanAsync_WhenEntryExitEntry_CountsInsideNowAndAcceptsReentry()
    {
        var (edition, codes) = await SeedAsync(2);
        var first = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Accepted, first!.Outcome);
        Assert.Equal(1, first.InsideNow);
        Assert.Equal("Delegate", first.Attendee!.Category);
        Assert.Equal("#1B3A6B", first.Attendee.CategoryColor);
        var exit = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId, Direction: ScanDirection.Exit), Staff);
        Assert.Equal(ScanOutcome.Accepted, exit!.Outcome);
        Assert.Equal(0, exit.InsideNow);
        var exitAgain = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId, Direction: ScanDirection.Exit), Staff);
        Assert.Equal(ScanOutcome.NotInside, exitAgain!.Outcome);
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);
        // Another point is counted on its own.
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(codes[0], edition.SecondPointId), Staff))!.Outcome);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(1, await CheckInQueries.AttendedRegistrationIds(db, edition.EditionId).CountAsync());
        Assert.Equal(0, await CheckInQueries.AttendedRegistrationIds(db, edition.EditionId).CountAsync(id => id == edition.RegistrationIds[1]));
    }

    [Fact]
    public async Task ScanAsync_WhenShortCodeHexOrSearchPick_AcceptsAndNameSearchFinds()
    {
        var (edition, codes) = await SeedAsync(3);
        var issuer = app.Get<BadgeIssuer>();
        var second = (await issuer.CurrentAsync(edition.RegistrationIds[1]))!;
        var byShort = await Service.ScanAsync(new ScanRequest(second.ShortCode.ToLowerInvariant(), edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Accepted, byShort!.Outcome);
        Assert.Equal(edition.RegistrationIds[1], byShort.Attendee!.RegistrationId);
        var third = (await issuer.CurrentAsync(edition.RegistrationIds[2]))!;
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(BadgeTicketId.ToHex(third.Badge.TicketIdValue), edition.SecondPointId), Staff))!.Outcome);
        var hits = await app.Get<ScannerLookups>().SearchAsync(edition.PointId, "petrović1");
        var hit = Assert.Single(hits);
        Assert.False(hit.InsideHere);
        var bySearch = await Service.ScanAsync(new ScanRequest(null, edition.PointId, RegistrationId: hit.RegistrationId), Staff);
        Assert.Equal(ScanOutcome.Accepted, bySearch!.Outcome);
        Assert.Equal(codes.Count, (await app.Get<ScannerLookups>().SearchAsync(edition.PointId, "ana")).Count);
    }

    [Fact]
    public async Task ScanAsync_WhenSameNonceResent_ReturnsStoredOutcomeAndWritesNothing()
    {
        var (edition, codes) = await SeedAsync(1);
        var nonce = Guid.NewGuid().ToString("N");
        var first = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId, nonce), Staff);
        var again = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId, nonce), Staff);
        Assert.Equal(ScanOutcome.Accepted, first!.Outcome);
        Assert.Equal(ScanOutcome.Accepted, again!.Outcome);
        Assert.True(again.Replayed);
        Assert.Equal(first.Attendee, again.Attendee);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.ScanLog.CountAsync(s => s.EditionId == edition.EditionId));
    }

    [Fact]
    public async Task ScanAsync_WhenEveryByteOfAValidCodeIsFlipped_NeverAccepts()
    {
        var (edition, codes) = await SeedAsync(1);
        var raw = Base45.Decode(codes[0][BadgeToken.Prefix.Length..]);
        var outcomes = new List<ScanResult>();
        for (var i = 0; i < raw.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var forged = (byte[])raw.Clone();
                forged[i] ^= mask;
                outcomes.Add((await Service.ScanAsync(new ScanRequest(BadgeToken.Prefix + Base45.Encode(forged), edition.PointId), Staff))!);
            }
        }
        Assert.All(outcomes, o => Assert.Equal(ScanOutcome.Refused, o.Outcome));
        Assert.All(outcomes.Skip(3), o => Assert.Contains(o.ReasonCode, new[] { ScanReasons.Forged, ScanReasons.OtherEdition, ScanReasons.Invalid }));
        Assert.DoesNotContain(outcomes, o => o.ReasonCode == ScanReasons.OtherEdition && o.Attendee is not null);
        // The genuine code still works afterwards.
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);
    }

    [Fact]
    public async Task ScanAsync_WhenCodeAlteredTruncatedOrRandom_RefusesAsInvalidOrForged()
    {
        var (edition, codes) = await SeedAsync(1);
        var code = codes[0];
        var bad = new List<string>
        {
            code[..^1], code[..^3], code[..60], code[..5], "DOC1:", "", "   ", "hello world", code.ToLowerInvariant(), code + "A", code.Replace("DOC1:", "DOC2:", StringComparison.Ordinal),
            "DOC1:" + Base45.Encode(RandomNumberGenerator.GetBytes(80)), BadgeTicketId.ToShortCode(BadgeTicketId.NewId()), BadgeTicketId.ToHex(BadgeTicketId.NewId()),
        };
        var alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (var i = 5; i < code.Length; i += 7)
        {
            var chars = code.ToCharArray();
            chars[i] = alphabet[(alphabet.IndexOf(chars[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            bad.Add(new string(chars));
        }
        foreach (var text in bad)
        {
            var result = await Service.ScanAsync(new ScanRequest(text, edition.PointId), Staff);
            Assert.True(result!.Outcome == ScanOutcome.Refused, $"'{text}' gave {result.Outcome}");
        }
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(code, edition.PointId), Staff))!.Outcome);
    }

    [Fact]
    public async Task ScanAsync_WhenBadgeReissued_RefusesOldIssueWithReasonAndAcceptsNew()
    {
        var (edition, codes) = await SeedAsync(1);
        var reissued = (await app.Get<BadgeIssuer>().ReissueAsync(edition.RegistrationIds[0], "lost"))!;
        var old = await Service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Refused, old!.Outcome);
        Assert.Equal(ScanReasons.Revoked, old.ReasonCode);
        Assert.Contains("lost", old.Reason, StringComparison.Ordinal);
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(reissued.QrText, edition.PointId), Staff))!.Outcome);
        var list = (await app.Get<ScannerLookups>().OfflineListAsync(edition.Slug))!;
        Assert.Contains(list.Revoked, r => r.Issue == 1 && r.Reason == "lost");
        Assert.Contains(list.Attendees, a => a.Issue == 2 && a.RegistrationId == edition.RegistrationIds[0]);
    }

    [Fact]
    public async Task ScanAsync_WhenBadgeOfOtherEditionOrCancelled_Refuses()
    {
        var (edition, _) = await SeedAsync(2);
        var (other, otherCodes) = await SeedAsync(1);
        var result = await Service.ScanAsync(new ScanRequest(otherCodes[0], edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Refused, result!.Outcome);
        Assert.Equal(ScanReasons.OtherEdition, result.ReasonCode);
        Assert.Equal(ScanOutcome.Accepted, (await Service.ScanAsync(new ScanRequest(otherCodes[0], other.PointId), Staff))!.Outcome);

        var issue = (await app.Get<BadgeIssuer>().CurrentAsync(edition.RegistrationIds[1]))!;
        await using (var db = await app.Db.CreateDbContextAsync())
            await db.Registrations.Where(r => r.Id == edition.RegistrationIds[1])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DaysOfClusters.Web.Features.Registration.RegistrationStatus.Cancelled));
        var cancelled = await Service.ScanAsync(new ScanRequest(issue.QrText, edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Refused, cancelled!.Outcome);
        Assert.Equal(ScanReasons.Cancelled, cancelled.ReasonCode);
        Assert.Equal("Registration cancelled", cancelled.Reason);
    }

    [Fact]
    public async Task PostCheckin_WhenAnonymous_Returns401AndWritesNothing()
    {
        var (edition, codes) = await SeedAsync(1);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/checkin", new { code = codes[0], point = edition.PointId, nonce = "anon-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/checkin/{edition.Slug}/attendees")).StatusCode);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.False(await db.ScanLog.AnyAsync(s => s.Nonce == "anon-1"));
    }

    [Fact]
    public async Task PostCheckin_WhenDeviceToken_WorksUntilRevokedThen401()
    {
        var (edition, codes) = await SeedAsync(2);
        var admin = app.Get<CheckInAdminService>();
        var issued = (await admin.IssueDeviceAsync(edition.EditionId, "Desk 2", null))!;
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        var response = await client.PostAsJsonAsync("/api/checkin", new { code = codes[0], point = edition.PointId, nonce = Guid.NewGuid().ToString("N"), scannedAt = DateTimeOffset.UtcNow });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<CheckInApiResponse>())!;
        Assert.Equal("accepted", body.Outcome);
        Assert.Equal("Ana1 Petrović1", body.Attendee!.Name);
        Assert.Equal("Germany", body.Attendee.Country);
        Assert.NotNull(body.CheckedInAt);

        var list = await client.GetFromJsonAsync<OfflineAttendeeListDto>($"/api/checkin/{edition.Slug}/attendees");
        Assert.Equal(2, list!.Attendees.Count);
        Assert.StartsWith("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", list.Spki, StringComparison.Ordinal);

        await using (var db = await app.Db.CreateDbContextAsync())
            Assert.Equal(issued.Device.Id, (await db.ScanLog.SingleAsync(s => s.EditionId == edition.EditionId)).DeviceId);

        Assert.True(await admin.RevokeDeviceAsync(edition.EditionId, issued.Device.Id));
        var refused = await client.PostAsJsonAsync("/api/checkin", new { code = codes[1], point = edition.PointId, nonce = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "docdev_made-up-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/checkin", new { code = codes[1], point = edition.PointId })).StatusCode);
    }

    [Fact]
    public async Task PostBatch_WhenSameOfflineBatchUploadedTwice_ChangesNothing()
    {
        var (edition, codes) = await SeedAsync(4);
        var issued = (await app.Get<CheckInAdminService>().IssueDeviceAsync(edition.EditionId, "Phone 1", null))!;
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        var scannedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var batch = codes.Select((c, i) => new { code = c, point = edition.PointId, nonce = $"offline-{edition.Slug}-{i}", scannedAt = scannedAt.AddSeconds(i) })
            .Append(new { code = codes[0], point = edition.PointId, nonce = $"offline-{edition.Slug}-dup", scannedAt = scannedAt.AddSeconds(30) })
            .Append(new { code = "garbage", point = edition.PointId, nonce = $"offline-{edition.Slug}-bad", scannedAt = scannedAt.AddSeconds(31) })
            .ToList();

        var first = (await (await client.PostAsJsonAsync("/api/checkin/batch", batch)).Content.ReadFromJsonAsync<List<CheckInApiResponse>>())!;
        int logCount, insideCount;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            logCount = await db.ScanLog.CountAsync(s => s.EditionId == edition.EditionId);
            insideCount = await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null);
            Assert.All(await db.ScanLog.Where(s => s.EditionId == edition.EditionId).ToListAsync(), s => Assert.True(s.IsLateUpload));
        }
        var second = (await (await client.PostAsJsonAsync("/api/checkin/batch", batch)).Content.ReadFromJsonAsync<List<CheckInApiResponse>>())!;

        Assert.Equal(new[] { "accepted", "accepted", "accepted", "accepted", "alreadyInside", "refused" }, first.Select(r => r.Outcome));
        Assert.Equal(first.Select(r => (r.Outcome, r.ReasonCode, r.Reason, r.CheckedInAt, r.Attendee)), second.Select(r => (r.Outcome, r.ReasonCode, r.Reason, r.CheckedInAt, r.Attendee)));
        Assert.All(second, r => Assert.True(r.Replayed));
        Assert.Equal(6, logCount);
        Assert.Equal(4, insideCount);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            Assert.Equal(logCount, await db.ScanLog.CountAsync(s => s.EditionId == edition.EditionId));
            Assert.Equal(insideCount, await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null));
        }
        // Checked-in time is the device's scan time, not the upload time.
        Assert.Equal(scannedAt.UtcDateTime, first[0].CheckedInAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ScanBatchAsync_WhenARequestIsUnreadableOrItsPointUnknown_AnswersNullInItsPlaceAndMarksTheOthersLate()
    {
        var (edition, codes) = await SeedAsync(2);
        var nonce = Guid.NewGuid().ToString("N");

        var results = await Service.ScanBatchAsync(
        [
            new ScanRequest(codes[0], edition.PointId, nonce + "-0"),
            null,
            new ScanRequest(codes[1], int.MaxValue, nonce + "-2"),
            new ScanRequest(codes[1], edition.PointId, nonce + "-3"),
        ], Staff);

        Assert.Equal(4, results.Count);
        Assert.Null(results[1]);
        Assert.Null(results[2]);
        Assert.All(new[] { results[0]!, results[3]! }, r =>
        {
            Assert.Equal(ScanOutcome.Accepted, r.Outcome);
            Assert.True(r.IsLateUpload);
        });
        Assert.Equal([nonce + "-0", nonce + "-3"], new[] { results[0]!.Nonce, results[3]!.Nonce });
    }

    [Fact]
    public async Task DashboardAsync_WhenPeopleCheckedIn_CountsByCategoryContinentAndPoint()
    {
        var (edition, codes) = await SeedAsync(8);
        foreach (var code in codes.Take(3)) await Service.ScanAsync(new ScanRequest(code, edition.PointId), Staff);
        await Service.ScanAsync(new ScanRequest("nonsense", edition.PointId), Staff);
        var dashboard = (await app.Get<CheckInAdminService>().DashboardAsync(edition.EditionId))!;
        Assert.Equal(8, dashboard.Registered);
        Assert.Equal(3, dashboard.CheckedIn);
        Assert.Equal(3, dashboard.Arrivals.Sum(a => a.Count));
        Assert.Equal(8, dashboard.ByCategory.Sum(c => c.Registered));
        Assert.Equal(3, dashboard.ByContinent.Sum(c => c.CheckedIn));
        Assert.Equal(3, dashboard.Points.Single(p => p.PointId == edition.PointId).InsideNow);
        Assert.Equal(4, dashboard.LastScans.Count);
        Assert.Equal(ScanOutcome.Refused, dashboard.LastScans[0].Outcome);
    }
}
