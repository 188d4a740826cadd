using Deque.AxeCore.Playwright;
using DaysOfClusters.EndToEndTests.Agenda;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Registration;

/// <summary>
/// The app with generous per-IP limits: the load test sends many requests from 127.0.0.1, the browser's own address, and
/// must not run the person's page into the page limit.
/// </summary>
public sealed class StaticRegistrationFixture : BrowserFixture
{
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["RateLimits:Pages"] = "100000",
        ["RateLimits:PublicApi"] = "100000",
        ["RateLimits:TokenLinks"] = "100000",
        ["Registration:RateLimit:PermitsPerMinute"] = "1000",
    };

    protected override Task<IDictionary<string, string>?> BeforeAppStartsAsync() => Task.FromResult<IDictionary<string, string>?>(new Dictionary<string, string>(Settings));

    /// <summary>A browser page; with JavaScript off the page is exactly what a plain HTML browser gets.</summary>
    public async Task<IPage> PageAsync(Uri baseAddress, int width, int height, bool javaScript = true, string? theme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
        });
        if (theme is not null)
            await context.AddCookiesAsync([new Cookie { Name = "doc-theme", Value = theme, Domain = baseAddress.Host, Path = "/" }]);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }
}

/// <summary>The public form and the manage page as static pages: with JavaScript off, across a restart, under load; and their accessibility.</summary>
public sealed class StaticRegistrationEndToEndTests(StaticRegistrationFixture fixture) : IClassFixture<StaticRegistrationFixture>
{
    private const string DemoSlug = "demo-8th-days-of-clusters";
    private const int PhoneWidth = 390, PhoneHeight = 844;

