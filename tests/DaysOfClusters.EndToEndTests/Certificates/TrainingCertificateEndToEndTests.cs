using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace DaysOfClusters.EndToEndTests.Certificates;

/// <summary>
/// A training from start to certificate, on phones: the organiser creates it in the Training series with a 60 % rule,
/// adds three sessions and a door for each, a trainee registers, staff check her in at two doors, she downloads her
/// certificate from her manage link, and the public verify page confirms it.
/// </summary>
public sealed partial class TrainingCertificateEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390, PhoneHeight = 844;

    [Fact]
    public async Task Training_WhenATraineeAttendsTwoOfThreeSessions_DownloadsACertificateTheVerifyPageConfirms()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Cluster management basics {suffix}";
        var slug = $"e2e-training-{suffix}";
        var day = DateTime.UtcNow.Date.AddDays(30);

        // 1. The organiser creates the training on a phone: the series sets the kind and its certificate rule.
        var organiser = await fixture.NewPageAsync(PhoneWidth, PhoneHeight);
        await OrganiserLogin.FirstLogInAsync(organiser, fixture.App, "/organiser/editions/new", "clusters-are-good-for-you");
        await organiser.GotoAsync("/organiser/editions/new");
        await Interactive.ReadyAsync(organiser);
        await Interactive.ChooseAsync(organiser, organiser.Locator("[role=combobox][data-field=SeriesId]"), "Training");
        await Assertions.Expect(organiser.Locator("[role=combobox][data-field=Kind]")).ToContainTextAsync("Training");
        var threshold = organiser.Locator("input[data-field=CertificateThresholdPercent]");
        await Assertions.Expect(threshold).ToHaveValueAsync("75"); // a training's default
        await Interactive.TypeAsync(organiser, "CertificateThresholdPercent", "60");
        await Interactive.TypeAsync(organiser, "Title", title);
        await Interactive.TypeAsync(organiser, "Slug", slug);
        await Interactive.TypeAsync(organiser, "HostCity", "Leskovac");
        await Interactive.TypeAsync(organiser, "Venue", "Network training centre");
        await Interactive.TypeAsync(organiser, "StartDate", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await organiser.Keyboard.PressAsync("Escape");
        await Interactive.TypeAsync(organiser, "EndDate", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await organiser.Keyboard.PressAsync("Escape");
        await BrowserFixture.ScreenshotAsync(organiser, "training-1-form-phone");
        await organiser.ClickAsync("[data-testid=save-edition]");
        await organiser.WaitForURLAsync("**/organiser/editions");

        var row = organiser.Locator("tr", new PageLocatorOptions { HasText = title });
        var link = row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = title });
        var editionId = EditionIdOf(await link.GetAttributeAsync("href"));
        await EditionsList.OpenRegistrationAsync(organiser, row);

        // 2. Three sessions on the timetable, each through the session dialog.
        await organiser.GotoAsync($"/organiser/editions/{editionId}/agenda");
        await Interactive.ReadyAsync(organiser);
        string[] sessions = ["Cluster governance", "Financing cluster projects", "Going international"];
        string[] starts = ["09:00", "11:00", "14:00"];
        for (var i = 0; i < sessions.Length; i++)
        {
            var dialog = organiser.GetByRole(AriaRole.Dialog);
            // Click again only while no dialog shows: on a loaded machine the dialog can open after the wait, and a second
            // click would then land on its overlay.
            await Interactive.UntilAsync(
                async () =>
                {
                    if (!await dialog.IsVisibleAsync()) await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add session" }).ClickAsync();
                },
                () => dialog.IsVisibleAsync(),
                "the session dialog opens");
            await Interactive.TypeAsync(organiser, "SessionTitle", sessions[i]);
            var start = dialog.GetByLabel("Start (local)");
            await start.FillAsync(starts[i]);
            await start.PressAsync("Tab");
            await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save", Exact = true }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(organiser.GetByText(sessions[i]).First).ToBeVisibleAsync();
        }
        await BrowserFixture.ScreenshotAsync(organiser, "training-2-timetable-phone");

        // 3. A door scanner for each session: attendance is counted there.
        await organiser.GotoAsync($"/organiser/editions/{editionId}/checkin");
        await Interactive.ReadyAsync(organiser);
        var doors = organiser.Locator("[data-testid=point-row]");
        // Again only while the button is enabled: once every session has its door it is disabled, and a click would wait.
        var doorPerSession = organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Door per session" });
        await Interactive.UntilAsync(
            async () =>
            {
                if (await doorPerSession.IsEnabledAsync()) await doorPerSession.ClickAsync();
            },
            async () => await doors.CountAsync() == 3,
            "a door per session is added");
        foreach (var (session, time) in sessions.Zip(starts)) await Assertions.Expect(doors.Filter(new() { HasText = session })).ToContainTextAsync(time);

        // 4. A trainee registers on her phone; the public form is open to anyone for a training.
        var email = $"milena.{suffix}@e2e.example";
        var trainee = await fixture.NewPageAsync(PhoneWidth, PhoneHeight);
        await trainee.GotoAsync($"/e/{slug}/register");
        await RegistrationForm.FillAsync(trainee, new Registrant("Milena", "Stojanović", email, "Klaster Jug", "Project manager"));
        await RegistrationForm.SubmitAsync(trainee, "training");
        var manage = new Uri(await AttendeeMail.ManageLinkAsync(fixture.App.DataFolder, email)).PathAndQuery;
        await trainee.GotoAsync(manage);
        await Assertions.Expect(trainee.Locator("[data-testid=certificate-progress]")).ToContainTextAsync("You have attended 0 of the 3 sessions");
        await Assertions.Expect(trainee.Locator("[data-testid=download-certificate]")).ToHaveCountAsync(0);

        // 5. At the doors of the first two sessions staff find her by name on the scanner (a phone without a camera badge).
        var scanner = await organiser.Context.NewPageAsync();
        await scanner.GotoAsync("/checkin");
        await Interactive.SelectAsync(scanner.GetByLabel("Edition", new() { Exact = true }), title);
        foreach (var session in sessions.Take(2))
        {
            var pointSelect = scanner.GetByLabel("Check-in point", new() { Exact = true });
            var pointName = await pointSelect.Locator("option", new() { HasText = session }).InnerTextAsync();
            await Interactive.SelectAsync(pointSelect, pointName.Trim());
            var search = scanner.GetByLabel("Search by name", new() { Exact = true });
            var hit = scanner.Locator(".cks-hits button", new() { HasText = "Milena Stojanović" });
            await Interactive.UntilAsync(() => search.FillAsync("Stojanović"), () => hit.IsVisibleAsync(), "the search finds the trainee");
            await hit.ClickAsync();
            var result = scanner.Locator("[data-testid=checkin-result]");
            await Assertions.Expect(result).ToHaveAttributeAsync("data-outcome", "accepted");
            await Assertions.Expect(result).ToContainTextAsync(session);
        }
        await BrowserFixture.ScreenshotAsync(scanner, "training-3-scanner-phone");

        // 6. Her manage page now offers the certificate; the PDF carries her name and a signed code.
        await trainee.ReloadAsync();
        await Assertions.Expect(trainee.Locator("[data-testid=certificate-progress]")).ToContainTextAsync("You have attended 2 of the 3 sessions");
        var download = trainee.Locator("[data-testid=download-certificate]");
        await Assertions.Expect(download).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(trainee, "training-4-manage-phone");
        var response = await trainee.Context.APIRequest.GetAsync((await download.GetAttributeAsync("href"))!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var pdfBytes = await response.BodyAsync();
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "training-certificate.pdf"), pdfBytes);
        string code;
        using (var pdf = PdfDocument.Open(pdfBytes))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Milena", text, StringComparison.Ordinal);
            Assert.Contains(title, text, StringComparison.Ordinal);
            code = pdf.Information.Subject ?? throw new InvalidOperationException("The certificate carries no code.");
        }

        // The organiser sees the same attendance on the event's certificates page, and adds the training's supporter.
        await organiser.GotoAsync($"/organiser/editions/{editionId}/certificates");
        var traineeRow = organiser.Locator("[data-testid=certificates-table] tr", new PageLocatorOptions { HasText = "Milena Stojanović" });
        await Assertions.Expect(traineeRow.Locator("[data-testid=attended]")).ToHaveTextAsync("2 / 3");
        await Assertions.Expect(traineeRow).ToContainTextAsync("Earned");
        await BrowserFixture.ScreenshotAsync(organiser, "training-6-certificates-phone");
        await organiser.GotoAsync($"/organiser/editions/{editionId}/partners");
        await Interactive.ReadyAsync(organiser);
        var newPartner = organiser.Locator("[data-testid=new-partner]");
        await Interactive.TypeAsync(organiser, "partner-name", "Regional Development Agency Jug");
        await Interactive.TypeAsync(organiser, "partner-website", "javascript:alert(1)");
        await newPartner.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Add partner" }).ClickAsync();
        await Assertions.Expect(newPartner).ToContainTextAsync("full http or https address");
        await Interactive.TypeAsync(organiser, "partner-website", "https://rra-jug.example");
        await newPartner.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Add partner" }).ClickAsync();
        await Assertions.Expect(organiser.Locator("[data-testid=partner]")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(organiser, "training-7-partners-phone");
        var publicPage = await fixture.NewPageAsync(PhoneWidth, PhoneHeight);
        await publicPage.GotoAsync($"/e/{slug}/register");
        await Assertions.Expect(publicPage.GetByText("Regional Development Agency Jug")).ToBeVisibleAsync();

        // 7. Whoever reads the code (an employer) checks it on the public verify page.
        var employer = await fixture.NewPageAsync(PhoneWidth, PhoneHeight);
        await employer.GotoAsync("/certificates/verify");
        await employer.GetByLabel("Certificate code").FillAsync(code);
        await employer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check" }).ClickAsync();
        var verdict = employer.Locator("[data-testid=verdict]");
        await Assertions.Expect(verdict).ToHaveAttributeAsync("data-verdict", "valid");
        await Assertions.Expect(employer.Locator("[data-testid=holder]")).ToHaveTextAsync("Milena Stojanović");
        await Assertions.Expect(employer.Locator("[data-testid=attendance]")).ToContainTextAsync("2 of 3");
        await BrowserFixture.ScreenshotAsync(employer, "training-5-verify-phone");
    }

    private static int EditionIdOf(string? href) =>
        EditionLink().Match(href ?? "") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No edition id in {href}.");

    [GeneratedRegex(@"/organiser/editions/(\d+)$")]
    private static partial Regex EditionLink();
}
