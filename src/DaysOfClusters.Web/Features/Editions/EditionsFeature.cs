namespace DaysOfClusters.Web.Features.Editions;

public static class EditionsFeature
{
    public static IServiceCollection AddEditions(this IServiceCollection services)
    {
        services.AddSingleton<EditionService>();
        return services;
    }

    public static void MapEditions(this IEndpointRouteBuilder app)
    {
        // Public edition endpoints live in Operations (list) and in the features that publish per-edition data.
    }
}
