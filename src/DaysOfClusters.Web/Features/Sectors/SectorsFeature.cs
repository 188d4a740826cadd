namespace DaysOfClusters.Web.Features.Sectors;

public static class SectorsFeature
{
    public static IServiceCollection AddSectors(this IServiceCollection services) => services.AddSingleton<SectorService>();
}
