using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Accounts;

public sealed record AccountRow(string Id, string Email, string DisplayName, string Role, bool IsDisabled, bool MustChangePassword, bool IsLockedOut);

public sealed record AccountResult(bool Succeeded, string? Error = null, string? OneTimePassword = null);

/// <summary>Organisers manage staff and organiser accounts; there is no public sign-up.</summary>
public sealed class AccountService(UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<List<AccountRow>> ListAsync()
    {
        var organisers = (await users.GetUsersInRoleAsync(Roles.Organiser)).Select(u => u.Id).ToHashSet();
        var now = clock.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        return all.Select(u => new AccountRow(u.Id, u.Email ?? "", u.DisplayName, organisers.Contains(u.Id) ? Roles.Organiser : Roles.Staff,
            u.IsDisabled, u.MustChangePassword, !u.IsDisabled && u.LockoutEnd > now)).ToList();
    }

    /// <summary>Creates an account with a one-time password that the new user must change at first login.</summary>
    public async Task<AccountResult> CreateAsync(string email, string displayName, string role)
    {
        email = email.Trim();
        if (role is not (Roles.Organiser or Roles.Staff)) return new(false, "Choose the Organiser or the Staff role.");
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100) return new(false, "A name of 1 to 100 characters is required.");
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 254) return new(false, "Enter a valid e-mail address.");
        if (await users.FindByEmailAsync(email) is not null) return new(false, "An account with this e-mail already exists.");
        var password = AccountBootstrapper.NewOneTimePassword();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName.Trim(), MustChangePassword = true,
            CreatedUtc = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return new(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        await OneTimePasswords.SetExpiryAsync(users, user, clock);
        return new(true, OneTimePassword: password);
    }

    public async Task<AccountResult> ResetPasswordAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return new(false, "No such account.");
        var password = AccountBootstrapper.NewOneTimePassword();
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded) return new(false, string.Join(" ", added.Errors.Select(e => e.Description)));
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await OneTimePasswords.SetExpiryAsync(users, user, clock);
        await users.UpdateSecurityStampAsync(user);
        return new(true, OneTimePassword: password);
    }

    /// <summary>Disabling keeps the account (and its audit trail) but locks it out for good and ends its sessions.</summary>
    public async Task<AccountResult> SetDisabledAsync(string userId, bool disabled, string actingUserId)
    {
        if (userId == actingUserId && disabled) return new(false, "You cannot disable your own account.");
        var user = await users.FindByIdAsync(userId);
        if (user is null) return new(false, "No such account.");
        if (disabled && (await users.IsInRoleAsync(user, Roles.Organiser)))
        {
            var activeOrganisers = (await users.GetUsersInRoleAsync(Roles.Organiser)).Count(u => !u.IsDisabled);
            if (activeOrganisers <= 1) return new(false, "The last active organiser cannot be disabled.");
        }
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        return new(true);
    }
}
