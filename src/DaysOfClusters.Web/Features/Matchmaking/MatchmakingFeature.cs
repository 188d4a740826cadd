using DaysOfClusters.Web.Features.Accounts;

namespace DaysOfClusters.Web.Features.Matchmaking;

public static class MatchmakingFeature
{
    public static IServiceCollection AddMatchmaking(this IServiceCollection services)
    {
        services.AddSingleton<MatchmakingService>();
        return services;
    }

    public static void MapMatchmaking(this IEndpointRouteBuilder app)
    {
        var organiser = app.MapGroup("/api/organiser/matchmaking/{editionId:int}")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Matchmaking");
        organiser.MapGet("/grid", async (int editionId, MatchmakingService matchmaking, CancellationToken ct) =>
            Results.Ok(await matchmaking.GridAsync(editionId, ct))).WithName("MatchmakingGrid");
    }
}
