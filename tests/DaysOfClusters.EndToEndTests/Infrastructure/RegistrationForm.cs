using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>What a person types into the public registration form.</summary>
public sealed record Registrant(string FirstName, string LastName, string Email, string Organisation, string JobTitle, string Country = "Serbia",
    string OrganisationType = "Cluster organisation", string? Phone = null, string? DietaryNeeds = null, string? AccessibilityNeeds = null);

/// <summary>
/// Fills and submits the public registration form as a person would. The form is a static page posting a plain HTML form
/// (no circuit), so a plain fill, select and check holds: nothing re-renders under the person's fingers.
/// </summary>
public static class RegistrationForm
{
    /// <summary>Fills every field; with a delay each text is typed key by key at that pace (milliseconds per key), as a person types.</summary>
    public static async Task FillAsync(IPage page, Registrant person, float? keyDelay = null, bool networkNews = false)
    {
        await TypeAsync(page, "FirstName", person.FirstName, keyDelay);
        await TypeAsync(page, "LastName", person.LastName, keyDelay);
        await TypeAsync(page, "Email", person.Email, keyDelay);
        if (person.Phone is not null) await TypeAsync(page, "Phone", person.Phone, keyDelay);
        await TypeAsync(page, "Organisation", person.Organisation, keyDelay);
        await page.Locator("select[data-field=OrganisationType]").SelectOptionAsync(new SelectOptionValue { Label = person.OrganisationType });
        await TypeAsync(page, "JobTitle", person.JobTitle, keyDelay);
        await page.Locator("select[data-field=CountryCode]").SelectOptionAsync(new SelectOptionValue { Label = person.Country });
        foreach (var day in await page.Locator("[data-field=DaysAttending] input[type=checkbox]").AllAsync()) await day.CheckAsync();
        if (person.DietaryNeeds is not null) await TypeAsync(page, "DietaryNeeds", person.DietaryNeeds, keyDelay);
        if (person.AccessibilityNeeds is not null) await TypeAsync(page, "AccessibilityNeeds", person.AccessibilityNeeds, keyDelay);
        if (networkNews) await page.Locator("input[data-field=NetworkNewsConsent]").CheckAsync();
        await page.Locator("[data-field=PrivacyConsent] input[type=checkbox]").CheckAsync();
    }

    private static async Task TypeAsync(IPage page, string field, string value, float? keyDelay)
    {
        var input = page.Locator($"input[data-field={field}], textarea[data-field={field}]");
        if (keyDelay is { } delay)
        {
            await input.ClearAsync();
            await input.PressSequentiallyAsync(value, new LocatorPressSequentiallyOptions { Delay = delay });
        }
        else
        {
            await input.FillAsync(value);
        }
        await Assertions.Expect(input).ToHaveValueAsync(value);
    }

    /// <summary>
    /// Presses Register and waits for the answer page: the result, or the form again with its errors, in which case the
    /// test fails with the page's messages and a screenshot.
    /// </summary>
    public static async Task SubmitAsync(IPage page, string name)
    {
        var result = page.Locator("[data-testid=registration-result] [data-status]");
        var errors = page.Locator("[data-testid=form-errors]");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(result.Or(errors)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        if (await result.IsVisibleAsync()) return;
        await BrowserFixture.ScreenshotAsync(page, $"{name}-registration-failed");
        var messages = await page.Locator("[data-testid=form-errors], [data-error]").AllInnerTextsAsync();
        throw new InvalidOperationException($"The registration form gave no result. Messages on the page: [{string.Join(" | ", messages.Where(m => m.Length > 0).Distinct())}]");
    }
}
