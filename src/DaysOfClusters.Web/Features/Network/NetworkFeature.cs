using DaysOfClusters.Web.Data.Seeding;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>The cluster network and its history: past editions with aggregate figures.</summary>
public static class NetworkFeature
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddSingleton<PastEditionService>();
        services.AddDemoSeeder<NetworkDemoSeeder>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<InvitationService>();
        return services;
    }
}
