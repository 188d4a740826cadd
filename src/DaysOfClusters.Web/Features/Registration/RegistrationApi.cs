using System.Text.Json.Serialization;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>The public registration form as JSON, for partner sites and scripted clients; same rules as the form.</summary>
public sealed record PublicRegistrationRequest(
    string? FirstName, string? LastName, string? Email, string? Organisation,
    [property: JsonConverter(typeof(JsonStringEnumConverter<OrganisationType>))] OrganisationType? OrganisationType,
    string? JobTitle, string? CountryCode, string? Phone, int? CategoryId, List<DateOnly>? DaysAttending,
    string? DietaryNeeds, string? AccessibilityNeeds, bool PrivacyConsent, bool NetworkingConsent, string? Language,
    string? Website = null, string? InvitationToken = null)
{
    public RegistrationInput ToInput() => new()
    {
        FirstName = FirstName ?? "", LastName = LastName ?? "", Email = Email ?? "", Organisation = Organisation ?? "",
        OrganisationType = OrganisationType, JobTitle = JobTitle ?? "", CountryCode = CountryCode ?? "", Phone = Phone,
        CategoryId = CategoryId, DaysAttending = DaysAttending ?? [], DietaryNeeds = DietaryNeeds, AccessibilityNeeds = AccessibilityNeeds,
        PrivacyConsent = PrivacyConsent, NetworkingConsent = NetworkingConsent, Language = Language ?? "en",
        Website = Website, InvitationToken = InvitationToken,
    };
}

/// <summary>What the client learns: the outcome only. The manage link goes to the e-mail address, never into the response.</summary>
public sealed record PublicRegistrationResponse(string Email, string Status, int? WaitlistPosition);

public static class RegistrationApi
{
    public const string Pattern = "/api/editions/{slug}/registrations";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Pattern, async (string slug, PublicRegistrationRequest body, HttpContext http, EditionService editions,
                RegistrationWriter registrations, CancellationToken ct) =>
            {
                var edition = await editions.FindBySlugAsync(slug, ct);
                if (edition is null || edition.Status == EditionStatus.Draft) return Results.Problem("No such edition.", statusCode: StatusCodes.Status404NotFound);
                var input = body.ToInput();
                var email = input.Email.Trim();
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var result = await registrations.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(ip), ct);
                return result.Outcome switch
                {
                    RegisterOutcome.Registered => Results.Json(new PublicRegistrationResponse(email, result.Status!.Value.ToString(), result.WaitlistPosition), statusCode: StatusCodes.Status201Created),
                    RegisterOutcome.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray())),
                    RegisterOutcome.Duplicate => Results.Problem(Message(result), statusCode: StatusCodes.Status409Conflict),
                    RegisterOutcome.Closed => Results.Problem(Message(result), statusCode: StatusCodes.Status409Conflict),
                    RegisterOutcome.RateLimited => Results.Problem(Message(result), statusCode: StatusCodes.Status429TooManyRequests),
                    // The honeypot: an answer that tells a bot nothing.
                    _ => Results.Accepted(),
                };
            })
            .AllowAnonymous().WithName("PublicRegister").WithTags("Registration")
            .Accepts<PublicRegistrationRequest>("application/json")
            .Produces<PublicRegistrationResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public const string ResendPattern = "/api/manage/resend";

    /// <summary>"Send my manage link again": one answer whether or not the address is registered; 429 beyond the per-IP limit.</summary>
    public static void MapManageLinkResend(IEndpointRouteBuilder app) =>
        app.MapPost(ResendPattern, (ManageLinkResendRequest body, HttpContext http, ManageLinkResender resender, ManageLinkResendLimiter limiter) =>
            {
                if (!limiter.TryAcquireClient(http.Connection.RemoteIpAddress))
                    return Results.Problem("Too many requests. Please try again in a few minutes.", statusCode: StatusCodes.Status429TooManyRequests);
                if (!resender.QueueManageLinkResend(body.Email, limiter))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Email"] = ["Enter a valid e-mail address."] });
                return Results.Json(ManageLinkResendResponse.Accepted, statusCode: StatusCodes.Status202Accepted);
            })
            .AllowAnonymous().WithName("ResendManageLink").WithTags("Registration")
            .Accepts<ManageLinkResendRequest>("application/json")
            .Produces<ManageLinkResendResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static string Message(RegisterResult result) => result.Errors.Values.SelectMany(v => v).FirstOrDefault(m => m.Length > 0) ?? result.Outcome.ToString();
}
