using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace DaysOfClusters.Web;

/// <summary>English and Serbian (Latin script); the choice is remembered in the standard culture cookie.</summary>
public static class Localization
{
    public static readonly string[] Cultures = ["en", "sr-Latn"];

    /// <summary>Whether the current request (or circuit) reads the site in Serbian.</summary>
    public static bool IsSerbian => CultureInfo.CurrentUICulture.Name.StartsWith("sr", StringComparison.Ordinal);

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseAppLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>The language switch, and the theme switch of static pages (no circuit to run the interactive toggle).</summary>
    public static void MapAppLocalization(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", SetCulture).WithName("SetCulture").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/theme/set", SetTheme).WithName("SetTheme").AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult SetCulture(string culture, string? redirectUri, HttpContext http)
    {
        if (!Cultures.Contains(culture)) return Results.BadRequest("Unsupported language.");
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
        // Only local paths: never an open redirect.
        var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal) ? redirectUri : "/";
        return Results.LocalRedirect(target);
    }

    /// <summary>The same cookie the interactive toggle's script sets.</summary>
    private static IResult SetTheme(string theme, string? redirectUri, HttpContext http)
    {
        if (theme is not ("light" or "dark")) return Results.BadRequest("Unknown theme.");
        http.Response.Cookies.Append("doc-theme", theme,
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false, Path = "/" });
        var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal) && !redirectUri.StartsWith("/\\", StringComparison.Ordinal) ? redirectUri : "/";
        return Results.LocalRedirect(target);
    }
}
