using DaysOfClusters.Web;
using DaysOfClusters.Web.Components;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Certificates;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Maintenance;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Sectors;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Security;
using DaysOfClusters.Web.Features.Statistics;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Links in e-mails never come from a request's Host header: outside Development the public address must be configured.
if (PublicUrls.StartupError(builder.Configuration, builder.Environment.IsDevelopment()) is { } configurationError)
{
    Console.Error.WriteLine(configurationError);
    return 1;
}
// Requests for other host names are refused (400) unless AllowedHosts says otherwise (Development allows any).
if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]) && PublicUrls.PublicHost(builder.Configuration) is { } publicHost)
    builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = [publicHost, "localhost", "127.0.0.1", "[::1]"]);

// The browser hands a page's prerendered state ([PersistentState], e.g. a whole statistics report with its organisation
// and country tables) back to the server when the circuit starts; SignalR's 32 KB default closed such circuits at once.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
// Messages at the bottom: at the default top right they covered the page heading on phones, under the app bar.
builder.Services.AddMudServices(config => config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAppLocalization();
builder.Services.AddAppAccounts();
builder.Services.AddOpenApi();
// Keys in the database: cookies, manage links and encrypted signing keys survive restarts and work on every instance.
// Encrypted there with a key file outside the database, so a backup alone forges nothing.
builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("DaysOfClusters")
    .ProtectKeysWithKeyFile(builder.Configuration, builder.Environment);
builder.Services.AddMail();
builder.Services.AddEditions();
builder.Services.AddCertificates();
builder.Services.AddGeography();
builder.Services.AddRegistration();
builder.Services.AddBadges();
builder.Services.AddStatistics();
builder.Services.AddAgenda();
builder.Services.AddCheckIn();
builder.Services.AddCheckInLiveUpdates(builder.Configuration);
builder.Services.AddMatchmaking();
builder.Services.AddMaintenance();
builder.Services.AddAppSecurity();
builder.Services.AddNetwork();
builder.Services.AddSectors();

// A bad setting stops the start here, in one line naming it, like a missing public address above.
if (Settings.StartupError(builder.Services, builder.Configuration) is { } settingsError)
{
    Console.Error.WriteLine(settingsError);
    return 1;
}

var app = builder.Build();

// First: the scheme and client IP behind a loopback TLS proxy decide HSTS, Secure cookies and rate-limit partitions.
app.UseForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAppSecurity();
app.UseAppLocalization();
app.UseAuthentication();
// Before authorization: a one-time-password session holds no role, and must be sent to change it, not to "access denied".
app.UseMiddleware<MustChangePasswordMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapOperations();
app.MapAppLocalization();
app.MapAccounts();
app.MapEditions();
app.MapCertificates();
app.MapStatistics();
app.MapRegistration();
app.MapBadges();
app.MapAgenda();
app.MapCheckIn();
app.MapMatchmaking();
app.MapMaintenance();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await StartupTasks.RunAsync(app);
app.Run();
return 0;

/// <summary>Public so the test host (WebApplicationFactory) can start the app.</summary>
public partial class Program;
