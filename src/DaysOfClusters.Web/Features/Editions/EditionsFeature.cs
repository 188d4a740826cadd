namespace DaysOfClusters.Web.Features.Editions;

public sealed record PublicEditionDto(string Slug, string Title, int Ordinal, string City, string CountryCode, DateOnly Start, DateOnly End, string Status);

public static class EditionsFeature
{
    public static IServiceCollection AddEditions(this IServiceCollection services)
    {
        services.AddSingleton<EditionService>();
        return services;
    }

    /// <summary>The editions' own endpoints; the features that publish per-edition data (agenda, summary…) map theirs.</summary>
    public static void MapEditions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/editions", ListPublicAsync).WithName("ListEditions").WithTags("Editions").AllowAnonymous();
    }

    private static async Task<IEnumerable<PublicEditionDto>> ListPublicAsync(EditionService editions, CancellationToken ct) =>
        (await editions.ListAsync(publicOnly: true, ct))
            .Select(e => new PublicEditionDto(e.Slug, e.Title, e.Ordinal, e.HostCity, e.CountryCode, e.StartDate, e.EndDate, e.Status.ToString()));
}
