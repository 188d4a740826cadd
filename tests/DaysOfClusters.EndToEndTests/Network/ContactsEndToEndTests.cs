using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Network;

/// <summary>
/// The demo app in Chromium: a person ticks "hear from the network" on the public form, the organiser finds them as a
/// contact, previews and sends the invitation to network members, and a recipient's unsubscribe link works without login.
/// </summary>
public sealed partial class ContactsEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DemoSlug = "demo-8th-days-of-clusters";

    [GeneratedRegex(@"/unsubscribe/[A-Za-z0-9_-]{20,}")]
    private static partial Regex UnsubscribePath();

    [Fact]
    public async Task Contacts_WhenPersonAgreesAndOrganiserSendsInvitations_ContactListedAndUnsubscribeLinkConfirms()
    {
        var email = $"nina.{Guid.NewGuid().ToString("N")[..8]}@e2e.example";
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync($"/e/{DemoSlug}/register");
        await RegistrationForm.FillAsync(page, new Registrant("Nina", "Stojanović", email, "Klaster drvne industrije Jug (demo)", "Project officer"), networkNews: true);
        var news = page.Locator("input[data-field=NetworkNewsConsent]");
        await Assertions.Expect(news).ToBeCheckedAsync();
        await news.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "network-news-consent-phone", fullPage: false);
        await RegistrationForm.SubmitAsync(page, "contacts");

        // The organiser finds the person as a contact who agreed, with the edition in the history.
        var desk = await fixture.NewPageAsync();
        await OrganiserLogin.FirstLogInAsync(desk, fixture.App, "/organiser/contacts", "clusters-are-good-for-you");
        await desk.GotoAsync("/organiser/contacts");
        var search = desk.Locator("input[data-field=ContactSearch]");
        var row = desk.Locator("[data-testid=contacts-table] tbody tr", new PageLocatorOptions { HasText = email });
        await Assertions.Expect(desk.Locator("[data-testid=contacts-count]")).ToBeVisibleAsync();
        await Interactive.ReadyAsync(desk);
        await Interactive.UntilAsync(() => search.FillAsync("stojanovic"),
            async () => await row.CountAsync() == 1 && (await desk.Locator("[data-testid=contacts-count]").TextContentAsync() ?? "").StartsWith("1 contact.", StringComparison.Ordinal),
            "the contact search finds only the person, without accents");
        await Assertions.Expect(row).ToContainTextAsync("Agreed");
        await row.ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=contact-history]")).ToContainTextAsync("8th");
        await BrowserFixture.ScreenshotAsync(desk, "network-contacts-desktop");
        await desk.SetViewportSizeAsync(390, 844);
        await desk.ReloadAsync();   // the layout picks its phone form on load
        await Assertions.Expect(desk.Locator("[data-testid=contacts-table]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(desk, "network-contacts-phone", fullPage: false);
        await desk.SetViewportSizeAsync(1366, 900);

        // Invitations: the network members' contact persons of the demo directory.
        await desk.GotoAsync("/organiser/contacts/invitations");
        var members = desk.Locator("input[data-field=NetworkMembers], [data-field=NetworkMembers] input[type=checkbox]").First;
        var summary = desk.Locator("[data-testid=preview-summary]");
        await Assertions.Expect(desk.Locator("[data-testid=preview]")).ToBeVisibleAsync();
        await Interactive.ReadyAsync(desk);
        // A tick made before the circuit was up is lost: tick (again) until the preview lists the member contact persons.
        await Interactive.UntilAsync(
            async () => { if (!await members.IsCheckedAsync()) await members.CheckAsync(); else { await members.UncheckAsync(); await members.CheckAsync(); } await desk.ClickAsync("[data-testid=preview]"); },
            async () => await summary.CountAsync() > 0 && (await summary.TextContentAsync() ?? "").Contains("jelena@kki.example.org", StringComparison.Ordinal),
            "the preview lists the network members' contact persons", attempts: 6);
        await Assertions.Expect(desk.Locator("[data-testid=message-sr-Latn]")).ToContainTextAsync($"/e/{DemoSlug}/register");
        await Assertions.Expect(desk.Locator("[data-testid=message-en]")).ToContainTextAsync("Invitation:");
        await BrowserFixture.ScreenshotAsync(desk, "network-invitations-preview-desktop");
        await desk.ClickAsync("[data-testid=send]");
        await desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=send-result]")).ToContainTextAsync("Sent");
        await BrowserFixture.ScreenshotAsync(desk, "network-invitations-sent-desktop");

        // A recipient opens the personal unsubscribe link: confirmed at once, no login.
        var pickup = Path.Combine(fixture.App.DataFolder, "mail-pickup");
        var invitation = Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText).First(t => t.Contains("X-DoC-Mail: network-invitation", StringComparison.Ordinal) && t.Contains("jelena@kki.example.org", StringComparison.Ordinal));
        var link = UnsubscribePath().Match(invitation).Value;
        var person = await fixture.NewPageAsync(390, 844);
        await person.GotoAsync(link);
        await Assertions.Expect(person.Locator("[data-testid=unsubscribe-result]")).ToContainTextAsync("You are unsubscribed");
        await BrowserFixture.ScreenshotAsync(person, "network-unsubscribe-phone", fullPage: false);
    }
}
