using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.IntegrationTests.Registrations;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Registration;

/// <summary>The app with its mail going to a real SMTP server (smtp4dev on 127.0.0.1), and Chromium.</summary>
public sealed class RegistrationJourneyFixture : BrowserFixture
{
    public Smtp4devServer Smtp { get; } = new();

    protected override async Task<IDictionary<string, string>?> BeforeAppStartsAsync()
    {
        await Smtp.InitializeAsync();
        return new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = Smtp.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed partial class RegistrationJourneyTests(RegistrationJourneyFixture fixture) : IClassFixture<RegistrationJourneyFixture>
{
    private const int PhoneWidth = 390, PhoneHeight = 844;

    // Steps that wait for the server (a registration that also talks SMTP) get longer on a loaded machine.
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Attendee_When_RegisteringOnAPhoneThenEditingAndCancellingFromTheMailedLink_OrganiserSeesEveryStepInTheDesk()
    {
        var desk = await OrganiserAtTheDeskAsync();
        var email = $"jelena.{Guid.NewGuid():N}"[..20] + "@klaster-jug.example";

        // 1. On a phone: from the home page to the conference's form (among the network's other events), filled in as a person would.
        var phone = await fixture.NewPageAsync(PhoneWidth, PhoneHeight);
        await phone.GotoAsync("/");
        await phone.Locator("[data-testid=open-edition]", new PageLocatorOptions { HasText = "8th Days of Clusters" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Register" }).ClickAsync();
        await phone.WaitForURLAsync(RegisterUrl());
        await RegistrationForm.FillAsync(phone, new Registrant("Jelena", "Đorđević", email, "Klaster Jug", "Cluster manager"));
        Assert.True(await FitsThePhoneAsync(phone), "The registration form scrolls sideways on a phone.");
        await PhoneScreenshotAsync(phone, "registration-form-phone");
        await RegistrationForm.SubmitAsync(phone, "journey");
        var result = phone.Locator("[data-testid=registration-result]");
        await Assertions.Expect(result.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");
        await PhoneScreenshotAsync(phone, "registration-done-phone");

        // The organiser sees the new registration.
        var row = await DeskRowAsync(desk, email, "Klaster Jug");
        await Assertions.Expect(row).ToContainTextAsync("Confirmed");
        await Assertions.Expect(row).ToContainTextAsync("Đorđević");

        // 2. The confirmation reached the SMTP server, with a manage link that works.
        var message = await fixture.Smtp.WaitForMessageToAsync(email, TimeSpan.FromSeconds(60));
        var link = ManageLink().Match(message.PlainText);
        Assert.True(link.Success, $"No manage link in the message:{Environment.NewLine}{message.PlainText}");
        Assert.StartsWith(fixture.App.BaseAddress.ToString().TrimEnd('/'), link.Value, StringComparison.Ordinal);
        await phone.GotoAsync(link.Value);
        await Assertions.Expect(phone.Locator("[data-testid=manage-status]")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Assertions.Expect(phone.Locator("[data-testid=attendee-name]")).ToHaveTextAsync("Jelena Đorđević");

        // 3. The attendee changes their organisation.
        var organisation = phone.Locator("input[data-field=Organisation]");
        await Assertions.Expect(organisation).ToHaveValueAsync("Klaster Jug");
        await organisation.FillAsync("Klaster Jug – Niš");
        await phone.ClickAsync("[data-testid=save-details]");
        // The page answers the post with the saved details and says so beside the Save button.
        await Assertions.Expect(phone.GetByText("Your changes are saved.")).ToBeVisibleAsync(Slow);
        await Assertions.Expect(organisation).ToHaveValueAsync("Klaster Jug – Niš");
        Assert.True(await FitsThePhoneAsync(phone), "The manage page scrolls sideways on a phone.");
        await PhoneScreenshotAsync(phone, "registration-manage-phone");
        row = await DeskRowAsync(desk, email, "Klaster Jug – Niš");
        await Assertions.Expect(row).ToContainTextAsync("Confirmed");

        // 4. …and cancels.
        await phone.ClickAsync("[data-testid=cancel-registration]");
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Yes, cancel" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=manage-status]")).ToHaveAttributeAsync("data-status", "Cancelled");
        await Assertions.Expect(phone.Locator("[data-testid=manage-status]")).ToContainTextAsync("Your registration is cancelled.");
        await PhoneScreenshotAsync(phone, "registration-cancelled-phone");

        // The desk shows the cancellation and, in the detail, the whole trail.
        row = await DeskRowAsync(desk, email, "Klaster Jug – Niš");
        await Assertions.Expect(row).ToContainTextAsync("Cancelled");
        await row.ClickAsync();
        var trail = desk.Locator("[data-testid=audit-trail]");
        await Assertions.Expect(trail).ToBeVisibleAsync(Slow);
        await Assertions.Expect(desk.Locator("[data-testid=detail-status]")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(trail.Locator("tbody tr", new LocatorLocatorOptions { HasText = "Registered" })).ToContainTextAsync("Status Confirmed");
        await Assertions.Expect(trail.Locator("tbody tr", new LocatorLocatorOptions { HasText = "Edited" })).ToContainTextAsync("Organisation");
        await Assertions.Expect(trail.Locator("tbody tr", new LocatorLocatorOptions { HasText = "Cancelled" })).ToContainTextAsync("Was Confirmed");
        await Assertions.Expect(trail.Locator("tbody tr")).ToHaveCountAsync(3);
        await trail.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(desk, "registration-desk-trail", fullPage: false);

        // The cancellation was mailed too.
        var cancelled = await WaitForSecondMessageAsync(email);
        Assert.NotEqual(message.Id, cancelled.Id);
        Assert.Contains("registration cancelled", cancelled.Subject, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first organiser logs in with the printed one-time password, sets a new one and opens the open edition's desk.</summary>
    private async Task<IPage> OrganiserAtTheDeskAsync()
    {
        var page = await fixture.NewPageAsync();
        await OrganiserLogin.FirstLogInAsync(page, fixture.App, "/organiser/registrations", "registration-desk-e2e");
        await page.GotoAsync("/organiser/registrations");
        // Follow the open edition's link as a full page load: a click made while the circuit is still starting can change
        // the address without the router rendering the desk.
        var desk = await page.Locator("a", new PageLocatorOptions { HasText = "8th Days of Clusters" }).Filter(new() { HasText = "(Open)" }).First.GetAttributeAsync("href");
        await page.GotoAsync(desk!);
        await page.WaitForURLAsync(DeskUrl());
        await Assertions.Expect(page.Locator("[data-testid=desk-grid]")).ToBeVisibleAsync(Slow);
        return page;
    }

    /// <summary>Reloads the desk, searches for the e-mail and returns its one row once it shows the expected organisation.</summary>
    private static async Task<ILocator> DeskRowAsync(IPage desk, string email, string organisation)
    {
        await desk.ReloadAsync();
        var search = desk.Locator("input[data-testid=desk-search]");
        var row = desk.Locator("[data-testid=desk-grid] tbody tr", new PageLocatorOptions { HasText = email });
        await Interactive.UntilAsync(
            () => search.FillAsync(email),
            async () => await row.CountAsync() == 1 && (await row.InnerTextAsync()).Contains(organisation, StringComparison.Ordinal),
            $"the desk finds {email} at {organisation}");
        return row;
    }

    private async Task<Smtp4devServer.ReceivedMessage> WaitForSecondMessageAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var all = await fixture.Smtp.MessagesToAsync(email);
            if (all.Count >= 2) return all[^1];
            await Task.Delay(200);
        }
        throw new TimeoutException($"The cancellation message to {email} did not arrive.");
    }

    /// <summary>From the top: a full-page shot of a scrolled page draws the fixed app bar where the view was.</summary>
    private static async Task PhoneScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    private static Task<bool> FitsThePhoneAsync(IPage page) =>
        page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {PhoneWidth}");

    [GeneratedRegex(@"https?://[^\s]+/manage/[A-Za-z0-9_\-]+")]
    private static partial Regex ManageLink();

    [GeneratedRegex(@"/e/[^/]+/register$")]
    private static partial Regex RegisterUrl();

    [GeneratedRegex(@"/organiser/editions/\d+/registrations$")]
    private static partial Regex DeskUrl();

}
