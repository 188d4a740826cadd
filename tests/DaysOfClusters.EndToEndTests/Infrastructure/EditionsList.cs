using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>What an organiser does on the editions list (/organiser/editions), shared by the tests that need it.</summary>
public static class EditionsList
{
    /// <summary>Opens the row's actions menu (again, if a click landed before the page was interactive) and opens registration.</summary>
    public static async Task OpenRegistrationAsync(IPage page, ILocator row)
    {
        var openItem = page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Open registration" });
        await Interactive.UntilAsync(
            () => row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Actions" }).ClickAsync(),
            () => openItem.IsVisibleAsync(),
            "the actions menu opens");
        await openItem.ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Open");
    }
}
