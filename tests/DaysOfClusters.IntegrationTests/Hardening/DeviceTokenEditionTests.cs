using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Device tokens read and write only their own edition (issue 15, item 2): no other edition's points, people or personal data; the name search does not probe e-mail addresses.</summary>
public sealed class DeviceTokenEditionTests(WalkInFixture fixture) : CheckInAttackTestBase(fixture), IClassFixture<WalkInFixture>
{
    private async Task<(string FirstName, string LastName, string Organisation, string Email)> PersonAsync(int registrationId)
    {
        await using var db = await Db.CreateDbContextAsync();
        var r = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == registrationId);
        return (r.FirstName, r.LastName, r.Organisation, r.Email);
    }

    [Fact]
    public async Task PostCheckIn_WhenDeviceScansARegistrationOfAnotherEdition_RefusesWithoutTheirPersonalData()
    {
        var own = await EditionAsync(1);
        var other = await EditionAsync(1);
        await using (var db = await Db.CreateDbContextAsync())
            await db.Registrations.Where(r => r.Id == other.RegistrationIds[0])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FirstName, "Secretname").SetProperty(r => r.Organisation, "Hidden Cluster Ltd").SetProperty(r => r.CountryCode, "JP"));
        using var device = await DeviceClientAsync(own.EditionId);

        var response = await device.PostAsJsonAsync(new Uri("/api/checkin", UriKind.Relative),
            new { point = own.PointId, registrationId = other.RegistrationIds[0], nonce = Guid.NewGuid().ToString("N") });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = System.Text.Json.JsonSerializer.Deserialize<CheckInApiResponse>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal("refused", answer.Outcome);
        Assert.Null(answer.Attendee);
        Assert.DoesNotContain("Secretname", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Cluster", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Japan", body, StringComparison.Ordinal);

        // Nonces are chosen by the client: re-sending one stored by the other edition's desk must not replay that scan's attendee.
        var otherNonce = $"walk-in-{other.RegistrationIds[0]}";
        Assert.Equal(ScanOutcome.Accepted, (await Get<CheckInService>().ScanAsync(
            new ScanRequest(null, other.PointId, otherNonce, RegistrationId: other.RegistrationIds[0]), ScanActor.ForUser("other-desk")))!.Outcome);
        var replayed = await device.PostAsJsonAsync(new Uri("/api/checkin", UriKind.Relative), new { point = own.PointId, code = "7MFR-02AD-WVS01", nonce = otherNonce });
        var replayedOffline = await device.PostAsJsonAsync(new Uri("/api/checkin/batch", UriKind.Relative), new[] { new { point = own.PointId, code = "7MFR-02AD-WVS01", nonce = otherNonce } });
        foreach (var text in new[] { await replayed.Content.ReadAsStringAsync(), await replayedOffline.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("Secretname", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Hidden Cluster", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"accepted\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DeviceToken_WhenItScansSearchesOrCountsAtAPointOfAnotherEdition_IsRefusedAndNothingIsWritten()
    {
        var own = await EditionAsync(1);
        var other = await EditionAsync(3);
        var otherCode = (await Get<BadgeIssuer>().CurrentAsync(other.RegistrationIds[0]))!.QrText;
        using var device = await DeviceClientAsync(own.EditionId);

        var search = await device.GetAsync(new Uri($"/api/checkin/search?point={other.PointId}&q=ana", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, search.StatusCode);
        // The 404 may be a rendered page (whose random tokens can hold any three letters): look for the seeded surname and the hit's fields.
        var searchBody = await search.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Petrovi", searchBody, StringComparison.Ordinal);
        Assert.DoesNotContain("registrationId", searchBody, StringComparison.Ordinal);
        var inside = await device.GetAsync(new Uri($"/api/checkin/points/{other.PointId}/inside", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, inside.StatusCode);

        var scan = await device.PostAsJsonAsync(new Uri("/api/checkin", UriKind.Relative), new { code = otherCode, point = other.PointId, nonce = Guid.NewGuid().ToString("N") });
        Assert.NotEqual(HttpStatusCode.OK, scan.StatusCode);
        var batch = await device.PostAsJsonAsync(new Uri("/api/checkin/batch", UriKind.Relative),
            new[] { new { code = otherCode, point = other.PointId, nonce = Guid.NewGuid().ToString("N") } });
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal("[null]", await batch.Content.ReadAsStringAsync());
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.ScanLog.AnyAsync(s => s.EditionId == other.EditionId), "a device wrote into another edition's scan log");

        // Its own edition still answers.
        var ownSearch = await device.GetFromJsonAsync<List<AttendeeSearchHit>>(new Uri($"/api/checkin/search?point={own.PointId}&q=ana", UriKind.Relative));
        Assert.Single(ownSearch!);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync(new Uri($"/api/checkin/points/{own.PointId}/inside", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SearchAsync_WhenQueryIsPartOfAnEmailAddress_FindsNobody_ByNameOrOrganisation_FindsThem()
    {
        var edition = await EditionAsync(2);
        var person = await PersonAsync(edition.RegistrationIds[0]);
        var service = Get<ScannerLookups>();

        // person1@<slug>.example: the slug appears in no name or organisation, only in the e-mail.
        Assert.Empty(await service.SearchAsync(edition.PointId, edition.Slug));
        Assert.Empty(await service.SearchAsync(edition.PointId, person.Email.Split('@')[0]));
        Assert.Contains(await service.SearchAsync(edition.PointId, person.LastName), h => h.RegistrationId == edition.RegistrationIds[0]);
        Assert.Contains(await service.SearchAsync(edition.PointId, person.Organisation), h => h.RegistrationId == edition.RegistrationIds[0]);
    }
}
