namespace DaysOfClusters.Web.Features.Editions;

public sealed record PublicEditionDto(string Slug, string Title, int Ordinal, string City, string CountryCode, DateOnly Start, DateOnly End, string Status);

public sealed record PublicEventDto(string Slug, string Title, int Ordinal, string Series, string SeriesName, string Kind, string City, string CountryCode,
    DateOnly Start, DateOnly End, string Status);

public static class EditionsFeature
{
    public static IServiceCollection AddEditions(this IServiceCollection services)
    {
        services.AddSingleton<EditionService>();
        services.AddSingleton<SeriesService>();
        services.AddSingleton<EventPartnerService>();
        services.AddSingleton<EventDocumentService>();
        return services;
    }

    /// <summary>The editions' own endpoints; the features that publish per-edition data (agenda, summary…) map theirs.</summary>
    public static void MapEditions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/editions", ListPublicAsync).WithName("ListEditions").WithTags("Editions").AllowAnonymous();
        app.MapGet("/api/events", ListEventsAsync).WithName("ListEvents").WithTags("Editions").AllowAnonymous();
        // Minutes and other documents: public ones by the event's address, the rest to its confirmed participants' manage links.
        app.MapGet("/e/{slug}/documents/{id:int}.pdf", async (string slug, int id, EventDocumentService documents, HttpContext http, CancellationToken ct) =>
            DocumentResult(await documents.PublicFileAsync(slug, id, ct), http, "no-cache")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/manage/{token}/documents/{id:int}.pdf", async (string token, int id, EventDocumentService documents, HttpContext http, CancellationToken ct) =>
            DocumentResult(await documents.ParticipantFileAsync(token, id, ct), http, "private, no-store")).ExcludeFromDescription().AllowAnonymous();
        // Partners' logos for the public pages: only stored PNG or JPEG bytes, with the type their first bytes showed.
        app.MapGet("/partners/{id:int}/logo", async (int id, EventPartnerService partners, HttpContext http, CancellationToken ct) =>
        {
            if (await partners.LogoAsync(id, ct) is not { } logo) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            http.Response.Headers.XContentTypeOptions = "nosniff"; // a logo is only ever an image, whatever a browser might guess
            return Results.File(logo.Bytes, logo.ContentType, lastModified: new DateTimeOffset(DateTime.SpecifyKind(logo.UpdatedUtc, DateTimeKind.Utc)));
        }).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>A stored PDF as a PDF only, never sniffed into anything else (the app's strict content policy applies too).</summary>
    private static IResult DocumentResult(EventDocumentFile? file, HttpContext http, string cacheControl)
    {
        if (file is null) return Results.NotFound();
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file.Content, "application/pdf", file.FileName);
    }

    private static async Task<IEnumerable<PublicEditionDto>> ListPublicAsync(EditionService editions, CancellationToken ct) =>
        (await editions.ListAsync(publicOnly: true, ct))
            .Select(e => new PublicEditionDto(e.Slug, e.Title, e.Ordinal, e.HostCity, e.CountryCode, e.StartDate, e.EndDate, e.Status.ToString()));

    /// <summary>Every public event of the network, newest first; <c>?series=code</c> and <c>?country=RS</c> narrow it.</summary>
    private static async Task<IResult> ListEventsAsync(string? series, string? country, SeriesService seriesService, CancellationToken ct)
    {
        int? seriesId = null;
        if (series is not null)
        {
            if (await seriesService.FindByCodeAsync(series, ct) is not { } found)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown series",
                    detail: $"There is no series with that code; the known ones are {string.Join(", ", (await seriesService.ListAsync(ct)).Select(s => s.Code))}.");
            seriesId = found.Id;
        }
        if (country is not null && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid country", detail: "country is a two-letter ISO code in capitals, e.g. RS.");
        var events = await seriesService.PublicEventsAsync(seriesId, country, ct: ct);
        return TypedResults.Ok(events.Select(e => new PublicEventDto(e.Slug, e.Title, e.Ordinal, e.SeriesCode, e.SeriesName, e.Kind.ToString(), e.HostCity,
            e.CountryCode, e.StartDate, e.EndDate, e.Status.ToString())));
    }
}
