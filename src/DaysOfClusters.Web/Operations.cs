using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
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
        // Readiness, apart from liveness: on a first start the app serves before its demo data is in.
        app.MapGet("/health/ready", (DemoDataLoader demo, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) => ReadyAsync(demo, dbFactory, ct))
            .WithName("Ready").AllowAnonymous();
    }

    private static async Task<IResult> ReadyAsync(DemoDataLoader demo, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
        !demo.IsReady ? Results.Text("Loading the demo data", statusCode: StatusCodes.Status503ServiceUnavailable) : await HealthAsync(dbFactory, ct);

    /// <summary>
    /// A query on a pooled connection. Not CanConnectAsync: on SQLite it opens a fresh read-only connection outside the
    /// pool every time (with the connection's PRAGMAs), which held /health at ~200 requests/s on two cores (issue 19).
    /// </summary>
    private static async Task<IResult> HealthAsync(IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT 1";
            if (await command.ExecuteScalarAsync(ct) is not null) return Results.Text("Healthy");
        }
        catch (System.Data.Common.DbException)
        {
            // Unavailable: answered below.
        }
        catch (InvalidOperationException)
        {
            // A provider that cannot open its connection at all (no server, bad settings).
        }
        return Results.Text("Database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
