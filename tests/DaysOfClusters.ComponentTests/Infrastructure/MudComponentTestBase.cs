using Bunit;
using DaysOfClusters.Web;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DaysOfClusters.ComponentTests.Infrastructure;

/// <summary>
/// bUnit context with what the app's components expect: MudBlazor services and a rendered popover provider,
/// loose JS interop (MudBlazor calls JS we do not need to answer), the app's localization and a fixed clock.
/// </summary>
public abstract class MudComponentTestBase : BunitContext, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    protected MudComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLogging();
        Services.AddAppLocalization();
        Clock = new FixedTimeProvider(Now);
        Services.AddSingleton<TimeProvider>(Clock);
        // The registration form's organisation field injects the directory; it reads it only while a person types.
        // bUnit allows no registrations after the first render, so the base provides it for every test.
        Services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite("Data Source=:memory:"));
        Services.AddSingleton<OrganisationService>();
        PopoverProvider = Render<MudPopoverProvider>();
    }

    protected FixedTimeProvider Clock { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers services that only dispose asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Menus, selects and pickers render their content here.</summary>
    protected IRenderedComponent<MudPopoverProvider> PopoverProvider { get; }
}

/// <summary>A clock that stands still unless a test moves it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
