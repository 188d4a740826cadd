using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// Attack: a disabled organiser (or one whose password was reset) keeps working in a tab that was open before. The
/// circuit's authentication state provider is the one a Blazor circuit gets; the test gives it the organiser's
/// principal as the circuit start does and watches it sign the circuit out.
/// </summary>
public sealed class OpenCircuitRevalidationTests
{
    [Theory]
    [InlineData("disable")]
    [InlineData("reset-password")]
    public async Task CircuitAuthenticationState_When_AccountIsDisabledOrReset_BecomesAnonymous(string change)
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["Accounts:CircuitRevalidationSeconds"] = "1" }).Started();
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        var colleague = await app.CreateUserAsync(Roles.Organiser);

        using var circuit = app.Services.CreateScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        using (var scope = app.Services.CreateScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(organiser.Id))!);
            ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        }
        var signedOut = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult(await state);

        // Unchanged, the account stays signed in over several revalidations.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(signedOut.Task.IsCompleted, "The circuit was signed out although nothing changed.");

        using (var scope = app.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var result = change == "disable" ? await accounts.SetDisabledAsync(organiser.Id, true, colleague.Id) : await accounts.ResetPasswordAsync(organiser.Id);
            Assert.True(result.Succeeded);
        }
        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(state.User.Identity?.IsAuthenticated ?? false);
    }
}
