using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Network;

/// <summary>The demo app in Chromium: a person picks a suggested directory organisation on the public form; the organiser finds the registration under it.</summary>
public sealed partial class NetworkEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DemoSlug = "demo-8th-days-of-clusters";
    private const string Organisation = "Klaster kreativnih industrija Niš (demo)";

    [Fact]
    public async Task PublicForm_WhenPersonTypesKlasterAndPicksSuggestion_OrganiserSeesRegistrationUnderThatOrganisation()
    {
        var email = $"ana.{Guid.NewGuid().ToString("N")[..8]}@e2e.example";
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync($"/e/{DemoSlug}/register");
        await RegistrationForm.FillAsync(page, new Registrant("Ana", "Đorđević", email, "klaster", "Cluster manager"));

        // The organisation field suggests directory entries as the person types (a native list filled from a JSON endpoint).
        var organisation = page.Locator("input[data-field=Organisation]");
        await organisation.ClearAsync();
        await organisation.PressSequentiallyAsync("klaster", new LocatorPressSequentiallyOptions { Delay = 30 });
        var suggestion = page.Locator($"datalist#{await organisation.GetAttributeAsync("list")} option[value=\"{Organisation}\"]");
        await Assertions.Expect(suggestion).ToBeAttachedAsync();
        // Picking the suggestion puts its name into the field, as the browser's list does.
        await organisation.FillAsync((await suggestion.GetAttributeAsync("value"))!);
        await Assertions.Expect(organisation).ToHaveValueAsync(Organisation);
        await RegistrationForm.SubmitAsync(page, "network");

        // The organiser finds the person under the picked organisation.
        var desk = await fixture.NewPageAsync();
        await OrganiserLogin.FirstLogInAsync(desk, fixture.App, "/organiser/organisations", "clusters-are-good-for-you");
        await desk.GotoAsync("/organiser/organisations");
        var search = desk.Locator("input[data-field=OrganisationSearch]");
        var row = desk.Locator("[data-testid=organisations-table] tr", new PageLocatorOptions { HasText = Organisation });
        await Interactive.UntilAsync(() => search.FillAsync("kreativnih"), async () => await row.CountAsync() == 1
            && await desk.Locator("[data-testid=organisations-table] tbody tr").CountAsync() == 1, "the directory search narrows the list");
        await BrowserFixture.ScreenshotAsync(desk, "network-organisations-desktop");
        await row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = Organisation }).ClickAsync();
        var registrations = desk.Locator("[data-testid=organisation-registrations]");
        await Assertions.Expect(registrations).ToContainTextAsync(email);
        await Assertions.Expect(registrations).ToContainTextAsync("Ana Đorđević");
        await BrowserFixture.ScreenshotAsync(desk, "network-organisation-desktop");

        // While logged in: the past editions and the all-editions statistics with their aggregate-only editions.
        await desk.GotoAsync("/organiser/past-editions");
        await Assertions.Expect(desk.Locator("[data-testid=past-editions-table]")).ToContainTextAsync("6th Days of Clusters");
        await BrowserFixture.ScreenshotAsync(desk, "network-past-editions-desktop");
        await desk.Locator("[data-testid=past-editions-table]").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "5th Days of Clusters" }).ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=figures-total]")).ToContainTextAsync("280");
        await BrowserFixture.ScreenshotAsync(desk, "network-past-edition-desktop");
        await desk.GotoAsync("/organiser/statistics?edition=all");
        await Assertions.Expect(desk.Locator("[data-testid=headline-aggregate-note]")).ToContainTextAsync("1st Days of Clusters");
        var editions = await (await desk.Context.APIRequest.GetAsync("/api/organiser/statistics/all/editions.csv")).TextAsync();
        Assert.Equal(6, editions.Split('\n').Count(line => line.TrimEnd('\r').EndsWith(",yes", StringComparison.Ordinal))); // the six aggregate-only editions
        await BrowserFixture.ScreenshotAsync(desk, "network-statistics-all-desktop");
        // "By organisation" (the statistics page's CSV of that table, with the organiser's cookie): the new registration counts there.
        var csv = await (await desk.Context.APIRequest.GetAsync("/api/organiser/statistics/all/organisations.csv")).TextAsync();
        Assert.Contains($"{Organisation} (RS),1,", csv.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The network's reach across its series: the demo conference is in the page's default period.
        await desk.GotoAsync("/organiser/network-statistics");
        var network = desk.Locator("[data-testid=network-figures] tr[data-series=network]");
        await Assertions.Expect(network).ToContainTextAsync("Whole network");
        await Assertions.Expect(desk.Locator("[data-testid=network-figures] tr[data-series=dofc]")).ToContainTextAsync("Days of Clusters");
        await BrowserFixture.ScreenshotAsync(desk, "network-reach-desktop");
    }
}
