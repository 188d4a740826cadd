using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Badges;

/// <summary>Who may download which badge, and the printed-state bookkeeping of organisers' print runs.</summary>
public sealed class BadgePrintingTests(BadgesAppFactory app) : IClassFixture<BadgesAppFactory>
{
    private BadgeService Badges => app.Services.GetRequiredService<BadgeService>();

    [Fact]
    public async Task ManageBadge_When_Confirmed_Expected_A6PdfWithTheirName()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (_, token) = await app.AddRegistrationAsync(edition, categories[0], "Şükrü", "Öztürk", country: "TR");
        using var client = app.ClientAs(roles: null);

        var response = await client.GetAsync($"/manage/{token}/badge.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = Assert.Single(document.GetPages());
        Assert.Equal(105, page.Width * 25.4 / 72, 0);
        Assert.Equal(148, page.Height * 25.4 / 72, 0);
        Assert.Contains("Şükrü Öztürk", string.Join(' ', page.GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManageBadge_When_FormatGiven_Expected_ThatPageSize()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (_, token) = await app.AddRegistrationAsync(edition, categories[0], "Ann", "Li");
        using var client = app.ClientAs(roles: null);

        var card = await client.GetAsync($"/manage/{token}/badge.pdf?format=card54x90");
        var bad = await client.GetAsync($"/manage/{token}/badge.pdf?format=A0");

        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        using var document = PdfDocument.Open(await card.Content.ReadAsByteArrayAsync());
        Assert.Equal(54, document.GetPage(1).Width * 25.4 / 72, 0);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData(RegistrationStatus.Waitlisted)]
    [InlineData(RegistrationStatus.Cancelled)]
    [InlineData(RegistrationStatus.Pending)]
    public async Task ManageBadge_When_NotConfirmed_Expected_ConflictWithMessageAndNoBadgeIssued(RegistrationStatus status)
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (registration, token) = await app.AddRegistrationAsync(edition, categories[0], "Ana", "Waiting", status);
        using var client = app.ClientAs(roles: null);

        var response = await client.GetAsync($"/manage/{token}/badge.pdf");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("confirmed registrations only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.IssuedBadges.AnyAsync(b => b.RegistrationId == registration.Id)));
    }

    [Fact]
    public async Task ManageBadge_When_UnknownToken_Expected_NotFound()
    {
        using var client = app.ClientAs(roles: null);

        var response = await client.GetAsync("/manage/this-token-was-never-issued/badge.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RenderAsync_When_NotPrintedYetIsPrinted_Expected_MarkedAndSecondRunFindsNone()
    {
        var (edition, categories) = await app.AddEditionAsync();
        for (var i = 0; i < 5; i++) await app.AddRegistrationAsync(edition, categories[i % 2], $"Person{i}", "Printed");
        await app.AddRegistrationAsync(edition, categories[0], "Wait", "Listed", RegistrationStatus.Waitlisted);
        var before = DateTime.UtcNow.AddSeconds(-1);

        var first = await Badges.RenderAsync(edition.Id, new BadgeSelection(BadgeSelectionKind.NotPrinted), new BadgePrintOptions(), markPrinted: true);
        var second = await Badges.RenderAsync(edition.Id, new BadgeSelection(BadgeSelectionKind.NotPrinted), new BadgePrintOptions(), markPrinted: true);

        Assert.Equal(5, first!.Count);
        Assert.Equal(0, second!.Count);
        var badges = await app.WithDbAsync(db => db.IssuedBadges.Where(b => b.EditionId == edition.Id).ToListAsync());
        Assert.Equal(5, badges.Count);
        Assert.All(badges, b =>
        {
            Assert.Equal(1, b.PrintCount);
            Assert.True(b.PrintedUtc >= before);
        });
        var counts = await Badges.CountsAsync(edition.Id);
        Assert.Equal((5, 5, 0), (counts!.Confirmed, counts.Printed, counts.NotPrinted));
    }

    [Fact]
    public async Task Reissue_When_BadgeWasPrinted_Expected_NewIssueIsNotPrintedYet()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (registration, _) = await app.AddRegistrationAsync(edition, categories[0], "Lost", "Badge");
        await Badges.RenderAsync(edition.Id, new BadgeSelection(BadgeSelectionKind.All), new BadgePrintOptions(), markPrinted: true);

        await Badges.ReissueAsync(edition.Id, registration.Id, "lost");
        var again = await Badges.ResolveAsync(edition.Id, new BadgeSelection(BadgeSelectionKind.NotPrinted));

        Assert.Equal([registration.Id], again);
        var row = await Badges.FindRowAsync(edition.Id, registration.Id);
        Assert.Equal(2, row!.IssueNumber);
        Assert.Null(row.PrintedUtc);
    }

    [Fact]
    public async Task ResolveAsync_When_CategoryOrSelection_Expected_ConfirmedOfThatEditionOnly()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (other, otherCategories) = await app.AddEditionAsync();
        var speaker = (await app.AddRegistrationAsync(edition, categories[1], "Sam", "Speaker")).Registration.Id;
        var speakerCancelled = (await app.AddRegistrationAsync(edition, categories[1], "Cam", "Cancelled", RegistrationStatus.Cancelled)).Registration.Id;
        var delegateId = (await app.AddRegistrationAsync(edition, categories[0], "Del", "Egate")).Registration.Id;
        var foreign = (await app.AddRegistrationAsync(other, otherCategories[0], "Other", "Edition")).Registration.Id;

        var byCategory = await Badges.ResolveAsync(edition.Id, new BadgeSelection(BadgeSelectionKind.Category, CategoryId: categories[1].Id));
        var picked = await Badges.ResolveAsync(edition.Id, BadgeSelection.Of(delegateId, foreign, speakerCancelled, speaker));

        Assert.Equal([speaker], byCategory);
        Assert.Equal([delegateId, speaker], picked);
    }

    [Fact]
    public async Task PrintJob_When_StartedByOrganiser_Expected_ProgressToTotalThenDownloadForThemOnly()
    {
        var (edition, categories) = await app.AddEditionAsync();
        for (var i = 0; i < 12; i++) await app.AddRegistrationAsync(edition, categories[0], $"Batch{i}", "Attendee");
        using var organiser = app.ClientAs("Organiser", "printer@example.org");
        using var otherOrganiser = app.ClientAs("Organiser", "someone-else@example.org");

        var start = await organiser.PostAsJsonAsync($"/api/organiser/editions/{edition.Id}/badges/print-jobs",
            new BadgesFeature.PrintRequest(new BadgeSelection(BadgeSelectionKind.All), BadgeFormat.SheetA4x4A6, DoubleSided: true));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = (await start.Content.ReadFromJsonAsync<BadgesFeature.PrintJobDto>())!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (job.State == "Running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            job = (await organiser.GetFromJsonAsync<BadgesFeature.PrintJobDto>($"/api/organiser/editions/{edition.Id}/badges/print-jobs/{job.Id}"))!;
        }

        Assert.Equal("Completed", job.State);
        Assert.Equal((12, 12, 12), (job.Count, job.Done, job.Total));
        var file = await organiser.GetAsync($"/api/organiser/editions/{edition.Id}/badges/print-jobs/{job.Id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var document = PdfDocument.Open(await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(6, document.NumberOfPages); // 3 sheets of 4, each with its back
        Assert.Equal(HttpStatusCode.NotFound, (await otherOrganiser.GetAsync($"/api/organiser/editions/{edition.Id}/badges/print-jobs/{job.Id}/file")).StatusCode);
        Assert.Equal(12, (await Badges.CountsAsync(edition.Id))!.Printed);
    }

    [Fact]
    public async Task OrganiserEndpoints_When_AnonymousOrStaff_Expected_Refused()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (registration, _) = await app.AddRegistrationAsync(edition, categories[0], "Ann", "Li");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/organiser/editions/{editionId:int}/badges", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        using var anonymous = app.ClientAs(roles: null);
        using var staff = app.ClientAs("Staff");

        foreach (var endpoint in endpoints)
        {
            var url = endpoint.RoutePattern.RawText!
                .Replace("{editionId:int}", edition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{jobId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{registrationId:int}", registration.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var m, ..] ? m : "GET";
            foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (staff, HttpStatusCode.Forbidden) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST") request.Content = JsonContent.Create(new BadgesFeature.PrintRequest(new BadgeSelection(BadgeSelectionKind.All)));
                var response = await client.SendAsync(request);
                Assert.True(expected == response.StatusCode, $"{method} {url}: {response.StatusCode}, expected {expected}");
            }
        }
        Assert.False(await app.WithDbAsync(db => db.IssuedBadges.AnyAsync(b => b.EditionId == edition.Id)));
    }

    [Fact]
    public async Task BadgesPage_When_Organiser_Expected_PrerendersCountsAndTabs()
    {
        var (edition, categories) = await app.AddEditionAsync();
        await app.AddRegistrationAsync(edition, categories[0], "Ann", "Li");
        await app.AddRegistrationAsync(edition, categories[1], "Bo", "Ng");
        using var organiser = app.ClientAs("Organiser");
        using var staff = app.ClientAs("Staff");

        var page = await organiser.GetAsync($"/organiser/editions/{edition.Id}/badges");
        var refused = await staff.GetAsync($"/organiser/editions/{edition.Id}/badges");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("2 not printed yet", html, StringComparison.Ordinal);
        Assert.Contains("By category", html, StringComparison.Ordinal);
        Assert.Contains("Print 2 not printed yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2 not printed yet", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
