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

    /// <summary>Waits until the Blazor circuit has replaced the prerendered page (the layout marks it), so typing is no longer lost.</summary>
    public static Task ReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = 60_000 });

    /// <summary>
    /// Ticks a MudBlazor checkbox and checks that it stays ticked: a click while a popover closes or a re-render lands can be
    /// undone by the server's next render, which Playwright's CheckAsync reports as "did not change its state".
    /// A field that still has focus (an autocomplete that has just closed its list) can sit over the box while the page
    /// settles, so the focus leaves first, as when a person taps elsewhere, and a click that cannot land is tried again.
    /// </summary>
    public static Task CheckAsync(ILocator box) =>
        UntilAsync(async () =>
        {
            if (await box.IsCheckedAsync()) return;
            await box.Page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
            try { await box.ClickAsync(new LocatorClickOptions { Timeout = 5_000 }); }
            catch (TimeoutException) { } // intercepted while the layout moved: the next attempt clicks again
        }, () => box.IsCheckedAsync(), "the checkbox stays ticked", attempts: 6);

    /// <summary>Types into a MudBlazor text field and leaves it, so its change event reaches the server.</summary>
    public static async Task TypeAsync(IPage page, string field, string value)
    {
        var input = page.Locator($"input[data-field={field}], textarea[data-field={field}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
