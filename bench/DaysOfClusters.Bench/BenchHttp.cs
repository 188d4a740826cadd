using System.Net;
using System.Text.RegularExpressions;

namespace DaysOfClusters.Bench;

/// <summary>A browser-like HTTP client of a <see cref="BenchApp"/>: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public static partial class BenchHttp
{
    public static HttpClient CreateClient(BenchApp app, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseUri, Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>
    /// The first organiser's first log-in over HTTP, as a person does it: the login form with the one-time password the app
    /// printed, then the forced password change; the client keeps the auth cookie.
    /// </summary>
    public static async Task LogInFirstOrganiserAsync(HttpClient client, BenchApp app, string newPassword)
    {
        var (email, oneTimePassword) = app.BootstrapLogin();
        using var login = await PostStaticFormAsync(client, "/account/login", "login", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = oneTimePassword,
        });
        if (RedirectPath(login) != "/account/change-password")
            throw new InvalidOperationException($"Login as {email} answered {(int)login.StatusCode} {RedirectPath(login)}, not a redirect to the password change.");
        using var change = await PostStaticFormAsync(client, "/account/change-password", "change-password", new()
        {
            ["Input.Current"] = oneTimePassword, ["Input.New"] = newPassword, ["Input.Confirm"] = newPassword,
        });
        if (RedirectPath(change) is not { } target || target.StartsWith("/account/", StringComparison.Ordinal))
            throw new InvalidOperationException($"The password change answered {(int)change.StatusCode} {RedirectPath(change)}, not a redirect out of /account/.");
    }

    /// <summary>GETs the page, then posts the named static form with the page's antiforgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> PostStaticFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)page.StatusCode}.");
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync())
            ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName, ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The path of a redirect's target (absolute or relative Location), null when the answer is no redirect.</summary>
    public static string? RedirectPath(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or > 399) return null;
        var location = response.Headers.Location;
        if (location is null) return null;
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
