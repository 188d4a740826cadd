using System.Net;
using System.Security.Claims;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace DaysOfClusters.Web.Features.Badges;

public static class BadgesFeature
{
    public static IServiceCollection AddBadges(this IServiceCollection services)
    {
        services.AddSingleton<BadgeKeyService>();
        services.AddSingleton<BadgeIssuer>();
        services.AddSingleton<BadgeService>();
        services.AddSingleton<BadgePrintJobs>();
        return services;
    }

    public static void MapBadges(this IEndpointRouteBuilder app)
    {
        // Scanners: the public key is public; the revocation list names tickets, so only on-site staff get it.
        app.MapGet("/api/editions/{slug}/checkin-key", async (string slug, BadgeService badges, CancellationToken ct) =>
                await badges.CheckinKeyAsync(slug, ct) is { } key ? Results.Ok(key) : Results.NotFound())
            .WithName("CheckinKey").WithTags("Badges").AllowAnonymous();

        app.MapGet("/api/editions/{slug}/revocations", async (string slug, BadgeService badges, CancellationToken ct) =>
                await badges.RevocationsAsync(slug, ct) is { } list ? Results.Ok(list) : Results.NotFound())
            .WithName("BadgeRevocations").WithTags("Badges").RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Organiser));

        // Attendees: their own badge from the manage link.
        app.MapGet("/manage/{token}/badge.pdf", AttendeeBadgeAsync).ExcludeFromDescription().AllowAnonymous();

        // Organisers: print runs and their downloads.
        var organiser = app.MapGroup("/api/organiser/editions/{editionId:int}/badges").WithTags("Badges")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser));
        organiser.MapGet("/counts", async (int editionId, BadgeService badges, CancellationToken ct) =>
            await badges.CountsAsync(editionId, ct) is { } counts ? Results.Ok(counts) : Results.NotFound());
        organiser.MapPost("/print-jobs", StartPrintJob);
        organiser.MapGet("/print-jobs/{jobId:guid}", (int editionId, Guid jobId, BadgePrintJobs jobs, ClaimsPrincipal user) =>
            jobs.Find(jobId) is { } job && job.EditionId == editionId && job.Owner == (user.Identity?.Name ?? "") ? Results.Ok(ToDto(job)) : Results.NotFound());
        organiser.MapGet("/print-jobs/{jobId:guid}/file", PrintJobFile);
        // One badge to look at, not counted as printed.
        organiser.MapGet("/preview/{registrationId:int}.pdf", PreviewAsync);
    }

    private static async Task<IResult> AttendeeBadgeAsync(string token, string? format, BadgeService badges, HttpContext http, CancellationToken ct)
    {
        if (!TryParseFormat(format, out var badgeFormat)) return Results.BadRequest($"Unknown format; use one of {string.Join(", ", Enum.GetNames<BadgeFormat>())}.");
        var badge = await badges.RenderForAttendeeAsync(token, badgeFormat, ct);
        http.Response.Headers.CacheControl = "no-store";
        return badge.Status switch
        {
            AttendeeBadgeStatus.Ready => Results.File(badge.Pdf!.Content, "application/pdf", badge.Pdf.FileName),
            AttendeeBadgeStatus.NotConfirmed => MessagePage(StatusCodes.Status409Conflict, "Your badge is not available yet",
                $"Badges are issued to confirmed registrations only. Your registration is {Describe(badge.RegistrationStatus)}. " +
                "Once it is confirmed you can download your badge from your registration page.", $"/manage/{Uri.EscapeDataString(token)}"),
            // Empty 404: the status-code page shows the app's own "not found" page.
            _ => Results.NotFound(),
        };
    }

    private static IResult StartPrintJob(int editionId, PrintRequest request, BadgePrintJobs jobs, ClaimsPrincipal user)
    {
        var job = jobs.Start(user.Identity?.Name ?? "", editionId, request.Selection, new BadgePrintOptions(request.Format, request.DoubleSided), request.Selection.Kind.ToString());
        return Results.Accepted($"/api/organiser/editions/{editionId}/badges/print-jobs/{job.Id}", ToDto(job));
    }

    private static IResult PrintJobFile(int editionId, Guid jobId, BadgePrintJobs jobs, ClaimsPrincipal user, HttpContext http)
    {
        if (jobs.Find(jobId) is not { } job || job.EditionId != editionId || job.Owner != (user.Identity?.Name ?? "")) return Results.NotFound();
        if (job.Result is not { } pdf) return Results.Conflict(ToDto(job));
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(pdf.Content, "application/pdf", pdf.FileName);
    }

    private static async Task<IResult> PreviewAsync(int editionId, int registrationId, string? format, BadgeService badges, HttpContext http, CancellationToken ct)
    {
        if (!TryParseFormat(format, out var badgeFormat)) return Results.BadRequest();
        var pdf = await badges.RenderAsync(editionId, BadgeSelection.Of(registrationId), new BadgePrintOptions(badgeFormat, DoubleSided: false), markPrinted: false, ct: ct);
        if (pdf is not { Count: 1 }) return Results.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(pdf.Content, "application/pdf");
    }

    public sealed record PrintRequest(BadgeSelection Selection, BadgeFormat Format = BadgeFormat.A6, bool DoubleSided = false);

    public sealed record PrintJobDto(Guid Id, string State, string Phase, int Done, int Total, int? Count, string? Error, string? FileName);

    private static PrintJobDto ToDto(BadgePrintJob job) =>
        new(job.Id, job.State.ToString(), job.Progress.Phase, job.Progress.Done, job.Progress.Total, job.Result?.Count, job.Error, job.Result?.FileName);

    public static bool TryParseFormat(string? text, out BadgeFormat format)
    {
        format = BadgeFormat.A6;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text.Trim(), ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);
    }

    private static string Describe(Registration.RegistrationStatus? status) => status switch
    {
        Registration.RegistrationStatus.Pending => "waiting for the organisers' approval",
        Registration.RegistrationStatus.Waitlisted => "on the waiting list",
        Registration.RegistrationStatus.Offered => "offered a seat that you have not accepted yet",
        Registration.RegistrationStatus.Cancelled => "cancelled",
        Registration.RegistrationStatus.Rejected => "not accepted",
        _ => "not confirmed",
    };

    internal static IResult MessagePage(int status, string title, string message, string backUrl)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}} · Days of Clusters</title>
            <style>body{font-family:Roboto,system-ui,sans-serif;background:#f5f7fa;color:#1a1a1a;margin:0}
            main{max-width:34rem;margin:4rem auto;background:#fff;border-top:6px solid #1B3A6B;border-radius:8px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.15)}
            h1{font-size:1.5rem;margin-top:0;color:#1B3A6B}a{color:#1B3A6B}</style></head>
            <body><main><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p>
            <p><a href="{{WebUtility.HtmlEncode(backUrl)}}">Back to your registration</a></p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
