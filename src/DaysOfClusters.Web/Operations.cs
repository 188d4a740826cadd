using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web;

public static class Operations
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        // A lambda around the named handler: a method as the handler would group /health under "Operations" in the
        // OpenAPI document instead of the application's name.
        app.MapGet("/health", (IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) => HealthAsync(dbFactory, ct))
            .WithName("Health").AllowAnonymous();
    }

    private static async Task<IResult> HealthAsync(IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? Results.Text("Healthy")
            : Results.Text("Database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
