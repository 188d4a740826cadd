using DaysOfClusters.Web.Features.Accounts;

namespace DaysOfClusters.Web.Features.Statistics;

public static class StatisticsFeature
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddSingleton<StatisticsService>();
        services.AddSingleton<NetworkStatistics>();
        services.AddSingleton<WorldMap>();
        return services;
    }

    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/editions/{slug}/summary", async (string slug, StatisticsService statistics, CancellationToken ct) =>
                await statistics.PublicSummaryAsync(slug, ct) is { } summary ? Results.Ok(summary) : Results.NotFound())
            .WithName("EditionSummary").WithTags("Statistics").AllowAnonymous();

        var organiser = app.MapGroup("/api/organiser/statistics/{scope}")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Statistics");

        organiser.MapGet("/{table}.csv", CsvAsync).WithName("StatisticsCsv");
        organiser.MapGet("/report.pdf", PdfAsync).WithName("StatisticsPdf");
    }

    private static async Task<IResult> CsvAsync(string scope, string table, StatisticsService statistics, CancellationToken ct)
    {
        if (!TryParseScope(scope, out var editionId)) return Results.NotFound();
        var report = await statistics.ReportAsync(editionId, ct);
        if (report is null) return Results.NotFound();
        var bytes = StatisticsCsv.Write(report, table);
        return bytes is null
            ? Results.NotFound()
            : Results.File(bytes, "text/csv; charset=utf-8", $"statistics-{scope}-{table}.csv");
    }

    private static async Task<IResult> PdfAsync(string scope, StatisticsService statistics, CancellationToken ct)
    {
        if (!TryParseScope(scope, out var editionId)) return Results.NotFound();
        var report = await statistics.ReportAsync(editionId, ct);
        return report is null ? Results.NotFound() : Results.File(StatisticsPdf.Render(report), "application/pdf", $"statistics-{scope}.pdf");
    }

    /// <summary>"all" or an edition id.</summary>
    public static bool TryParseScope(string scope, out int? editionId)
    {
        editionId = null;
        if (string.Equals(scope, "all", StringComparison.OrdinalIgnoreCase)) return true;
        if (int.TryParse(scope, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            editionId = id;
            return true;
        }
        return false;
    }
}
