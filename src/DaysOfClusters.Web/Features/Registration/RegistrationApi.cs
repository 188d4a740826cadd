using System.Globalization;
using System.Text.Json.Serialization;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Network;

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

/// <summary>An organisation suggested to the static form's datalist (js/registration-form.js).</summary>
public sealed record OrganisationSuggestionDto(string Name, string Label, string Kind);

/// <summary>A country with its name in the request's language (English, or Serbian on sr-Latn).</summary>
public sealed record CountryDto(string Code, string Name);

/// <summary>Every endpoint of registration: the organisers' export, the attendee's own data, the public JSON API and the static form's helpers.</summary>
public static class RegistrationApi
{
    public const string Pattern = "/api/editions/{slug}/registrations";
    public const string ResendPattern = "/api/manage/resend";
    public const string OrganisationsPattern = "/api/organisations/suggest";
    public const string CountriesPattern = "/api/countries";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organiser/editions/{editionId:int}/registrations.csv", ExportCsvAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser)).WithTags("Registration");

        // GDPR access: the manage token is the credential, as for the manage page.
        app.MapGet("/manage/{token}/data.json", ExportPersonalDataAsync)
            .AllowAnonymous().WithTags("Registration");

        // The public registration form as JSON, for partner sites and scripted clients; same rules as the form.
        app.MapPost(Pattern, RegisterAsync)
            .AllowAnonymous().WithName("PublicRegister").WithTags("Registration")
            .Accepts<PublicRegistrationRequest>("application/json")
            .Produces<PublicRegistrationResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // "Send my manage link again": one answer whether or not the address is registered; 429 beyond the per-IP limit.
        app.MapPost(ResendPattern, ResendManageLink)
            .AllowAnonymous().WithName("ResendManageLink").WithTags("Registration")
            .Accepts<ManageLinkResendRequest>("application/json")
            .Produces<ManageLinkResendResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The small JSON endpoints that stand in for the circuit on the static registration form: organisation suggestions
        // as the person types, and the country list. Public and read-only; PublicRateLimits counts them as public APIs (/api/…).
        app.MapGet(OrganisationsPattern, SuggestOrganisationsAsync).AllowAnonymous().WithTags("Registration form");
        app.MapGet(CountriesPattern, CountriesAsync).AllowAnonymous().WithTags("Registration form");
    }

    private static async Task<IResult> ExportCsvAsync(int editionId, RegistrationStatus? status, int? category,
        string? country, Continent? continent, OrganisationType? organisationType, string? search, string? sort, bool? desc,
        RegistrationDesk desk, CancellationToken ct)
    {
        var filter = new DeskFilter(editionId, status, category, country, continent, organisationType, search, sort, desc ?? false);
        var bytes = await desk.ExportCsvAsync(filter, ct);
        return Results.File(bytes, "text/csv; charset=utf-8", $"registrations-{editionId}.csv");
    }

    private static async Task<IResult> ExportPersonalDataAsync(string token, RegistrationService registrations, RegistrationPrivacy privacy, CancellationToken ct)
    {
        var registration = await registrations.FindByTokenAsync(token, ct);
        if (registration is null) return Results.NotFound();
        var json = await privacy.ExportPersonalDataAsync(registration.Id, ct);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "my-registration.json");
    }

    private static async Task<IResult> RegisterAsync(string slug, PublicRegistrationRequest body, HttpContext http, EditionService editions,
        RegistrationWriter registrations, CancellationToken ct)
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
    }

    private static IResult ResendManageLink(ManageLinkResendRequest body, HttpContext http, ManageLinkResender resender, ManageLinkResendLimiter limiter)
    {
        if (!limiter.TryAcquireClient(http.Connection.RemoteIpAddress))
            return Results.Problem("Too many requests. Please try again in a few minutes.", statusCode: StatusCodes.Status429TooManyRequests);
        if (!resender.QueueManageLinkResend(body.Email, limiter))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Email"] = ["Enter a valid e-mail address."] });
        return Results.Json(ManageLinkResendResponse.Accepted, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SuggestOrganisationsAsync(string? q, OrganisationService organisations, CancellationToken ct)
    {
        // SuggestAsync answers nothing below two letters; long input is cut, never sent to the database whole.
        var text = q is { Length: > RegistrationRules.OrganisationMaxLength } ? q[..RegistrationRules.OrganisationMaxLength] : q;
        var found = await organisations.SuggestAsync(text, ct: ct);
        return Results.Ok(found.Select(s => new OrganisationSuggestionDto(s.Name, s.Label, s.Kind.ToString())).ToList());
    }

    private static async Task<IResult> CountriesAsync(GeographyService geography)
    {
        var serbian = Localization.IsSerbian;
        var countries = await geography.CountriesAsync();
        return Results.Ok(countries.Select(c => new CountryDto(c.Code, c.DisplayName(serbian)))
            .OrderBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList());
    }

    private static string Message(RegisterResult result) => result.Errors.Values.SelectMany(v => v).FirstOrDefault(m => m.Length > 0) ?? result.Outcome.ToString();
}
