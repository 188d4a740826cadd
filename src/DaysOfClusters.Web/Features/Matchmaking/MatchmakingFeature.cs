using System.Text;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace DaysOfClusters.Web.Features.Matchmaking;

public static class MatchmakingFeature
{
    public static IServiceCollection AddMatchmaking(this IServiceCollection services)
    {
        services.AddSettings<MatchmakingOptions>(MatchmakingOptions.Section);
        services.AddSingleton<MatchmakingNotifier>();
        services.AddSingleton<MatchmakingProfiles>();
        services.AddSingleton<MeetingRequests>();
        services.AddSingleton<MatchmakingSetup>();
        services.AddSingleton<MeetingSchedule>();
        services.AddSingleton<MatchmakingInsights>();
        services.AddSingleton<MatchmakingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchmakingWorker>());
        return services;
    }

    public static void MapMatchmaking(this IEndpointRouteBuilder app)
    {
        var organiser = app.MapGroup("/api/organiser/matchmaking/{editionId:int}")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Matchmaking");
        organiser.MapGet("/grid", async (int editionId, MeetingSchedule matchmaking, CancellationToken ct) =>
            Results.Ok(await matchmaking.GridAsync(editionId, ct))).WithName("MatchmakingGrid");

        // Attendees: their published meeting schedule from the manage link.
        app.MapGet("/manage/{token}/matchmaking.ics", ScheduleIcsAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/manage/{token}/matchmaking.pdf", SchedulePdfAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> ScheduleIcsAsync(string token, HttpContext http, RegistrationService registrations, EditionService editions,
        MeetingSchedule matchmaking, PublicUrls urls, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await ScheduleOfAsync(token, registrations, editions, matchmaking, ct) is not { } s) return Results.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        // The file ends up in calendar apps and shared calendars: its link is the public agenda, never the manage link.
        var ics = MatchmakingDocuments.Calendar(s.Edition, s.Registration.FullName, s.Meetings, $"{urls.BaseUrl}/e/{s.Edition.Slug}/agenda", text);
        return Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{s.Edition.Slug}-b2b-meetings.ics");
    }

    private static async Task<IResult> SchedulePdfAsync(string token, HttpContext http, RegistrationService registrations, EditionService editions,
        MeetingSchedule matchmaking, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await ScheduleOfAsync(token, registrations, editions, matchmaking, ct) is not { } s) return Results.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        var organisation = (await matchmaking.OrganisationOfAsync(s.Registration.Id, ct))?.Organisation ?? s.Registration.Organisation;
        var pdf = MatchmakingDocuments.Pdf(s.Edition, s.Registration.FullName, organisation, s.Meetings, text);
        return Results.File(pdf, "application/pdf", $"{s.Edition.Slug}-b2b-meetings.pdf");
    }

    private sealed record AttendeeSchedule(Registration.Registration Registration, Edition Edition, IReadOnlyList<MyMeeting> Meetings);

    private static async Task<AttendeeSchedule?> ScheduleOfAsync(string token, RegistrationService registrations, EditionService editions,
        MeetingSchedule matchmaking, CancellationToken ct)
    {
        var registration = await registrations.FindByTokenAsync(token, ct);
        if (registration is not { AnonymisedUtc: null }) return null;
        var edition = await editions.FindAsync(registration.EditionId, ct);
        if (edition is null) return null;
        return new AttendeeSchedule(registration, edition, await matchmaking.MyScheduleAsync(registration.Id, ct));
    }
}
