using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Accounts;

/// <summary>
/// An open Blazor circuit keeps the principal it started with; this provider re-reads the account every
/// Accounts:CircuitRevalidationSeconds (default 30) and signs the circuit out when the account was disabled, deleted or
/// its security stamp changed (password reset or change, disabling), so an open tab loses its rights within that time.
/// </summary>
public sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identityOptions, IOptions<AccountsOptions> accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(accounts.Value.CircuitRevalidationSeconds);

    protected override TimeSpan RevalidationInterval => _interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await IsStillValidAsync(users, identityOptions.Value, authenticationState.User);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<AppUser> users, IdentityOptions options, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(user);
    }
}
