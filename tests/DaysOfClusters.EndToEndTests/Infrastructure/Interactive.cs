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
    /// An open list (its options, as a person sees them) is waited out first. Only when a click cannot land (a field that still has focus, an autocomplete that
    /// has just closed its list, sat over the box for 30 s once) does the focus leave, as when a person taps elsewhere:
    /// leaving an autocomplete whose pick is still on its way to the server can undo the pick, so never before that.
    /// </summary>
    /// <param name="mudLists">
    /// False on a form of native controls: a native select's options are always in the page (with their option role), and
    /// there is no MudBlazor list to wait out.
    /// </param>
    public static Task CheckAsync(ILocator box, bool mudLists = true) =>
        UntilAsync(async () =>
        {
            if (await box.IsCheckedAsync()) return;
            if (mudLists) await Assertions.Expect(box.Page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });
            try { await box.ClickAsync(new LocatorClickOptions { Timeout = 5_000 }); }
            catch (TimeoutException)
            {
                await box.Page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
            }
        }, () => box.IsCheckedAsync(), "the checkbox stays ticked", attempts: 6);

    /// <summary>
    /// Types into a MudBlazor text field and leaves it, so its change event reaches the server, and checks the text is still
    /// there a moment later: a re-render for an earlier step (a picked suggestion filling other fields) that lands between
    /// the typing and the change event puts the field back to the server's empty value. That was seen under load, so the
    /// typing is repeated until it stays.
    /// </summary>
    public static async Task TypeAsync(IPage page, string field, string value)
    {
        var input = page.Locator($"input[data-field={field}], textarea[data-field={field}]");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await input.FillAsync(value);
            await input.PressAsync("Tab");
            await Task.Delay(250);
            if (await input.InputValueAsync() == value) return;
        }
        throw new TimeoutException($"The field {field} does not keep the text typed into it.");
    }

    /// <summary>
    /// Picks an option of a native select by its text, as a person does with the phone's own picker, and leaves the field;
    /// picks again if a late render of the server put the old value back (as <see cref="TypeAsync"/> does for text).
    /// </summary>
    public static async Task SelectAsync(ILocator select, string option)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await select.SelectOptionAsync(new SelectOptionValue { Label = option });
            await select.PressAsync("Tab");
            await Task.Delay(250);
            if (await select.EvaluateAsync<string>("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text.trim()") == option) return;
        }
        throw new TimeoutException($"The list does not keep the choice {option}.");
    }

    /// <summary>
    /// Picks <paramref name="option"/> from a MudBlazor list (select or autocomplete) as a person does: opens the list (a click on
    /// the field, or <paramref name="open"/>, e.g. typing into an autocomplete), clicks the option, and looks that the list has
    /// closed and the field shows the choice. On a loaded server a click on an option that was still being rendered was lost,
    /// leaving the list open and the field empty (the loaded gate's walk-in failure); a person picks again, and so does this.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator field, string option, Func<Task>? open = null, Func<Task<bool>>? chosen = null)
    {
        // A select shows its choice in its input, or (when the option has content of its own) in the element that replaces it.
        chosen ??= async () => (await field.EvaluateAsync<string>("e => (e instanceof HTMLInputElement ? e.value : e.textContent) ?? ''")).Trim() == option;
        var item = page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).First;
        // Whether this field's own list is open is what the combobox says (aria-expanded); another field's list may be open
        // too (an autocomplete opens on focus), and a tap on this field closes it.
        async Task<bool> Open() => await field.GetAttributeAsync("aria-expanded") == "true";
        async Task<bool> Done() => !await Open() && await chosen();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (await Done()) return;
            var opening = false;
            if (await item.IsVisibleAsync())
            {
                try { await item.ClickAsync(new LocatorClickOptions { Timeout = 5_000 }); }
                catch (TimeoutException) { }
            }
            else if (!await Open())
            {
                await (open?.Invoke() ?? field.ClickAsync());
                opening = true;
            }
            // The server's answer (the list opening or closing, the field's text) can take a while on a loaded machine.
            for (var wait = 0; wait < 30; wait++)
            {
                if (await Done()) return;
                if (opening && await item.IsVisibleAsync()) break;
                await Task.Delay(100);
            }
        }
        if (!await Done()) throw new TimeoutException($"“{option}” could not be chosen: the list stays open or the field does not show it.");
    }
}
