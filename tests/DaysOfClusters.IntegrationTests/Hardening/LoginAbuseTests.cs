using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Wraps the real hasher and counts the password checks, so a test sees that an unknown e-mail costs one too.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Attack: locking every door-staff account by guessing on the log-in form, and telling accounts apart by timing.</summary>
public sealed class LoginAbuseTests
{
    [Fact]
    public async Task LoginForm_When_ManyAttemptsFromOneAddress_AnswersTooManyRequests()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["RateLimits:LoginPerIp"] = "5" }).Started();
        using var client = app.CreateBrowserlikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await AppFactory.PostLoginAsync(client, $"staff{i}@example.org", "wrong-password-guess")).StatusCode);
        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact]
    public async Task LoginForm_When_ManyAttemptsOnOneAccount_AnswersTooManyRequestsAndChecksNoPassword()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["RateLimits:LoginPerAccount"] = "3" },
            services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)).Started();
        var staff = await app.CreateUserAsync(Roles.Staff);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = app.CreateBrowserlikeClient();
            statuses.Add((await AppFactory.PostLoginAsync(client, staff.Email!, "wrong-password-guess")).StatusCode);
        }
        var checkedBefore = hasher.Verifications;
        using var fourth = app.CreateBrowserlikeClient();
        // The same account in other letter case is the same account.
        var throttled = await AppFactory.PostLoginAsync(fourth, staff.Email!.ToUpperInvariant(), "wrong-password-guess");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(checkedBefore, hasher.Verifications);
    }

    [Fact]
    public async Task LoginForm_When_EmailIsUnknownOrDisabled_StillChecksAPasswordHash()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new AppFactory(services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)).Started();
        var disabled = await app.CreateUserAsync(Roles.Staff);
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using (var scope = app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(disabled.Id, true, organiser.Id)).Succeeded);

        using var client = app.CreateBrowserlikeClient();
        var before = hasher.Verifications;
        var unknown = await AppFactory.PostLoginAsync(client, "nobody-here@example.org", "wrong-password-guess");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(before + 1, hasher.Verifications);
        var off = await AppFactory.PostLoginAsync(client, disabled.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal(before + 2, hasher.Verifications);
        // Same answer for both: nothing tells an attacker which addresses have accounts.
        Assert.Contains("id=\"login-error\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("id=\"login-error\"", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginForm_When_WrongPasswordsWhileLockedOut_DoNotExtendTheLockout()
    {
        await using var app = new AppFactory().Started();
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++) await AppFactory.PostLoginAsync(client, staff.Email!, "wrong-password-guess");
        var lockedUntil = await LockoutEndAsync(app, staff.Id);
        Assert.NotNull(lockedUntil);

        for (var i = 0; i < 5; i++) await AppFactory.PostLoginAsync(client, staff.Email!, "wrong-password-guess");
        Assert.Equal(lockedUntil, await LockoutEndAsync(app, staff.Id));
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(0, await users.GetAccessFailedCountAsync((await users.FindByIdAsync(staff.Id))!));
    }

    private static async Task<DateTimeOffset?> LockoutEndAsync(AppFactory app, string userId)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetLockoutEndDateAsync((await users.FindByIdAsync(userId))!);
    }
}
