using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Registration;

public static class RegistrationFeature
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<IEditionCloneStep, CategoryCloneStep>();
        services.AddSingleton<IEditionCloneStep, QuestionCloneStep>();
        services.AddSingleton<IEditionSetUpStep, DefaultCategoriesSetUpStep>();
        services.AddSingleton<QuestionService>();
        services.AddDemoSeeder<DemoSeeder>();
        services.AddHttpContextAccessor();
        services.AddSingleton<RegistrationRateLimiter>();
        services.AddSingleton<ManageLinkResendLimiter>();
        services.AddSettings<RegistrationOptions>(RegistrationOptions.Section);
        services.AddSettings<PrivacyOptions>(PrivacyOptions.Section);
        services.AddSingleton(sp => EmailHasher.Create(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value, DatabaseSetup.DataFolder(sp)));
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<RegistrationTransactions>();
        services.AddSingleton<RegistrationAuditTrail>();
        services.AddSingleton<RegistrationMailer>();
        services.AddSingleton<RegistrationSeats>();
        services.AddSingleton<RegistrationWriter>();
        services.AddSingleton<RegistrationLifecycle>();
        services.AddSingleton<RegistrationPrivacy>();
        services.AddSingleton<RegistrationInvitations>();
        services.AddSingleton<ManageLinkResender>();
        services.AddSingleton<RegistrationDesk>();
        services.AddSingleton<RegistrationImport>();
        services.AddSingleton<RegistrationWorker>();
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<IOptions<RegistrationOptions>>().Value.WorkerDisabled
            ? new NoWorker() : (BackgroundService) sp.GetRequiredService<RegistrationWorker>());
        return services;
    }

    public static void MapRegistration(this IEndpointRouteBuilder app) => RegistrationApi.Map(app);

    private sealed class NoWorker : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