    [Fact]
    public async Task Attendee_When_JavaScriptIsOffOnAPhone_RegistersAnsweringTheRequiredQuestionAndChangesTheJobTitleFromTheMailedLink()
    {
        var (slug, question) = await EditionWithARequiredQuestionAsync(withPublishedAgenda: true);
        var email = $"vesna.{Guid.NewGuid():N}"[..18] + "@e2e.example";
        var phone = await fixture.PageAsync(fixture.App.BaseAddress, PhoneWidth, PhoneHeight, javaScript: false);

        // 1. The form, filled without the edition's required question: the server answers with the error beside that
        //    question and everything typed still in place.
        await phone.GotoAsync($"/e/{slug}/register");
        await RegistrationForm.FillAsync(phone, new Registrant("Vesna", "Šćepanović", email, "Klaster Vojvodina", "Project officer"));
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Register", Exact = true }).ClickAsync();
        var questionError = phone.Locator($"[data-error={QuestionRules.FieldOf(question)}]");
        await Assertions.Expect(questionError).ToContainTextAsync("This field is required.");
        await Assertions.Expect(phone.GetByLabel("First name")).ToHaveValueAsync("Vesna");
        await Assertions.Expect(phone.GetByLabel("Last name")).ToHaveValueAsync("Šćepanović");
        await Assertions.Expect(phone.Locator("select[data-field=CountryCode]")).ToHaveValueAsync("RS");
        await Assertions.Expect(phone.Locator("[data-field=PrivacyConsent] input")).ToBeCheckedAsync();
        await Assertions.Expect(phone.Locator("[data-field=DaysAttending] input").First).ToBeCheckedAsync();
        Assert.True(await FitsThePhoneAsync(phone), "The form with its errors scrolls sideways on a phone.");
        await ScreenshotFromTopAsync(phone, "static-register-errors-nojs-phone");

        // 2. Answered and sent again: registered.
        await phone.GetByLabel("Your cluster's website").FillAsync("https://vojvodina.example");
        await RegistrationForm.SubmitAsync(phone, "static-nojs");
        await Assertions.Expect(phone.Locator("[data-testid=registration-result] [data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");

        // 3. The manage link from the e-mail; the job title changed and saved, still without JavaScript.
        var manageLink = await AttendeeMail.ManageLinkAsync(fixture.App.DataFolder, email);
        await phone.GotoAsync(manageLink);
        await Assertions.Expect(phone.Locator("[data-testid=attendee-name]")).ToHaveTextAsync("Vesna Šćepanović");
        var jobTitle = phone.GetByLabel("Job title");
        await Assertions.Expect(jobTitle).ToHaveValueAsync("Project officer");
        await Assertions.Expect(phone.GetByLabel("Your cluster's website")).ToHaveValueAsync("https://vojvodina.example");
        await jobTitle.FillAsync("Head of innovation");
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Your changes are saved.")).ToBeVisibleAsync();
        // Opened afresh (a reload would post again): the page shows what was stored.
        await phone.GotoAsync(manageLink);
        await Assertions.Expect(phone.GetByText("Your changes are saved.")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.GetByLabel("Job title")).ToHaveValueAsync("Head of innovation");
        await Assertions.Expect(phone.GetByLabel("Your cluster's website")).ToHaveValueAsync("https://vojvodina.example");
        Assert.True(await FitsThePhoneAsync(phone), "The manage page scrolls sideways on a phone.");
        await ScreenshotFromTopAsync(phone, "static-manage-nojs-phone");
        var stored = await StoredAsync(fixture.App.DataFolder, email);
        Assert.Equal("Head of innovation", stored.JobTitle);

        // 4. From the manage page to the personal agenda: a session bookmarked with a plain post.
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "My agenda and round tables" }).ClickAsync();
        var panelCard = phone.Locator(".agenda-card", new PageLocatorOptions { HasText = "Financing cluster growth" });
        await panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Bookmark", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Bookmarked: Financing cluster growth");
        await Assertions.Expect(panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove bookmark", Exact = true })).ToBeVisibleAsync();
        await using (var ctx = await AgendaE2ESeed.Db(fixture.App.DataFolder).CreateDbContextAsync())
            Assert.Equal(1, await ctx.Bookmarks.CountAsync(b => b.RegistrationId == stored.Id));
        await phone.GotoAsync(manageLink);

        // 5. The app bar works without a circuit too: the language menu switches to Serbian (country names included) and
        //    the theme button to dark.
        await phone.GetByLabel("Language").ClickAsync();
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Srpski" }).ClickAsync();
        await Assertions.Expect(phone.GetByLabel("Funkcija")).ToHaveValueAsync("Head of innovation");
        await Assertions.Expect(phone.Locator("select[data-field=CountryCode] option:checked")).ToHaveTextAsync("Srbija");
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Tamni režim" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Svetli režim" })).ToBeVisibleAsync();
        Assert.Contains(await phone.Context.CookiesAsync(), c => c.Name == "doc-theme" && c.Value == "dark");
        await ScreenshotFromTopAsync(phone, "static-manage-nojs-sr-dark-phone");
    }

    [Fact]
    public async Task Attendee_When_TheServerRestartsBetweenFillingAndSubmitting_IsRegisteredWithNothingRetyped()
    {
        var first = await RunningApp.StartAsync(StaticRegistrationFixture.Settings);
        RunningApp? second = null;
        try
        {
            var email = $"marko.{Guid.NewGuid():N}"[..18] + "@e2e.example";
            var page = await fixture.PageAsync(first.BaseAddress, PhoneWidth, PhoneHeight);
            await page.GotoAsync($"/e/{DemoSlug}/register");
            var person = new Registrant("Marko", "Janković", email, "Klaster Srem", "Analyst", Phone: "+381 22 555 010", DietaryNeeds: "No pork");
            await RegistrationForm.FillAsync(page, person);

            // The server goes down hard and comes back on the same data and address while the page stays open.
            await first.KillAsync();
            second = await RunningApp.StartAsync(StaticRegistrationFixture.Settings, first.DataFolder, first.BaseAddress.Port);

            await RegistrationForm.SubmitAsync(page, "static-restart");
            await Assertions.Expect(page.Locator("[data-testid=registration-result] [data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");
            var stored = await StoredAsync(first.DataFolder, email);
            Assert.Equal((person.FirstName, person.LastName, person.Organisation, person.JobTitle, person.Phone, person.DietaryNeeds, "RS"),
                (stored.FirstName, stored.LastName, stored.Organisation, stored.JobTitle, stored.Phone, stored.DietaryNeeds, stored.CountryCode));
        }
        finally
        {
            if (second is not null) await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Attendee_When_TypingAtHumanSpeedWhileTheServerIsUnderLoad_HasEveryTypedValueStoredExactly()
    {
        var email = $"ljilja.{Guid.NewGuid():N}"[..19] + "@e2e.example";
        var page = await fixture.PageAsync(fixture.App.BaseAddress, PhoneWidth, PhoneHeight);
        await page.GotoAsync($"/e/{DemoSlug}/register");
        var person = new Registrant("Ljiljana", "Đurić-Šaković", email, "Klaster „Zlatibor“ d.o.o.", "Voditeljka projekata", Country: "North Macedonia",
            OrganisationType: "Academia / Research", Phone: "+389 2 312 456", DietaryNeeds: "Vegetarian; no nuts\nand no sesame", AccessibilityNeeds: "Step-free access");

        // Meanwhile the same app answers pages, suggestions and refused posts as fast as four clients can ask.
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var requests = 0;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            string[] paths = [$"/e/{DemoSlug}/register", "/api/organisations/suggest?q=klaster", "/", $"/e/{DemoSlug}/register?invitation=nope"];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(paths[(worker + requests) % paths.Length], stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    Interlocked.Increment(ref requests);
                }
                catch (OperationCanceledException) { }
            }
        })).ToList();

        try
        {
            await RegistrationForm.FillAsync(page, person, keyDelay: 35);
            await RegistrationForm.SubmitAsync(page, "static-load");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.True(requests > 100, $"Only {requests} requests of load ran while the person typed.");
        var stored = await StoredAsync(fixture.App.DataFolder, email);
        Assert.Equal(
            (person.FirstName, person.LastName, person.Organisation, person.JobTitle, person.Phone, "MK", OrganisationType.AcademiaResearch, person.AccessibilityNeeds),
            (stored.FirstName, stored.LastName, stored.Organisation, stored.JobTitle, stored.Phone, stored.CountryCode, stored.OrganisationType, stored.AccessibilityNeeds));
        Assert.Equal(person.DietaryNeeds, stored.DietaryNeeds?.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaticPages_When_ScannedWithAxeInLightAndDarkOnPhoneAndDesktop_HaveNoSeriousOrCriticalViolations()
    {
        var email = $"axe.{Guid.NewGuid():N}"[..16] + "@e2e.example";
        var setup = await fixture.PageAsync(fixture.App.BaseAddress, 1366, 900);
        await setup.GotoAsync($"/e/{DemoSlug}/register");
        await RegistrationForm.FillAsync(setup, new Registrant("Axe", "Scanner", email, "Klaster A11y", "Tester"));
        await RegistrationForm.SubmitAsync(setup, "static-axe");
        var manage = new Uri(await AttendeeMail.ManageLinkAsync(fixture.App.DataFolder, email)).PathAndQuery;

        var pages = new (string Name, string Path, bool ShowErrors)[]
        {
            ("home", "/", false), ("register", $"/e/{DemoSlug}/register", false), ("register-errors", $"/e/{DemoSlug}/register", true),
            ("manage", manage, false), ("manage-cancel", manage + "?confirm=cancel", false), ("privacy", "/privacy", false),
            ("series", "/series/dofc", false),
        };
        var problems = new List<string>();
        foreach (var theme in new[] { "light", "dark" })
        foreach (var (device, width, height) in new[] { ("phone", PhoneWidth, PhoneHeight), ("desktop", 1366, 900) })
        {
            var page = await fixture.PageAsync(fixture.App.BaseAddress, width, height, theme: theme);
            foreach (var (name, path, showErrors) in pages)
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                if (showErrors)
                {
                    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Register", Exact = true }).ClickAsync();
                    await Assertions.Expect(page.Locator("[data-testid=form-errors]")).ToBeVisibleAsync();
                }
                await ScreenshotFromTopAsync(page, $"static-{name}-{device}-{theme}", fullPage: device == "phone");
                var result = await page.RunAxe();
                problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                    $"{name} {device} {theme}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => string.Join(",", n.Target)))}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// A new open edition of its own (the agenda tests' edition: rooms, a panel, a workshop, a round table), so the demo
    /// edition the other tests fill stays without required questions; its agenda is published when the journey needs it.
    /// </summary>
    private async Task<(string Slug, int QuestionId)> EditionWithARequiredQuestionAsync(bool withPublishedAgenda = false)
    {
        var edition = await AgendaE2ESeed.EditionWithTwoSessionsAsync(fixture.App.DataFolder);
        if (withPublishedAgenda) await AgendaE2ESeed.PublishAsync(fixture.App.DataFolder, edition.EditionId);
        return (edition.Slug, await RequiredQuestionAsync(AgendaE2ESeed.Db(fixture.App.DataFolder), edition.EditionId));
    }

    private static async Task<int> RequiredQuestionAsync(IDbContextFactory<AppDbContext> db, int editionId)
    {
        var questions = new QuestionService(db);
        var errors = await questions.SaveAsync(editionId, new QuestionDraft { Kind = QuestionKind.ShortText, Label = "Your cluster's website", IsRequired = true });
        Assert.Empty(errors);
        return (await questions.ListAsync(editionId)).Single().Id;
    }

    private static async Task<Web.Features.Registration.Registration> StoredAsync(string dataFolder, string email)
    {
        await using var db = await AgendaE2ESeed.Db(dataFolder).CreateDbContextAsync();
        return await db.Registrations.AsNoTracking().SingleAsync(r => r.Email == email);
    }

    private static async Task ScreenshotFromTopAsync(IPage page, string name, bool fullPage = true)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)").ContinueWith(_ => { }, TaskScheduler.Default);
        await BrowserFixture.ScreenshotAsync(page, name, fullPage);
    }

    private static Task<bool> FitsThePhoneAsync(IPage page) =>
        page.Locator("html").EvaluateAsync<bool>($"html => html.scrollWidth <= {PhoneWidth}");
}
