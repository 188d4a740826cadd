using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Registration;

public sealed partial class RegistrationQuestionsEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DemoSlug = "demo-8th-days-of-clusters";

    [Fact]
    public async Task QuestionsEditor_When_OrganiserAddsAConditionalQuestion_PublicFormOnAPhoneShowsItOnlyAfterTheCheckboxIsTicked()
    {
        var page = await LogInAsync();

        // 1. The editor is reached from the edition's menu in the editions list; it starts empty.
        await OpenEditorAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=questions-empty]")).ToBeVisibleAsync();

        // 2. A checkbox question, then a single choice with limited places shown only when it is ticked.
        await AddQuestionAsync(page, "I attend the conference dinner", "Checkbox");
        await AddQuestionAsync(page, "Dinner menu", "Single choice", async dialog =>
        {
            await dialog.Locator("[data-choice-row='0'] input").First.FillAsync("Meat");
            await dialog.Locator("[data-choice-row='1'] input").First.FillAsync("Fish");
            await dialog.Locator("[data-choice-row='1'] input").Nth(2).FillAsync("2");
            await dialog.Locator("[data-choice-row='1'] input").Nth(2).PressAsync("Tab");
            await SelectAsync(page, dialog, "Condition", "Only if “I attend the conference dinner” …");
        });
        var list = page.Locator("[data-testid=questions-list]");
        await Assertions.Expect(list).ToContainTextAsync("Shown only if “I attend the conference dinner” is ticked");
        await Assertions.Expect(list).ToContainTextAsync("0 of 2 places taken");
        await page.Mouse.MoveAsync(0, 0);
        await BrowserFixture.ScreenshotAsync(page, "questions-editor-desktop");
        var editorOnPhone = await page.Context.NewPageAsync();
        await editorOnPhone.SetViewportSizeAsync(390, 844);
        await editorOnPhone.GotoAsync(page.Url);
        await Assertions.Expect(editorOnPhone.Locator("[data-testid=questions-list]")).ToContainTextAsync("Dinner menu");
        await BrowserFixture.ScreenshotAsync(editorOnPhone, "questions-editor-phone");
        var editorWidth = await editorOnPhone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(editorWidth <= 390, $"The editor is {editorWidth}px wide on a 390px screen.");

        // 3. The public form on a 390px phone: the menu appears only once the dinner is ticked, and fits the screen.
        var phone = await fixture.NewPageAsync(390, 844);
        await phone.GotoAsync($"/e/{DemoSlug}/register");
        var dinner = phone.GetByLabel("I attend the conference dinner");
        await Assertions.Expect(dinner).ToBeVisibleAsync();
        var menuQuestion = phone.GetByText("Dinner menu");
        await Assertions.Expect(menuQuestion).ToBeHiddenAsync();
        await dinner.CheckAsync();
        await Assertions.Expect(menuQuestion).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Fish (2 places left)")).ToBeVisibleAsync();
        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The form is {scrollWidth}px wide on a 390px screen.");
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(phone, "registration-questions-phone");

        await dinner.UncheckAsync();
        await Assertions.Expect(menuQuestion).ToBeHiddenAsync();

        // Without JavaScript nothing can appear live: the menu question is there from the start, saying when it applies.
        var plain = await phone.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, JavaScriptEnabled = false,
        });
        var noScript = await plain.NewPageAsync();
        await noScript.GotoAsync($"/e/{DemoSlug}/register");
        await Assertions.Expect(noScript.GetByText("Dinner menu")).ToBeVisibleAsync();
        await Assertions.Expect(noScript.GetByText("Answer only if you ticked “I attend the conference dinner”.")).ToBeVisibleAsync();
        await plain.CloseAsync();
    }

    private async Task AddQuestionAsync(IPage page, string label, string kind, Func<ILocator, Task>? more = null)
    {
        // One click once the circuit is up: repeated clicks on a slow circuit opened two dialogs.
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Interactive.ReadyAsync(page);
        await page.ClickAsync("[data-testid=add-question]");
        await Assertions.Expect(dialog).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await dialog.Locator("input[data-field=Label]").FillAsync(label);
        await dialog.Locator("input[data-field=Label]").PressAsync("Tab");
        await SelectAsync(page, dialog, "Kind", kind);
        if (more is not null) await more(dialog);
        await page.Mouse.MoveAsync(0, 0);
        await BrowserFixture.ScreenshotAsync(page, "question-dialog-" + kind.Replace(' ', '-').ToLowerInvariant());
        await dialog.Locator("[data-testid=save-question]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=questions-list]")).ToContainTextAsync(label);
    }

    /// <summary>Picks the option with that text from a MudSelect found by its data-field (it stands on the select's combobox).</summary>
    internal static async Task SelectAsync(IPage page, ILocator scope, string field, string option)
    {
        var select = scope.Locator($"[role=combobox][data-field={field}]");
        try
        {
            await Interactive.ChooseAsync(page, select, option);
        }
        catch (TimeoutException)
        {
            await BrowserFixture.ScreenshotAsync(page, $"questions-select-{field}-failed");
            throw;
        }
    }

    /// <summary>Opens the demo edition's question editor as an organiser does: from the edition's menu in the editions list.</summary>
    internal static async Task OpenEditorAsync(IPage page)
    {
        await page.GotoAsync("/organiser/editions");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = "Clusters for a Green and Digital Balkans" });
        var menuItem = page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Registration questions" });
        await Interactive.UntilAsync(
            () => row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Actions" }).ClickAsync(),
            () => menuItem.IsVisibleAsync(),
            "the actions menu opens");
        await menuItem.ClickAsync();
        await page.WaitForURLAsync(QuestionsUrl());
    }

    private async Task<IPage> LogInAsync()
    {
        var page = await fixture.NewPageAsync();
        await OrganiserLogin.FirstLogInAsync(page, fixture.App, "/organiser/editions", "clusters-ask-good-questions");
        await page.WaitForURLAsync("**/organiser/editions");
        return page;
    }

    [GeneratedRegex(@"/organiser/editions/\d+/questions$")]
    private static partial Regex QuestionsUrl();

}
