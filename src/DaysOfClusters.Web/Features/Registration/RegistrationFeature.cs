using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Registration;

public static class RegistrationFeature
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<IEditionCloneStep, CategoryCloneStep>();
        services.AddSingleton<IEditionCloneStep, QuestionCloneStep>();
        services.AddSingleton<QuestionService>();
        services.AddDemoSeeder<DemoSeeder>();
        services.AddHttpContextAccessor();
        services.AddSingleton<RegistrationRateLimiter>();
        services.AddSingleton<ManageLinkResendLimiter>();
        services.AddSingleton(sp => EmailHasher.Create(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
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
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<IConfiguration>().GetValue("Registration:Worker:Disabled", false)
            ? new NoWorker() : (BackgroundService) sp.GetRequiredService<RegistrationWorker>());
        return services;
    }

    public static void MapRegistration(this IEndpointRouteBuilder app) => RegistrationApi.Map(app);

    private sealed class NoWorker : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
