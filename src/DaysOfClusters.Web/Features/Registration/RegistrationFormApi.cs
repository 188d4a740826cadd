using System.Globalization;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Network;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>An organisation suggested to the static form's datalist (js/registration-form.js).</summary>
public sealed record OrganisationSuggestionDto(string Name, string Label, string Kind);

/// <summary>A country with its name in the request's language (English, or Serbian on sr-Latn).</summary>
public sealed record CountryDto(string Code, string Name);

/// <summary>
/// The small JSON endpoints that stand in for the circuit on the static registration form: organisation suggestions as
/// the person types, and the country list. Public and read-only; PublicRateLimits counts them as public APIs (/api/…).
/// </summary>
public static class RegistrationFormApi
{
    public const string OrganisationsPattern = "/api/organisations/suggest";
    public const string CountriesPattern = "/api/countries";

    public static void Map(WebApplication app)
    {
        app.MapGet(OrganisationsPattern, async (string? q, OrganisationService organisations, CancellationToken ct) =>
        {
            // SuggestAsync answers nothing below two letters; long input is cut, never sent to the database whole.
            var text = q is { Length: > RegistrationRules.OrganisationMaxLength } ? q[..RegistrationRules.OrganisationMaxLength] : q;
            var found = await organisations.SuggestAsync(text, ct: ct);
            return Results.Ok(found.Select(s => new OrganisationSuggestionDto(s.Name, s.Label, s.Kind.ToString())).ToList());
        }).AllowAnonymous().WithTags("Registration form");

        app.MapGet(CountriesPattern, async (GeographyService geography) =>
        {
            var serbian = Localization.IsSerbian;
            var countries = await geography.CountriesAsync();
            return Results.Ok(countries.Select(c => new CountryDto(c.Code, c.DisplayName(serbian)))
                .OrderBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList());
        }).AllowAnonymous().WithTags("Registration form");
    }
}
