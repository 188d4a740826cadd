using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web;

public sealed record PublicEditionDto(string Slug, string Title, int Ordinal, string City, string CountryCode, DateOnly Start, DateOnly End, string Status);

public static class Operations
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? Results.Text("Healthy")
                : Results.Text("Database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").AllowAnonymous();

        app.MapGet("/api/editions", async (EditionService editions, CancellationToken ct) =>
            (await editions.ListAsync(publicOnly: true, ct))
                .Select(e => new PublicEditionDto(e.Slug, e.Title, e.Ordinal, e.HostCity, e.CountryCode, e.StartDate, e.EndDate, e.Status.ToString())))
            .WithName("ListEditions").WithTags("Editions").AllowAnonymous();
    }
}
