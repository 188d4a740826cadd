using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Registration;

/// <summary>
/// The organisers' question dialog on a server that stalls, as a loaded machine does. A class of its own: its app's first
/// organiser logs in once, with the one-time password.
/// </summary>
public sealed class QuestionDialogUnderStallEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task QuestionDialog_When_TheServerStallsWhileTheOrganiserTypes_KeepsWhatWasTyped()
    {
        var page = await fixture.NewPageAsync();
        await OrganiserLogin.FirstLogInAsync(page, fixture.App, "/organiser/editions", "questions-on-a-busy-server");
        await page.WaitForURLAsync("**/organiser/editions");
        await RegistrationQuestionsEndToEndTests.OpenEditorAsync(page);
        await Interactive.ReadyAsync(page);

        var dialog = page.GetByRole(AriaRole.Dialog);
        for (var round = 1; round <= 4; round++)
        {
            var label = $"Stalled question {round}";
            await page.ClickAsync("[data-testid=add-question]");
            // The server is stopped for most of the time while the person types, as on a loaded machine: the dialog's
            // after-render work (focus) and the answers to the typing arrive late and out of step with the keys.
            await using (fixture.App.Stall(TimeSpan.FromMilliseconds(200 * round), TimeSpan.FromMilliseconds(200 * round + 100)))
            {
                await Assertions.Expect(dialog).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
                await dialog.Locator("input[data-field=Label]").FillAsync(label);
                await dialog.Locator("input[data-field=Label]").PressAsync("Tab");
                await RegistrationQuestionsEndToEndTests.SelectAsync(page, dialog, "Kind", "Checkbox");
            }
            await dialog.Locator("[data-testid=save-question]").ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=questions-list]")).ToContainTextAsync(label);
        }
    }

}
