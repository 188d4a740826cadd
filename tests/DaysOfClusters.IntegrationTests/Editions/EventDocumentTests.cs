using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>
/// A round table's minutes: a public document for anyone, a members-only one for the event's confirmed participants
/// through their manage link, and nothing for a link of another event, a withdrawn participant or a draft event.
/// </summary>
public sealed class EventDocumentTests(EventDocumentTests.Fixture fixture) : IClassFixture<EventDocumentTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public Edition RoundTable { get; private set; } = null!;
        public Edition Other { get; private set; } = null!;
        public string MemberToken { get; private set; } = "";
        public string OtherEventToken { get; private set; } = "";
        public string CancelledToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            RoundTable = await EventAsync(2, "3rd-round-table-" + Guid.NewGuid().ToString("N")[..6]);
            Other = await EventAsync(1, "9th-days-of-clusters-" + Guid.NewGuid().ToString("N")[..6]);
            MemberToken = await RegisterAsync(RoundTable, "member");
            OtherEventToken = await RegisterAsync(Other, "outsider");
            CancelledToken = await RegisterAsync(RoundTable, "withdrawn");
            var hash = RegistrationRules.Sha256Hex(CancelledToken);
            await App.WithDbAsync(db => db.Registrations.Where(r => r.ManageTokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled)));
        }

        private async Task<Edition> EventAsync(int seriesId, string slug)
        {
            var editions = App.Get<EditionService>();
            var input = EditionInputs.Valid(3, slug, "Clusters and the EC");
            input.SeriesId = seriesId;
            input.RegistrationOpens = DateTime.UtcNow.Date.AddDays(-1);
            var saved = await editions.SaveAsync(null, input);
            await editions.SetStatusAsync(saved.EditionId!.Value, EditionStatus.Open);
            return (await editions.FindAsync(saved.EditionId.Value))!;
        }

        private async Task<string> RegisterAsync(Edition edition, string who)
        {
            var result = await App.Get<RegistrationWriter>().RegisterAsync(edition.Id, new RegistrationInput
            {
                FirstName = "Ana", LastName = who, Email = $"{who}.{Guid.NewGuid():N}@example.org", Organisation = $"Klaster {who}",
                OrganisationType = OrganisationType.ClusterOrganisation, JobTitle = "Cluster manager", CountryCode = "RS",
                DaysAttending = [edition.StartDate], PrivacyConsent = true,
            }, RegistrationCaller.Organiser("organiser"));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            return result.ManageToken!;
        }

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private EventDocumentService Documents => fixture.App.Get<EventDocumentService>();

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>", "A document must be a PDF.")]
    [InlineData("", "The file is empty.")]
    public async Task Add_WhenTheFileIsNotAPdf_RefusesItAndStoresNothing(string content, string message)
    {
        var before = await fixture.App.WithDbAsync(db => db.EventDocuments.CountAsync());

        var (id, error) = await Documents.AddAsync(fixture.RoundTable.Id, "Minutes and conclusions", System.Text.Encoding.UTF8.GetBytes(content), isPublic: true, "organiser");

        Assert.Null(id);
        Assert.Equal(message, error);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.EventDocuments.CountAsync()));
    }

    [Fact]
    public async Task Add_WhenTheFileIsOverTheLimitOrTheTitleEmpty_RefusesIt()
    {
        var (_, tooLarge) = await Documents.AddAsync(fixture.RoundTable.Id, "Minutes", [.. Pdf, .. new byte[EventDocument.MaxBytes]], isPublic: true, null);
        var (_, untitled) = await Documents.AddAsync(fixture.RoundTable.Id, "   ", Pdf, isPublic: true, null);

        Assert.StartsWith("A document may be at most 10 MB", tooLarge, StringComparison.Ordinal);
        Assert.StartsWith("Give the document a title", untitled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicDocument_WhenDownloaded_IsThePdfWithHeadersThatKeepItAPdf()
    {
        var (id, _) = await Documents.AddAsync(fixture.RoundTable.Id, "Minutes and conclusions", Pdf, isPublic: true, "organiser");
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync($"/e/{fixture.RoundTable.Slug}/documents/{id}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("object-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.EndsWith("-minutes-and-conclusions.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        // Under another event's address the same id is nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/e/{fixture.Other.Slug}/documents/{id}.pdf")).StatusCode);
    }

    [Fact]
    public async Task MembersOnlyDocument_WhenAskedFor_ReachesOnlyThisEventsConfirmedParticipants()
    {
        var (id, _) = await Documents.AddAsync(fixture.RoundTable.Id, "Conclusions (members only)", Pdf, isPublic: false, "organiser");
        using var client = fixture.App.CreateClient();

        var publicly = await client.GetAsync($"/e/{fixture.RoundTable.Slug}/documents/{id}.pdf");
        var member = await client.GetAsync($"/manage/{fixture.MemberToken}/documents/{id}.pdf");
        var otherEvent = await client.GetAsync($"/manage/{fixture.OtherEventToken}/documents/{id}.pdf");
        var withdrawn = await client.GetAsync($"/manage/{fixture.CancelledToken}/documents/{id}.pdf");
        var forged = await client.GetAsync($"/manage/{fixture.MemberToken[..^2]}xx/documents/{id}.pdf");
        var managePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/{fixture.MemberToken}"));

        Assert.Equal(HttpStatusCode.NotFound, publicly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(Pdf, await member.Content.ReadAsByteArrayAsync());
        Assert.True(member.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control: {member.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.NotFound, otherEvent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains($"/documents/{id}.pdf", managePage, StringComparison.Ordinal);
        Assert.Contains("Conclusions (members only)", managePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeriesPage_WhenAPastEventHasPublicMinutes_LinksThemInTheArchiveAndNotTheMembersOnlyOnes()
    {
        var past = EditionInputs.Valid(2, "2nd-round-table-" + Guid.NewGuid().ToString("N")[..6], "Round table of 38 clusters");
        past.SeriesId = 2;
        var saved = await fixture.App.Get<EditionService>().SaveAsync(null, past);
        var id = saved.EditionId!.Value;
        var lastYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1);
        await fixture.App.WithDbAsync(db => db.Editions.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StartDate, lastYear).SetProperty(e => e.EndDate, lastYear).SetProperty(e => e.Status, EditionStatus.Archived)));
        var (minutes, _) = await Documents.AddAsync(id, "Minutes and conclusions", Pdf, isPublic: true, "organiser");
        var (internalNotes, _) = await Documents.AddAsync(id, "Internal notes", Pdf, isPublic: false, "organiser");
        using var client = fixture.App.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/series/round-table"));

        Assert.Contains($"href=\"/e/{past.Slug}/documents/{minutes}.pdf\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/documents/{internalNotes}.pdf", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal notes", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicDocument_WhenTheEventIsADraft_IsNotServed()
    {
        var draft = EditionInputs.Valid(4, "4th-draft-" + Guid.NewGuid().ToString("N")[..6]);
        var saved = await fixture.App.Get<EditionService>().SaveAsync(null, draft);
        var (id, _) = await Documents.AddAsync(saved.EditionId!.Value, "Minutes", Pdf, isPublic: true, "organiser");
        using var client = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/e/{draft.Slug}/documents/{id}.pdf")).StatusCode);
    }
}
