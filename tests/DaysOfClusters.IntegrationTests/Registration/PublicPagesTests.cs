using System.Net;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class PublicPagesTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task ManagePage_WhenTextHoldsMarkup_ShowsItAsText()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        var input = RegistrationAppFactory.ValidInput("markup@example.org", edition);
        input.DietaryNeeds = "<script>alert('x')</script> no nuts";
        var result = await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();

        var html = await client.GetStringAsync($"/manage/{result.ManageToken}");

        Assert.Contains("Milica Petrović", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script>alert('x')</script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("download=\"my-registration.json\"", html);
    }

    [Theory]
    [InlineData("/manage/not-a-real-token", "Link not valid")]
    [InlineData("/manage/not-a-real-token/agenda", "This link is not valid.")]
    [InlineData("/manage/not-a-real-token/matchmaking", "This manage link is not valid.")]
    [InlineData("/e/no-such-edition/register", "Edition not found")]
    [InlineData("/e/no-such-edition/agenda", "Edition not found")]
    [InlineData("/e/no-such-edition/sessions/1", "This session does not exist")]
    [InlineData("/unsubscribe/not-a-real-token", "This unsubscribe link is not valid.")]
    public async Task PublicPage_WhenSlugOrTokenUnknown_Answers404WithItsOwnMessage(string path, string message)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, html);
    }

    [Theory]
    [InlineData("/e/no-such-edition/register")]
    [InlineData("/e/no-such-edition/agenda")]
    public async Task EditionPage_WhenEditionUnknown_PointsToTheOpenEditionsOnTheHomePage(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("The home page lists the editions that are open.", html);
        Assert.Contains("href=\"/\"", html);
    }

    [Fact]
    public async Task AgendaPage_WhenEditionKnownButAgendaUnpublished_Answers200AndSaysSo()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        using var client = app.CreateClient();
        var response = await client.GetAsync($"/e/{edition.Slug}/agenda");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The agenda has not been published yet.", html);
    }

    [Fact]
    public async Task RegisterPage_WhenEditionOpen_RendersTheFormWithHoneypotAndPrivacyLink()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        using var client = app.CreateClient();
        var response = await client.GetAsync($"/e/{edition.Slug}/register");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"submit-registration\"", html);
        Assert.Contains("tabindex=\"-1\"", html);
        Assert.Contains("aria-hidden=\"true\"", html);
        Assert.Contains("href=\"/privacy\"", html);
    }

    [Fact]
    public async Task ManageDataJson_WhenTokenValid_ReturnsOwnDataOnly()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        var mine = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("mine@example.org", edition), RegistrationCaller.Attendee(null));
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("other@example.org", edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();
        var json = await client.GetStringAsync($"/manage/{mine.ManageToken}/data.json");
        Assert.Contains("mine@example.org", json);
        Assert.DoesNotContain("other@example.org", json);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/nope/data.json")).StatusCode);
    }

    [Fact]
    public async Task OrganiserCsvExport_WhenAnonymous_IsRefused()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 5);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/api/organiser/editions/{edition.Id}/registrations.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
