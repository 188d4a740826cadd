using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Data-protection keys live in the database, so a second instance on the same database reads what the first made.</summary>
public sealed class DataProtectionSharingTests
{
    [Fact]
    public async Task SecondInstance_When_SameDatabase_ReadsTheFirstInstancesCookieAndProtectedPayloads()
    {
        await using var first = new AppFactory().Started();
        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Protect("manage-token-123");
        var user = await first.CreateUserAsync(Roles.Organiser);
        var authCookie = await LoginCookieAsync(first, user.Email!);

        // A second app instance: its own host, service provider and key-ring cache, on the same database.
        await using var second = new AppFactory(first.DataFolder).Started();
        Assert.Equal("manage-token-123", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Unprotect(payload));

        // The organiser's authentication cookie, issued by the first instance, opens an organiser page on the second.
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(second, authCookie));
        // A tampered cookie is refused, so the check above is real.
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(second, authCookie[..^6] + "AAAAAA"));
    }

    private static HttpClient RawClient(AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpStatusCode> StatusWithCookieAsync(AppFactory app, string cookie)
    {
        using var client = RawClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/organiser/maintenance", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Logs in through the real form by hand, to get hold of the doc.auth cookie itself.</summary>
    private static async Task<string> LoginCookieAsync(AppFactory app, string email)
    {
        using var client = RawClient(app);
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
                ["Input.Email"] = email, ["Input.Password"] = AppFactory.TestPassword,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("doc.auth=", StringComparison.Ordinal));
    }
}
