using System.Globalization;
using System.Security.Claims;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using DaysOfClusters.Web.Infrastructure;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>JSON body of <c>POST /api/checkin</c>.</summary>
/// <param name="Code">QR text (<c>DOC1:...</c>), short code (<c>7MFR-02AD-WVS01</c>) or 16-hex ticket id.</param>
/// <param name="Point">Check-in point id.</param>
/// <param name="Nonce">Client-chosen unique id; re-sending the same nonce returns the first answer and writes nothing.</param>
/// <param name="ScannedAt">When the device scanned (ISO 8601); defaults to the receive time.</param>
/// <param name="Direction">"entry" (default) or "exit".</param>
/// <param name="RegistrationId">Instead of a code: a registration picked from the name search.</param>
/// <param name="Offline">Set by scanners uploading scans they kept while offline.</param>
public sealed record CheckInApiRequest(string? Code, int Point, string? Nonce, DateTimeOffset? ScannedAt, string? Direction = null, int? RegistrationId = null, bool Offline = false);

public sealed record CheckInApiAttendee(string Name, string Organisation, string Country, string Category, string CategoryColor);

/// <summary>Answer of <c>POST /api/checkin</c>: outcome is accepted, alreadyInside, notInside or refused.</summary>
public sealed record CheckInApiResponse(
    string Outcome,
    string Direction,
    string ReasonCode,
    string? Reason,
    CheckInApiAttendee? Attendee,
    DateTime? CheckedInAt,
    string? CheckedInAtLocal,
    int Point,
    string PointName,
    string Nonce,
    bool Replayed,
    bool LateUpload,
    int InsideNow);

public sealed record DeviceInput(string Name);

/// <summary>Answer of <c>GET /api/checkin/points/{id}/inside</c>.</summary>
public sealed record InsideNowDto(int Point, int InsideNow);

/// <summary>JSON body of <c>POST /api/checkin/walk-ins</c>: the walk-in form plus the point to check the person in at.</summary>
public sealed record WalkInApiRequest(
    int Point, string? FirstName, string? LastName, string? Email, string? Organisation, Registration.OrganisationType? OrganisationType,
    string? JobTitle, string? CountryCode, int? CategoryId, bool PrivacyConsent, string? Language = null, bool OverrideClosedEdition = false);

/// <summary>Answer of <c>POST /api/checkin/walk-ins</c>: outcome checkedIn (with the scan and the badge to print), duplicate (the registered person) or invalid (field errors).</summary>
public sealed record WalkInApiResponse(string Outcome, IReadOnlyDictionary<string, List<string>> Errors, WalkInPerson? Person, CheckInApiResponse? Scan, string? BadgeUrl);

public static class CheckInFeature
{
    public const string ScannerPolicy = "CheckInScanner";

