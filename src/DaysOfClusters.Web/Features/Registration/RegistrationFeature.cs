using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Registration;

public static class RegistrationFeature
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<IEditionCloneStep, CategoryCloneStep>();
        services.AddSingleton<IEditionCloneStep, QuestionCloneStep>();
        services.AddSingleton<QuestionService>();
        services.AddSingleton<DemoSeeder>();
        services.AddHttpContextAccessor();
        services.AddSingleton<RegistrationRateLimiter>();
        services.AddSingleton<ManageLinkResendLimiter>();
        services.AddSettings<RegistrationOptions>(RegistrationOptions.Section);
        services.AddSettings<PrivacyOptions>(PrivacyOptions.Section);
        services.AddSettings<MailOptions>(MailOptions.Section);
        services.AddSettings<AppOptions>(AppOptions.Section)
            // Development's links fall back to the host's own `urls` setting, which lives outside the App section.
            .Configure<IConfiguration>((app, configuration) => app.ServerUrls = configuration[WebHostDefaults.ServerUrlsKey]);
        services.AddSingleton<PublicUrls>();
        services.AddSingleton(sp => MailSetup.Create(sp.GetRequiredService<IOptions<MailOptions>>().Value, DataFolder(sp)));
        // RegistrationService takes the sender itself rather than IOptions<MailOptions>.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton(sp => EmailHasher.Create(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value, DataFolder(sp)));
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<RegistrationDesk>();
        services.AddSingleton<RegistrationImport>();
        services.AddSingleton<RegistrationWorker>();
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<IOptions<RegistrationOptions>>().Value.WorkerDisabled
            ? new NoWorker() : (BackgroundService) sp.GetRequiredService<RegistrationWorker>());
        return services;
    }

    private static string DataFolder(IServiceProvider services) =>
        DatabaseSetup.DataFolder(services.GetRequiredService<IOptions<DataOptions>>().Value.Folder, services.GetRequiredService<IHostEnvironment>());

    public static void MapRegistration(this WebApplication app)
    {
        RegistrationEndpoints.Map(app);
        RegistrationFormApi.Map(app);
    }

    private sealed class NoWorker : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
