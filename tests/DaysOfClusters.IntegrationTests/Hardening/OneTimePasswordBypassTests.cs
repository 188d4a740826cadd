using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Attack: working with a one-time password without ever changing it (non-GET requests, APIs, the hub), or with an old one.</summary>
public sealed class OneTimePasswordBypassTests
{
    [Fact]
    public async Task OrganiserEndpoints_When_SessionMustStillChangeItsPassword_RefuseApisPostsAndTheHub()
    {
        await using var app = new AppFactory().Started();
        var user = await app.CreateUserAsync(Roles.Organiser, mustChangePassword: true);
        using var client = app.CreateBrowserlikeClient();
        var login = await AppFactory.PostLoginAsync(client, user.Email!, AppFactory.TestPassword);
        Assert.Equal("/account/change-password", AppFactory.PathOf(login));

        using var api = await client.GetAsync(new Uri("/api/organiser/editions/1/agenda/conflicts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using var post = await client.PostAsync(new Uri("/api/organiser/editions/1/agenda/publish", UriKind.Relative), new StringContent(""));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var negotiate = await client.PostAsync(new Uri("/api/organiser/hubs/checkin/negotiate?negotiateVersion=1", UriKind.Relative), new StringContent(""));
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        // A page still sends the user to change the password; that page itself opens.
        using var page = await client.GetAsync(new Uri("/organiser/editions", UriKind.Relative));
        Assert.Equal("/account/change-password", AppFactory.PathOf(page));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/change-password", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task OneTimePassword_When_OlderThan24Hours_CannotLogIn()
    {
        var clock = new MovableClock();
        await using var app = new AppFactory(services: s => { s.RemoveAll<TimeProvider>(); s.AddSingleton<TimeProvider>(clock); }).Started();
        AccountResult created;
        using (var scope = app.Services.CreateScope())
            created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("door.staff@example.org", "Door", Roles.Staff);
        Assert.True(created.Succeeded);

        clock.Now += TimeSpan.FromHours(25);
        using var client = app.CreateBrowserlikeClient();
        var late = await AppFactory.PostLoginAsync(client, "door.staff@example.org", created.OneTimePassword!);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("id=\"login-error\"", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstOrganiser_When_OneTimePasswordExpiredUnchanged_GetsANewOneAtRestart()
    {
        var clock = new MovableClock();
        void Clock(IServiceCollection s) { s.RemoveAll<TimeProvider>(); s.AddSingleton<TimeProvider>(clock); }
        await using var first = new AppFactory(services: Clock).Started();
        Assert.True(first.BootstrapLogins.Logins.TryDequeue(out var original));

        // Within the day a restart prints nothing new.
        await using (var sameDay = new AppFactory(first.DataFolder, services: Clock).Started())
            Assert.Empty(sameDay.BootstrapLogins.Logins);

        clock.Now += TimeSpan.FromHours(25);
        await using var restarted = new AppFactory(first.DataFolder, services: Clock).Started();
        Assert.True(restarted.BootstrapLogins.Logins.TryDequeue(out var renewed));
        Assert.Equal(original.Email, renewed.Email);
        Assert.NotEqual(original.Password, renewed.Password);

        using var oldClient = restarted.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.PostLoginAsync(oldClient, original.Email, original.Password)).StatusCode);
        using var newClient = restarted.CreateBrowserlikeClient();
        Assert.Equal("/account/change-password", AppFactory.PathOf(await AppFactory.PostLoginAsync(newClient, renewed.Email, renewed.Password)));
    }
}
