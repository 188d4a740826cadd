using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Registration;

public static class RegistrationFeature
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<IEditionCloneStep, CategoryCloneStep>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }
}
