using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Authorization;
using DaysOfClusters.Web.Infrastructure;

namespace DaysOfClusters.Web.Features.Agenda;

public sealed record AgendaJson(string Edition, string Slug, string TimeZone, int Version, DateTime PublishedUtc, IReadOnlyList<AgendaJsonSession> Sessions);

public sealed record AgendaJsonSession(int Id, string Title, string? Description, string Kind, string? Track, string? Room,
    DateTime StartUtc, DateTime EndUtc, DateTime StartLocal, DateTime EndLocal, string? Language, bool Cancelled,
    int? SeatCapacity, string? Topic, string? Host, IReadOnlyList<string> Organisations, IReadOnlyList<PublishedSpeaker> Speakers);

public static class AgendaFeature
{
    public static IServiceCollection AddAgenda(this IServiceCollection services)
    {
        services.AddSettings<AgendaOptions>(AgendaOptions.Section);
        services.AddSingleton<AgendaService>();
        services.AddSingleton<RoundTableService>();
        services.AddSingleton<BookmarkService>();
        services.AddSingleton<CalendarFeedTokens>();
        services.AddDemoSeeder<AgendaDemoSeeder>();
        services.AddSingleton<IAgendaChangeNotifier, MailAgendaChangeNotifier>();
        services.AddSingleton<IEditionCloneStep, AgendaCloneStep>();
        services.AddHostedService<SeatReleaseWorker>();
        return services;
    }

    public static void MapAgenda(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api").WithTags("Agenda").AllowAnonymous();
        open.MapGet("/editions/{slug}/agenda", PublicAgendaAsync).WithName("PublicAgenda");
        open.MapGet("/editions/{slug}/agenda.ics", PublicAgendaIcsAsync).WithName("PublicAgendaIcs");
        open.MapGet("/editions/{slug}/agenda.pdf", PublicAgendaPdfAsync).WithName("PublicAgendaPdf");
        // Private feed: its own read-only token (CalendarFeedTokens), never the manage token, which it refuses.
        open.MapGet("/agenda/{token}.ics", PersonalAgendaIcsAsync).WithName("PersonalAgendaIcs").ExcludeFromDescription();

        var organiser = app.MapGroup("/api/organiser").WithTags("Agenda (organiser)")
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Organiser });
        organiser.MapGet("/editions/{id:int}/agenda/conflicts", ConflictsAsync).WithName("AgendaConflicts");
        organiser.MapPost("/editions/{id:int}/agenda/publish", PublishAsync).WithName("PublishAgenda").DisableAntiforgery();
        organiser.MapGet("/sessions/{id:int}/seats", async (int id, RoundTableService seats, CancellationToken ct) =>
            Results.Ok(await seats.SeatListAsync(id, ct))).WithName("RoundTableSeats");
    }

    private static async Task<IResult> PublicAgendaAsync(string slug, AgendaService agenda, CancellationToken ct)
    {
        var published = await agenda.PublicAgendaAsync(slug, ct);
        if (published is null) return Results.NotFound();
        var zone = published.Edition.TimeZoneId;
        return Results.Ok(new AgendaJson(published.Edition.Title, slug, zone, published.Publication.Version, published.Publication.PublishedUtc,
            published.Sessions.Select(s => new AgendaJsonSession(s.Id, s.Title, s.Description, s.Kind.ToString(), s.TrackName, s.RoomName,
                s.StartUtc, s.EndUtc, EditionRules.ToLocal(s.StartUtc, zone), EditionRules.ToLocal(s.EndUtc, zone), s.Language, s.Cancelled,
                s.SeatCapacity, s.Topic, s.Host, s.Organisations, s.Speakers)).ToList()));
    }

    private static async Task<IResult> PublicAgendaIcsAsync(string slug, HttpRequest request, AgendaService agenda, CancellationToken ct)
    {
        var published = await agenda.PublicAgendaAsync(slug, ct);
        if (published is null) return Results.NotFound();
        var ics = AgendaCalendar.Build(published.Edition.Title, published.Edition.TimeZoneId, published.Sessions, BaseUrl(request), slug,
            published.Publication.Version, published.Publication.PublishedUtc);
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }

    private static async Task<IResult> PublicAgendaPdfAsync(string slug, AgendaService agenda, CancellationToken ct)
    {
        var published = await agenda.PublicAgendaAsync(slug, ct);
        if (published is null) return Results.NotFound();
        var pdf = AgendaPdf.Build(published.Edition, published.Publication.Version, published.Sessions.Where(s => !s.Cancelled).ToList());
        return Results.File(pdf, "application/pdf", $"{slug}-agenda.pdf");
    }

    private static async Task<IResult> PersonalAgendaIcsAsync(string token, HttpRequest request, AgendaService agenda, RoundTableService seats,
        BookmarkService bookmarks, EditionService editions, CalendarFeedTokens feedTokens, CancellationToken ct)
    {
        var registration = await feedTokens.RegistrationAsync(token, ct);
        if (registration is null) return Results.NotFound();
        var edition = await editions.FindAsync(registration.EditionId, ct);
        if (edition is null) return Results.NotFound();
        var published = await agenda.PublicAgendaAsync(edition.Slug, ct);
        var mine = (await bookmarks.BookmarksAsync(registration.Id, ct))
            .Concat((await seats.MySeatsAsync(registration.Id, ct)).Where(s => s.Status == SeatBookingStatus.Booked).Select(s => s.SessionId)).ToHashSet();
        var sessions = published?.Sessions.Where(s => mine.Contains(s.Id)).ToList() ?? [];
        var ics = AgendaCalendar.Build($"{edition.Title} – my agenda", edition.TimeZoneId, sessions, BaseUrl(request), edition.Slug,
            published?.Publication.Version ?? 0, published?.Publication.PublishedUtc);
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }

    private static async Task<IResult> ConflictsAsync(int id, AgendaService agenda, CancellationToken ct)
    {
        var state = await agenda.EditorStateAsync(id, ct);
        return state is null ? Results.NotFound()
            : Results.Ok(state.Conflicts.Select(c => new { c.Kind, c.Key, c.SessionIds, c.Message, Accepted = state.AcceptedKeys.Contains(c.Key) }));
    }

    private static async Task<IResult> PublishAsync(int id, HttpContext http, AgendaService agenda, CancellationToken ct)
    {
        var result = await agenda.PublishAsync(id, http.User.Identity?.Name, ct);
        return result.Succeeded
            ? Results.Ok(new { result.Publication!.Version, result.Changes, result.Notified })
            : Results.Problem(result.Error, statusCode: StatusCodes.Status409Conflict);
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
