using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>A lost badge cannot enter by the short code or hex printed on it (issue 15, item 9).</summary>
public sealed class RevokedBadgeShortCodeTests(WalkInFixture fixture) : CheckInAttackTestBase(fixture), IClassFixture<WalkInFixture>
{
    [Fact]
    public async Task ScanAsync_WhenALostBadgeWasReissued_ItsPrintedShortCodeAndHexAreRefusedAndTheNewOnesEnter()
    {
        var edition = await EditionAsync(1);
        var registrationId = edition.RegistrationIds[0];
        var lost = (await Get<BadgeIssuer>().CurrentAsync(registrationId))!;
        var replacement = (await Get<BadgeService>().ReissueAsync(edition.EditionId, registrationId, "lost at the coffee break"))!;
        var service = Get<CheckInService>();
        var staff = ScanActor.ForUser("attack-test");

        foreach (var code in new[] { lost.ShortCode, lost.ShortCode.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal), BadgeTicketId.ToHex(lost.Badge.TicketIdValue), lost.QrText })
        {
            var result = (await service.ScanAsync(new ScanRequest(code, edition.PointId), staff))!;
            Assert.True(result.Outcome == ScanOutcome.Refused, $"the lost badge's code {code} answered {result.Outcome}");
            Assert.Equal(ScanReasons.Revoked, result.ReasonCode);
        }
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(replacement.ShortCode, edition.PointId), staff))!.Outcome);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(BadgeTicketId.ToHex(replacement.Badge.TicketIdValue), edition.SecondPointId), staff))!.Outcome);

        // The offline scanner's download lists the lost ticket as revoked and never as someone who may enter.
        var list = (await Get<ScannerLookups>().OfflineListAsync(edition.Slug))!;
        var lostHex = BadgeTicketId.ToHex(lost.Badge.TicketIdValue);
        Assert.DoesNotContain(list.Attendees, a => a.Ticket == lostHex);
        Assert.Contains(list.Revoked, r => r.Ticket == lostHex && r.Reason == "lost at the coffee break");
    }

    [Fact]
    public async Task ScanAsync_WhenATicketHasARevokedIssueAndNoIssueIsTyped_RefusesTheAmbiguousShortCode()
    {
        // Badges reissued before tickets were renewed on every issue share the ticket: the printed short code cannot say which one it is.
        var edition = await EditionAsync(1);
        var registrationId = edition.RegistrationIds[0];
        var first = (await Get<BadgeIssuer>().CurrentAsync(registrationId))!;
        await using (var db = await Db.CreateDbContextAsync())
        {
            await db.IssuedBadges.Where(b => b.Id == first.Badge.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.RevokedUtc, DateTime.UtcNow).SetProperty(b => b.RevokedReason, "lost"));
            db.IssuedBadges.Add(new IssuedBadge
            {
                EditionId = edition.EditionId, RegistrationId = registrationId, TicketId = first.Badge.TicketId, IssueNumber = 2,
                CategoryCode = first.Badge.CategoryCode, IssuedUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var result = (await Get<CheckInService>().ScanAsync(new ScanRequest(first.ShortCode, edition.PointId), ScanActor.ForUser("attack-test")))!;
        Assert.Equal(ScanOutcome.Refused, result.Outcome);
        Assert.Equal(ScanReasons.Revoked, result.ReasonCode);
    }
}
