namespace DaysOfClusters.Web.Features.Badges;

public static class BadgesFeature
{
    public static IServiceCollection AddBadges(this IServiceCollection services)
    {
        services.AddSingleton<BadgeKeyService>();
        services.AddSingleton<BadgeIssuer>();
        return services;
    }
}
