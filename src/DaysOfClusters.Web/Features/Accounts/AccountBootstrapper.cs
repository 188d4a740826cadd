using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Accounts;

public sealed record BootstrapLogin(string Email, string Password);

/// <summary>Where the first organiser's one-time login goes; the console by default, a capturing sink in tests.</summary>
public interface IBootstrapLoginSink
{
    void Publish(BootstrapLogin login);
}

/// <summary>Prints the one-time login to standard output (never to the logs).</summary>
public sealed class ConsoleBootstrapLoginSink : IBootstrapLoginSink
{
    public static readonly ConsoleBootstrapLoginSink Instance = new();

    public void Publish(BootstrapLogin login)
    {
        Console.WriteLine();
        Console.WriteLine("==================== DaysOfClusters: first organiser ====================");
        Console.WriteLine($"  e-mail:   {login.Email}");
        Console.WriteLine($"  password: {login.Password}   (one-time; you will be asked to change it)");
        Console.WriteLine("=========================================================================");
        Console.WriteLine();
    }
}

/// <summary>Creates the roles and, when no organiser exists, one organiser with a one-time password shown once on the console.</summary>
public sealed class AccountBootstrapper(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<AccountsOptions> accounts, TimeProvider clock)
{
    public async Task<BootstrapLogin?> EnsureFirstOrganiserAsync()
    {
        foreach (var role in new[] { Roles.Organiser, Roles.Staff })
        {
            if (!await roles.RoleExistsAsync(role)) Throw(await roles.CreateAsync(new IdentityRole(role)));
        }
        var email = accounts.Value.FirstOrganiserEmail;
        if ((await users.GetUsersInRoleAsync(Roles.Organiser)).Count > 0) return await RenewExpiredAsync(email);

        var password = NewOneTimePassword();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "First organiser",
            MustChangePassword = true, CreatedUtc = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
        };
        Throw(await users.CreateAsync(user, password));
        Throw(await users.AddToRoleAsync(user, Roles.Organiser));
        await OneTimePasswords.SetExpiryAsync(users, user, clock);
        return new BootstrapLogin(email, password);
    }

    /// <summary>The first organiser never changed the one-time password and it expired: a new one, printed like the first.</summary>
    private async Task<BootstrapLogin?> RenewExpiredAsync(string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled || !await users.IsInRoleAsync(user, Roles.Organiser)
            || !await OneTimePasswords.IsExpiredAsync(users, user, clock)) return null;
        var password = NewOneTimePassword();
        Throw(await users.RemovePasswordAsync(user));
        Throw(await users.AddPasswordAsync(user, password));
        Throw(await users.SetLockoutEndDateAsync(user, null));
        Throw(await users.ResetAccessFailedCountAsync(user));
        await OneTimePasswords.SetExpiryAsync(users, user, clock);
        return new BootstrapLogin(email, password);
    }

    /// <summary>18 random characters (about 100 bits) from an alphabet without look-alikes, in groups for typing.</summary>
    public static string NewOneTimePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[18];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        var text = new string(chars);
        return $"{text[..6]}-{text[6..12]}-{text[12..]}";
    }

    private static void Throw(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
