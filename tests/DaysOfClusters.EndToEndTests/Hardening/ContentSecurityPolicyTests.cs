using System.Collections.Concurrent;
using DaysOfClusters.EndToEndTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Hardening;

/// <summary>
/// Chromium under the app's real Content-Security-Policy: Blazor's circuit, MudBlazor's components and the scanner's
/// module must still work, with no violation reported anywhere; and the organiser downloads a backup from the menu.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task InteractivePages_When_UnderTheCsp_WorkWithoutViolationsAndTheBackupDownloads()
    {
        var page = await fixture.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") console.Enqueue($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => console.Enqueue($"pageerror: {e}");
        // Violations are events in the page too (e.g. for inline styles or eval), recorded before any script of the app runs.
        await page.Context.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

        // Home page, then the login form (a static form post under form-action 'self').
        var home = await page.GotoAsync("/");
        Assert.Contains("nonce-", home!.Headers["content-security-policy"], StringComparison.Ordinal);
        var (email, oneTimePassword) = fixture.App.BootstrapLogin();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", oneTimePassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        await page.WaitForURLAsync("**/account/change-password");
        const string newPassword = "content-security-policy-ok";
        await page.FillAsync("#current", oneTimePassword);
        await page.FillAsync("#new", newPassword);
        await page.FillAsync("#confirm", newPassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        await page.WaitForURLAsync("**/organiser/**");

        // An interactive form: typing reaches the server over the circuit (WebSocket) and the counter follows.
        await page.GotoAsync("/organiser/editions/new");
        await Interactive.UntilAsync(
            () => page.Locator("input[data-field=Title]").FillAsync("Under a strict policy"),
            async () => await page.GetByText("21 / 200").CountAsync() > 0,
            "the title counter follows typing once the circuit is up");

        // The menu leads to the maintenance page; its button downloads a database that SQLite finds intact.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Maintenance" }).ClickAsync();
        await page.WaitForURLAsync("**/organiser/maintenance");
        await Assertions.Expect(page.Locator("[data-testid=database-info]")).ToContainTextAsync("days-of-clusters.db");
        await BrowserFixture.ScreenshotAsync(page, "maintenance-backup");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-backup]"));
        Assert.Matches(@"^days-of-clusters-\d{4}-\d{2}-\d{2}-\d{6}Z\.db$", download.SuggestedFilename);
        var file = Path.Combine(fixture.App.DataFolder, "browser-" + download.SuggestedFilename);
        await download.SaveAsAsync(file);
        await using (var backup = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            await backup.OpenAsync();
            await using var command = backup.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
        }

        // The static registration form: its own script fetches organisation suggestions into the datalist under the policy.
        await page.GotoAsync("/e/demo-8th-days-of-clusters/register");
        await page.Locator("input[data-field=Organisation]").PressSequentiallyAsync("klaster", new LocatorPressSequentiallyOptions { Delay = 30 });
        await Assertions.Expect(page.Locator("datalist option").First).ToBeAttachedAsync();

        // The static scanner page loads its module (dynamic import) under the same policy.
        await page.GotoAsync("/checkin");
        await Assertions.Expect(page.Locator("#checkin-root[data-mounted=true]")).ToBeAttachedAsync();
        await page.WaitForTimeoutAsync(1000);

        var violations = await page.EvaluateAsync<string[]>("window.__csp");
        var reported = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)).ToList();
        Assert.True(violations.Length == 0 && reported.Count == 0,
            "CSP violations: " + string.Join(" | ", violations.Concat(reported)));
        Assert.DoesNotContain(console, m => m.StartsWith("pageerror", StringComparison.Ordinal));

        // Control: the policy is enforced and the listener hears it, so the empty list above means something.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");
        await page.WaitForTimeoutAsync(500);
        Assert.Contains(await page.EvaluateAsync<string[]>("window.__csp"), v => v.StartsWith("script-src", StringComparison.Ordinal));
        Assert.True(await page.EvaluateAsync<bool>("window.__ran === undefined"), "An inline script without the nonce ran.");
    }
}
