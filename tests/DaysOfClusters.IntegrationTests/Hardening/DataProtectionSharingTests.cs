using System.Net;
using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// Data-protection keys live in the database, so a second instance on the same database reads what the first made:
/// manage-link tokens, the login cookie and the encrypted badge signing keys.
/// </summary>
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

    [Fact]
    public async Task SecondInstance_When_SameDatabase_OpensTheManageLinkTheFirstSent()
    {
        await using var first = new AppFactory().Started();
        var edition = await first.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 10));
        var result = await first.Services.GetRequiredService<RegistrationWriter>()
            .RegisterAsync(edition.Id, HardeningSeed.Input("jelena.shared@example.org", edition), RegistrationCaller.Attendee("203.0.113.9"));
        Assert.True(result.Succeeded);

        await using var second = new AppFactory(first.DataFolder).Started();
        using var client = RawClient(second);
        using var data = await client.GetAsync(new Uri($"/manage/{result.ManageToken}/data.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("jelena.shared@example.org", await data.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A token changed by one character opens nothing, so the check above is real.
        var token = result.ManageToken!;
        var forged = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        using var refused = await client.GetAsync(new Uri($"/manage/{forged}/data.json", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task SecondInstance_When_SameDatabase_OpensTheEncryptedBadgeSigningKeyTheFirstCreated()
    {
        await using var first = new AppFactory().Started();
        var edition = await CheckIn.CheckInSeed.EditionAsync(first.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), "shared-keys", 1);
        // The first instance creates the edition's key pair and stores the private key encrypted with its key ring.
        var data = "DOC1:badge-to-sign"u8.ToArray();
        var signature = (await first.Services.GetRequiredService<BadgeKeyService>().SigningKeyAsync(edition.EditionId)).SignData(data, HashAlgorithmName.SHA256);
        var stored = await first.WithDbAsync(db => db.EditionSigningKeys.AsNoTracking().SingleAsync(k => k.EditionId == edition.EditionId));
        Assert.DoesNotContain(stored.SpkiBase64, stored.ProtectedPrivateKey, StringComparison.Ordinal);

        await using var second = new AppFactory(first.DataFolder).Started();
        var keys = second.Services.GetRequiredService<BadgeKeyService>();
        // The second decrypts the same private key (it signs what the first verifies), rather than making its own.
        var secondSignature = (await keys.SigningKeyAsync(edition.EditionId)).SignData(data, HashAlgorithmName.SHA256);
        Assert.True((await first.Services.GetRequiredService<BadgeKeyService>().VerificationKeyAsync(edition.EditionId)).VerifyData(data, secondSignature, HashAlgorithmName.SHA256));
        Assert.True((await keys.VerificationKeyAsync(edition.EditionId)).VerifyData(data, signature, HashAlgorithmName.SHA256));
        Assert.Equal(1, await second.WithDbAsync(db => db.EditionSigningKeys.CountAsync(k => k.EditionId == edition.EditionId)));
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
