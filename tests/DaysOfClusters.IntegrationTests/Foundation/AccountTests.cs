using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Foundation;

public sealed class AccountTests(AccountTests.Fixture fixture) : IClassFixture<AccountTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public AppFactory App { get; } = new AppFactory().Started();
        public void Dispose() => App.Dispose();
    }

    private static async Task<string> ChangePasswordFormTokenAsync(HttpClient client)
    {
        var page = await client.GetAsync(new Uri("/account/change-password", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BootstrapOrganiser_When_LoggingInWithOneTimePassword_MustChangeItBeforeAnythingElse()
    {
        var login = Assert.Single(fixture.App.BootstrapLogins.Logins);
        using var client = fixture.App.CreateBrowserlikeClient();

        var loggedIn = await AppFactory.PostLoginAsync(client, login.Email, login.Password);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal("/account/change-password", AppFactory.PathOf(loggedIn));

        // Any other page sends the organiser back to change-password.
        foreach (var path in new[] { "/", "/organiser/editions", "/organiser/accounts" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/change-password", AppFactory.PathOf(response));
        }

        const string newPassword = "a-brand-new-long-password";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = await ChangePasswordFormTokenAsync(client),
            ["Input.Current"] = login.Password,
            ["Input.New"] = newPassword,
            ["Input.Confirm"] = newPassword,
        });
        var changed = await client.PostAsync(new Uri("/account/change-password", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/organiser/editions", AppFactory.PathOf(changed));

        var editions = await client.GetAsync(new Uri("/organiser/editions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, editions.StatusCode);

        using var scope = fixture.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(login.Email);
        Assert.False(user!.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(user, newPassword));
        Assert.False(await users.CheckPasswordAsync(user, login.Password));
    }

    [Fact]
    public async Task Login_When_PasswordIsWrongFiveTimes_LocksTheAccountEvenForTheRightPassword()
    {
        var user = await fixture.App.CreateUserAsync(Roles.Staff);
        using var client = fixture.App.CreateBrowserlikeClient();

        for (var i = 0; i < 5; i++)
        {
            var failed = await AppFactory.PostLoginAsync(client, user.Email!, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await AppFactory.PostLoginAsync(client, user.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("this account is locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await client.GetAsync(new Uri("/account/change-password", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        using var scope = fixture.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
    }

    [Fact]
    public async Task Login_When_PasswordIsWrongOnce_ShowsErrorAndDoesNotSignIn()
    {
        var user = await fixture.App.CreateUserAsync(Roles.Staff);
        using var client = fixture.App.CreateBrowserlikeClient();

        var failed = await AppFactory.PostLoginAsync(client, user.Email!, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("Wrong e-mail or password.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await client.GetAsync(new Uri("/account/change-password", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", AppFactory.PathOf(page));
    }
}
