using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>The first organiser's first log-in, as a person does it, shared by the end-to-end tests that need an organiser.</summary>
public static partial class OrganiserLogin
{
    /// <summary>
    /// Opens <paramref name="protectedPath"/>, is sent to the login form, logs in with the one-time password the app
    /// printed, sets <paramref name="newPassword"/> on the forced change and waits until the app has left /account/.
    /// </summary>
    public static async Task FirstLogInAsync(IPage page, RunningApp app, string protectedPath, string newPassword)
    {
        var (email, oneTimePassword) = app.BootstrapLogin();
        await page.GotoAsync(protectedPath);
        await page.WaitForURLAsync(LoginUrl());
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", oneTimePassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        await page.WaitForURLAsync("**/account/change-password**");
        await page.FillAsync("#current", oneTimePassword);
        await page.FillAsync("#new", newPassword);
        await page.FillAsync("#confirm", newPassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
