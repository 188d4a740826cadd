using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>Partners' links and logos end up on public pages: only web addresses and real PNG/JPEG images get in.</summary>
public sealed class EventPartnerTests(EventPartnerTests.Fixture fixture) : IClassFixture<EventPartnerTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public Edition Open { get; private set; } = null!;
        public Edition Draft { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var editions = App.Get<EditionService>();
            var open = await editions.SaveAsync(null, EditionInputs.Valid(5, "5th-serbian-cluster-day-" + Guid.NewGuid().ToString("N")[..6], "Serbian Cluster Day"));
            await editions.SetStatusAsync(open.EditionId!.Value, EditionStatus.Open);
            Open = (await editions.FindAsync(open.EditionId.Value))!;
            var draft = await editions.SaveAsync(null, EditionInputs.Valid(6, "6th-draft-" + Guid.NewGuid().ToString("N")[..6], "Not yet public"));
            Draft = (await editions.FindAsync(draft.EditionId!.Value))!;
        }

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private EventPartnerService Partners => fixture.App.Get<EventPartnerService>();

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/")]
    [InlineData("ftp://files.example.org/")]
    [InlineData("www.example.org")]
    public async Task Save_WhenTheWebsiteIsNotAWebAddress_RefusesTheFieldAndStoresNothing(string website)
    {
        var before = await fixture.App.WithDbAsync(db => db.EventPartners.CountAsync());

        var result = await Partners.SaveAsync(fixture.Open.Id, null, new PartnerInput("Embassy of Switzerland", PartnerRole.Partner, website));

        Assert.False(result.Succeeded);
        Assert.Contains("http or https", result.Errors[nameof(PartnerInput.WebsiteUrl)], StringComparison.Ordinal);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.EventPartners.CountAsync()));
    }

    [Fact]
    public async Task SetLogo_WhenTheFileIsNotAPngOrJpeg_RefusesItWhateverItsContent()
    {
        var saved = await Partners.SaveAsync(fixture.Open.Id, null, new PartnerInput("Chamber of Commerce", PartnerRole.CoOrganiser, "https://pks.rs"));
        var svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray();

        var svgError = await Partners.SetLogoAsync(fixture.Open.Id, saved.Id!.Value, svg);
        var hugeError = await Partners.SetLogoAsync(fixture.Open.Id, saved.Id.Value, [.. Png, .. new byte[EventPartner.LogoMaxBytes]]);
        var otherEventError = await Partners.SetLogoAsync(fixture.Draft.Id, saved.Id.Value, Png);

        Assert.Equal("A logo must be a PNG or JPEG image.", svgError);
        Assert.StartsWith("A logo may be at most", hugeError, StringComparison.Ordinal);
        Assert.Equal("This partner no longer exists.", otherEventError);
        Assert.False(await fixture.App.WithDbAsync(db => db.EventPartners.AnyAsync(p => p.Id == saved.Id && p.Logo != null)));
    }

    [Fact]
    public async Task RegisterPage_WhenTheEventHasPartners_ShowsThemWithTheirLogoServedAsAnImage()
    {
        var saved = await Partners.SaveAsync(fixture.Open.Id, null, new PartnerInput("Embassy of Switzerland in Serbia", PartnerRole.Partner, "https://www.eda.admin.ch/belgrade"));
        Assert.Null(await Partners.SetLogoAsync(fixture.Open.Id, saved.Id!.Value, Png));
        using var client = fixture.App.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/e/{fixture.Open.Slug}/register"));
        var logo = await client.GetAsync($"/partners/{saved.Id}/logo");

        Assert.Contains("Embassy of Switzerland in Serbia", html, StringComparison.Ordinal);
        Assert.Contains($"/partners/{saved.Id}/logo", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Logo_WhenTheEventIsStillADraft_IsNotServed()
    {
        var saved = await Partners.SaveAsync(fixture.Draft.Id, null, new PartnerInput("Secret sponsor", PartnerRole.Supporter, null));
        Assert.Null(await Partners.SetLogoAsync(fixture.Draft.Id, saved.Id!.Value, Png));
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync($"/partners/{saved.Id}/logo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_WhenPartnersOfEveryRoleWereAddedInAnyOrder_ListsThemByRoleRank()
    {
        var saved = await fixture.App.Get<EditionService>().SaveAsync(null, EditionInputs.Valid(7, "7th-order-" + Guid.NewGuid().ToString("N")[..6]));
        var id = saved.EditionId!.Value;
        foreach (var (name, role) in new[] { ("Radio Niš", PartnerRole.MediaPartner), ("City of Niš", PartnerRole.Supporter), ("EC", PartnerRole.Partner), ("Cluster House", PartnerRole.CoOrganiser) })
            Assert.True((await Partners.SaveAsync(id, null, new PartnerInput(name, role, null))).Succeeded);

        var listed = await Partners.ListAsync(id);

        Assert.Equal([PartnerRole.CoOrganiser, PartnerRole.Partner, PartnerRole.Supporter, PartnerRole.MediaPartner], listed.Select(p => p.Role));
    }
}
