using DaysOfClusters.Web.Features.Accounts;

namespace DaysOfClusters.Web.Features.Maintenance;

public static class MaintenanceFeature
{
    public const string BackupUrl = "/api/organiser/maintenance/backup";

    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseBackup>();
        return services;
    }

    public static void MapMaintenance(this IEndpointRouteBuilder app)
    {
        app.MapGet(BackupUrl, BackupAsync).RequireAuthorization(p => p.RequireRole(Roles.Organiser)).WithTags("Maintenance");
    }

    private static async Task<IResult> BackupAsync(DatabaseBackup backup, TimeProvider clock, CancellationToken ct)
    {
        if (!await backup.IsSqliteAsync(ct))
            return Results.Problem("The database is PostgreSQL: back it up with pg_dump.", statusCode: StatusCodes.Status409Conflict);
        var stream = await backup.CreateAsync(ct);
        var name = $"days-of-clusters-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd-HHmmss}Z.db";
        // Results.File disposes the stream after sending, which deletes the temporary file.
        return Results.File(stream, "application/vnd.sqlite3", name);
    }
}
