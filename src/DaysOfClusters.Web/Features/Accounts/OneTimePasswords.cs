using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DaysOfClusters.Web.Features.Accounts;

/// <summary>
/// One-time passwords (first organiser, new accounts, resets) are valid for a day. The expiry is kept as an Identity user
/// token, so no schema change is needed; accounts without one (made before it existed) count from their creation.
/// </summary>
public static class OneTimePasswords
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Provider = "DaysOfClusters";
    private const string ExpiryName = "OneTimePasswordExpiresUtc";

    public static async Task SetExpiryAsync(UserManager<AppUser> users, AppUser user, TimeProvider clock)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var result = await users.SetAuthenticationTokenAsync(user, Provider, ExpiryName, expires);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>True when the user still has to change a one-time password that is older than a day.</summary>
    public static async Task<bool> IsExpiredAsync(UserManager<AppUser> users, AppUser user, TimeProvider clock)
    {
        if (!user.MustChangePassword) return false;
        var stored = await users.GetAuthenticationTokenAsync(user, Provider, ExpiryName);
        var expires = DateTime.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : DateTime.SpecifyKind(user.CreatedUtc, DateTimeKind.Utc).Add(Lifetime);
        return clock.GetUtcNow().UtcDateTime >= expires;
    }
}

/// <summary>
/// A session that must still change its one-time password holds no role: every role-gated page, API, hub and circuit
/// refuses it, whichever way it is reached (HTTP, POST, SignalR, navigation inside a Blazor circuit).
/// </summary>
public sealed class OneTimePasswordClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (!principal.HasClaim(AccountsFeature.MustChangePasswordClaim, "true")) return Task.FromResult(principal);
        foreach (var identity in principal.Identities)
        {
            foreach (var role in identity.FindAll(identity.RoleClaimType).ToList()) identity.TryRemoveClaim(role);
        }
        return Task.FromResult(principal);
    }
}
