using System.Security.Claims;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Accounts;

public static class AccountsFeature
{
    public const string MustChangePasswordClaim = "doc:must-change-password";

    public static IServiceCollection AddAppAccounts(this IServiceCollection services)
    {
        services.AddSettings<AccountsOptions>(AccountsOptions.Section);
        services.AddCascadingAuthenticationState();
        // Replaces the framework's provider (registered by AddInteractiveServerComponents, which runs first): open circuits
        // re-check the account, so a disabled or reset account loses an open tab too.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(o =>
            {
                // Length over composition rules (NIST 800-63B); lock-out stops guessing, LoginThrottle stops locking accounts at speed.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "doc.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // APIs answer with status codes; pages redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        // A disabled account or a reset password ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddTransient<Microsoft.AspNetCore.Authentication.IClaimsTransformation, OneTimePasswordClaimsTransformation>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AccountBootstrapper>();
        services.AddScoped<AccountService>();
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            // A bare status for APIs: no re-executed HTML page, which for a POST would also fail antiforgery and become a 400.
            if (ctx.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", LogoutAsync).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        // The layout's form sends the token; a cross-site post cannot sign anyone out.
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/");
    }
}

/// <summary>Adds the must-change-password flag to the cookie so every request can check it without a query.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(AccountsFeature.MustChangePasswordClaim, "true"));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("doc:display-name", user.DisplayName));
        return identity;
    }
}

/// <summary>
/// Until the one-time password is changed, only the account pages, the circuit, static files and the health probe answer:
/// pages send the user to change the password, everything else (APIs, the check-in hub, POSTs) gets 403. Roles are gone
/// from such a session anyway (<see cref="OneTimePasswordClaimsTransformation"/>), so this is the plain answer, not the only guard.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!context.User.HasClaim(AccountsFeature.MustChangePasswordClaim, "true") || IsAllowed(path)) return next(context);
        if (HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/api"))
        {
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        Security.SecurityHeadersMiddleware.DisableStatusPages(context);
        return Task.CompletedTask;
    }

    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/health") || path.StartsWithSegments("/culture")
        // Static files; an organiser download such as registrations.csv has an extension too, and stays refused.
        || (Path.HasExtension(path.Value) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/organiser"));
}
