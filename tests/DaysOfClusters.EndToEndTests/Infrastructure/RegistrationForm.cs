using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>Submits the public registration form as a person would, and says why when no registration came of it.</summary>
public static class RegistrationForm
{
    /// <summary>
    /// Clicks Register until the result shows. A click can be swallowed while the page settles (a list closing, a
    /// re-render under load): a person would click again, and the page ignores a click while one is being processed.
    /// When the form answers with errors, or nothing happens, the test fails with the page's messages and a screenshot.
    /// </summary>
    public static async Task SubmitAsync(IPage page, string name)
    {
        var result = page.Locator("[data-testid=registration-result] [data-status]");
        var errors = page.Locator("[data-testid=form-errors]");
        var submit = page.Locator("[data-testid=submit-registration]");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await result.IsVisibleAsync()) return;
            try { await submit.ClickAsync(new LocatorClickOptions { Timeout = 10_000 }); }
            catch (TimeoutException) { }
            for (var wait = 0; wait < 200 && !await result.IsVisibleAsync() && !await errors.IsVisibleAsync(); wait++)
                await Task.Delay(100);
            if (await result.IsVisibleAsync()) return;
            if (await errors.IsVisibleAsync()) break;
        }
        await BrowserFixture.ScreenshotAsync(page, $"{name}-registration-failed");
        var messages = await page.Locator("[data-testid=form-errors], .mud-input-helper-text.mud-input-error, .mud-input-error").AllInnerTextsAsync();
        throw new InvalidOperationException($"The registration form gave no result. Messages on the page: [{string.Join(" | ", messages.Where(m => m.Length > 0).Distinct())}]");
    }
}
