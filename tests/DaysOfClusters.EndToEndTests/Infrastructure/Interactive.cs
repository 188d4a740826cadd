using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>
/// Pages are prerendered, then become interactive when the Blazor circuit connects; until then clicks and typing are lost.
/// These helpers repeat an action until its visible effect shows, instead of sleeping.
/// </summary>
public static class Interactive
{
    public static async Task UntilAsync(Func<Task> action, Func<Task<bool>> effect, string what, int attempts = 20)
    {
        for (var i = 0; i < attempts; i++)
        {
            await action();
            for (var wait = 0; wait < 10; wait++)
            {
                if (await effect()) return;
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"No effect after {attempts} attempts: {what}.");
    }

    /// <summary>Types into a MudBlazor text field and leaves it, so its change event reaches the server.</summary>
    public static async Task TypeAsync(IPage page, string field, string value)
    {
        var input = page.Locator($"input[data-field={field}], textarea[data-field={field}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