    public static IServiceCollection AddCheckIn(this IServiceCollection services)
    {
        services.AddSettings<CheckInOptions>(CheckInOptions.Section);
        services.AddSingleton<CheckInNotifier>();
        services.AddSingleton<CheckInCache>();
        services.AddSingleton<WalkInService>();
        services.AddSingleton<ScanWriter>();
        services.AddSingleton<CheckInService>();
        services.AddSingleton<ScannerLookups>();
        services.AddSingleton<CheckInAdminService>();
        services.AddSingleton<DeviceTokenService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ScannerPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, DeviceTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.IsInRole(Roles.Staff) || ctx.User.IsInRole(Roles.Organiser)
                                     || ctx.User.HasClaim(c => c.Type == DeviceTokenAuthenticationHandler.DeviceIdClaim)));
        return services;
    }

    public static void MapCheckIn(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checkin").WithTags("Check-in").RequireAuthorization(ScannerPolicy);

        api.MapPost("", ScanAsync)
            .WithName("CheckInScan").WithSummary("Scan a badge (or a typed short code) at a check-in point")
            .WithDescription("Verifies the code, records the scan in the append-only log and answers the outcome with the attendee's display fields. " +
                             "Authenticated by the staff cookie or a device token (Authorization: Bearer docdev_...). Idempotent per nonce.")
            .Produces<CheckInApiResponse>().ProducesProblem(400).Produces(401).Produces(403);

        api.MapPost("/batch", ScanBatchAsync)
            .WithName("CheckInBatch").WithSummary("Upload scans kept offline (each marked as a late upload); null for an unknown point")
            .Produces<List<CheckInApiResponse?>>().ProducesProblem(400).Produces(401);

        api.MapGet("/editions", async (HttpContext http, ScannerLookups service, CancellationToken ct) =>
                TypedResults.Ok(await service.ScannerEditionsAsync(DeviceEdition(http.User), ct)))
            .WithName("CheckInEditions").WithSummary("Editions and their check-in points for the scanner's picker");

        api.MapGet("/{editionSlug}/attendees", OfflineListAsync)
            .WithName("CheckInAttendees").WithSummary("Offline cache: verification key, confirmed attendees with current badges, revoked badges");

        api.MapGet("/search", async Task<Results<Ok<List<AttendeeSearchHit>>, NotFound>> (int point, string q, HttpContext http, ScannerLookups service,
                CheckInCache cache, CancellationToken ct) =>
                await UsablePointAsync(cache, point, http.User, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await service.SearchAsync(point, q, ct)))
            .WithName("CheckInSearch").WithSummary("Search by name or organisation for people without their badge (404: no such point for this device)");

        api.MapGet("/points/{pointId:int}/inside", async Task<Results<Ok<InsideNowDto>, NotFound>> (int pointId, HttpContext http, ScannerLookups service,
                CheckInCache cache, CancellationToken ct) =>
                await UsablePointAsync(cache, pointId, http.User, ct) is null
                    ? TypedResults.NotFound() : TypedResults.Ok(new InsideNowDto(pointId, await service.InsideNowAsync(pointId, ct))))
            .WithName("CheckInInsideNow").WithSummary("How many people are inside at a point");

        // Walk-ins need a person at the desk: staff or organisers signed in, not a device token.
        app.MapPost("/api/checkin/walk-ins", RegisterWalkInAsync)
            .WithTags("Check-in").WithName("CheckInWalkIn").WithSummary("Register a walk-in, check them in at the point and issue their badge")
            .RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Organiser));

        // The badge of a confirmed person, printed at the desk (a walk-in, or someone who lost theirs); counted as printed.
        // By the expiring reference of WalkInService.BadgeUrl, never a registration id a staff member could count through.
        app.MapGet("/checkin/badge/{reference}.pdf", DeskBadgeAsync)
            .ExcludeFromDescription().RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Organiser));

        var organiser = app.MapGroup("/api/organiser/editions/{editionId:int}").WithTags("Check-in (organisers)").RequireAuthorization(p => p.RequireRole(Roles.Organiser));
        organiser.MapGet("/checkin-devices", async (int editionId, CheckInAdminService admin, CancellationToken ct) => TypedResults.Ok(await admin.DevicesAsync(editionId, ct)))
            .WithName("ListCheckInDevices");
        organiser.MapPost("/checkin-devices", async Task<Results<Ok<IssuedDeviceToken>, ProblemHttpResult>> (int editionId, DeviceInput input, HttpContext http, CheckInAdminService admin, CancellationToken ct) =>
                await admin.IssueDeviceAsync(editionId, input.Name, http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct) is { } issued
                    ? TypedResults.Ok(issued) : TypedResults.Problem("A name is required and the edition must exist", statusCode: 400))
            .WithName("IssueCheckInDevice").WithSummary("Issue a device token (shown once)");
        organiser.MapDelete("/checkin-devices/{deviceId:int}", async Task<Results<NoContent, NotFound>> (int editionId, int deviceId, CheckInAdminService admin, CancellationToken ct) =>
                await admin.RevokeDeviceAsync(editionId, deviceId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeCheckInDevice");
        organiser.MapGet("/checkin-points", async (int editionId, CheckInAdminService admin, CancellationToken ct) => TypedResults.Ok(await admin.PointsAsync(editionId, ct)))
            .WithName("ListCheckInPoints");
        organiser.MapPost("/checkin-points", async Task<Results<Ok<CheckInPointDto>, ProblemHttpResult>> (int editionId, CheckInPointInput input, CheckInAdminService admin, CancellationToken ct) =>
                await admin.AddPointAsync(editionId, input, ct) is { } point ? TypedResults.Ok(point) : TypedResults.Problem("Name required and unique within the edition", statusCode: 400))
            .WithName("AddCheckInPoint");
        organiser.MapGet("/checkin-dashboard", async Task<Results<Ok<CheckInDashboard>, NotFound>> (int editionId, CheckInAdminService admin, CancellationToken ct) =>
                await admin.DashboardAsync(editionId, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound())
            .WithName("CheckInDashboard");

        // The dashboards' live updates (CheckInLiveUpdates).
        app.MapHub<CheckInHub>(CheckInHub.Path);
    }

    private static async Task<Results<Ok<CheckInApiResponse>, ProblemHttpResult>> ScanAsync(CheckInApiRequest body, HttpContext http, CheckInService service, CancellationToken ct)
    {
        if (ToRequest(body) is not { } request) return TypedResults.Problem("direction must be entry or exit", statusCode: 400);
        var result = await service.ScanAsync(request, Actor(http.User), ct);
        return result is null ? TypedResults.Problem("Unknown check-in point", statusCode: 400) : TypedResults.Ok(ToResponse(result));
    }

    /// <summary>Each answer in the order sent; null for a scan with an unknown point or an unreadable direction.</summary>
    private static async Task<Results<Ok<List<CheckInApiResponse?>>, ProblemHttpResult>> ScanBatchAsync(List<CheckInApiRequest> body, HttpContext http, CheckInService service,
        CancellationToken ct)
    {
        if (body.Count > 1000) return TypedResults.Problem("At most 1000 scans per batch", statusCode: 400);
        var results = await service.ScanBatchAsync(body.Select(ToRequest).ToList(), Actor(http.User), ct);
        return TypedResults.Ok(results.Select(result => result is null ? null : ToResponse(result)).ToList());
    }

    private static async Task<Results<Ok<OfflineAttendeeListDto>, NotFound, ForbidHttpResult>> OfflineListAsync(string editionSlug, HttpContext http, ScannerLookups service,
        CancellationToken ct)
    {
        var list = await service.OfflineListAsync(editionSlug, ct);
        if (list is null) return TypedResults.NotFound();
        if (DeviceEdition(http.User) is { } own && own != list.EditionId) return TypedResults.Forbid();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<WalkInApiResponse>, Conflict<WalkInApiResponse>, BadRequest<WalkInApiResponse>>> RegisterWalkInAsync(
        WalkInApiRequest body, HttpContext http, WalkInService walkIns, CancellationToken ct)
    {
        var input = new WalkInInput
        {
            FirstName = body.FirstName ?? "", LastName = body.LastName ?? "", Email = body.Email ?? "", Organisation = body.Organisation ?? "",
            OrganisationType = body.OrganisationType, JobTitle = body.JobTitle ?? "", CountryCode = body.CountryCode ?? "", CategoryId = body.CategoryId,
            PrivacyConsent = body.PrivacyConsent, Language = body.Language ?? "en", OverrideClosedEdition = body.OverrideClosedEdition,
        };
        var result = await walkIns.RegisterAsync(body.Point, input, WalkInActorOf(http.User), ct);
        var response = new WalkInApiResponse(JsonNamingPolicyCamel(result.Outcome.ToString()), result.Errors, result.Person,
            result.Scan is { } scan ? ToResponse(scan) : null, result.BadgeUrl);
        return result.Outcome switch
        {
            WalkInOutcome.CheckedIn => TypedResults.Ok(response),
            WalkInOutcome.Duplicate => TypedResults.Conflict(response),
            _ => TypedResults.BadRequest(response),
        };
    }

    private static async Task<IResult> DeskBadgeAsync(string reference, string? format, WalkInService walkIns, Badges.BadgeService badges,
        HttpContext http, CancellationToken ct)
    {
        if (!Badges.BadgesFeature.TryParseFormat(format, out var badgeFormat)) return Results.BadRequest("Unknown badge format.");
        if (walkIns.RegistrationOfBadgeLink(reference) is not { } registrationId
            || await walkIns.PersonAsync(registrationId, ct) is not { Status: Registration.RegistrationStatus.Confirmed } person) return Results.NotFound();
        var pdf = await badges.RenderAsync(person.EditionId, Badges.BadgeSelection.Of(registrationId), new Badges.BadgePrintOptions(badgeFormat),
            markPrinted: true, ct: ct);
        if (pdf is not { Count: 1 }) return Results.NotFound();
        http.Response.Headers.CacheControl = "no-store";
        // Inline: the browser opens it in its viewer, ready to print.
        return Results.File(pdf.Content, "application/pdf", enableRangeProcessing: false);
    }

    public static ScanActor Actor(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(DeviceTokenAuthenticationHandler.DeviceIdClaim) is { } device && DeviceEdition(user) is { } edition)
            return ScanActor.ForDevice(int.Parse(device, CultureInfo.InvariantCulture), edition);
        return ScanActor.ForUser(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown");
    }

    /// <summary>The point when it exists and the caller may use it: a device token only its own edition's, answered alike to an unknown id.</summary>
    private static async Task<CheckInPointInfo?> UsablePointAsync(CheckInCache cache, int pointId, ClaimsPrincipal user, CancellationToken ct) =>
        await cache.PointAsync(pointId, ct) is { } point && Actor(user).MayUse(point) ? point : null;

    public static WalkInActor WalkInActorOf(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "staff",
            user.IsInRole(Roles.Organiser));

    private static int? DeviceEdition(ClaimsPrincipal user) =>
        user.FindFirstValue(DeviceTokenAuthenticationHandler.DeviceEditionClaim) is { } e ? int.Parse(e, CultureInfo.InvariantCulture) : null;

    private static ScanRequest? ToRequest(CheckInApiRequest body)
    {
        ScanDirection direction;
        if (string.IsNullOrEmpty(body.Direction) || body.Direction.Equals("entry", StringComparison.OrdinalIgnoreCase)) direction = ScanDirection.Entry;
        else if (body.Direction.Equals("exit", StringComparison.OrdinalIgnoreCase)) direction = ScanDirection.Exit;
        else return null;
        return new ScanRequest(body.Code, body.Point, body.Nonce, body.ScannedAt, direction, body.RegistrationId, body.Offline);
    }

    public static CheckInApiResponse ToResponse(ScanResult r) => new(
        JsonNamingPolicyCamel(r.Outcome.ToString()), r.Direction.ToString().ToLowerInvariant(), r.ReasonCode, r.Reason,
        r.Attendee is { } a ? new CheckInApiAttendee(a.Name, a.Organisation, a.Country, a.Category, a.CategoryColor) : null,
        r.CheckedInUtc, r.CheckedInLocal, r.PointId, r.PointName, r.Nonce, r.Replayed, r.IsLateUpload, r.InsideNow);

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
