using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.IntegrationTests.Badges;

using Registration = DaysOfClusters.Web.Features.Registration.Registration;

/// <summary>
/// The real app on a fresh SQLite file in a temp folder, without demo data. Requests may act as a signed-in user with
/// the <see cref="UserHeader"/>/<see cref="RolesHeader"/> headers (the cookie login itself is not under test here).
/// </summary>
public sealed class BadgesAppFactory : AppFactory
{
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";

    /// <summary>Roles of a user assumed for requests without the headers (a browser pointed at the app to take screenshots); null: anonymous.</summary>
    public string? DefaultRoles { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // CSS and scripts from the build output, as in Development, so a browser pointed at the test server sees the real page.
        if (DefaultRoles is not null) builder.UseStaticWebAssets();
    }

    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddSingleton(new DefaultTestUser(DefaultRoles));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderAuthHandler>(HeaderAuthHandler.SchemeName, _ => { });
        // Authenticate from the headers; challenges and forbids still go through the app's cookie handler (401/403 for /api).
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = HeaderAuthHandler.SchemeName);
    }

    public HttpClient ClientAs(string? roles, string user = "tester@example.org")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add(UserHeader, user);
            client.DefaultRequestHeaders.Add(RolesHeader, roles);
        }
        return client;
    }

    /// <summary>A new edition with the default categories; slugs are unique so tests sharing the app do not meet.</summary>
    public async Task<(Edition Edition, List<RegistrationCategory> Categories)> AddEditionAsync(string? slug = null)
    {
        slug ??= $"test-{Guid.NewGuid():N}"[..20];
        return await WithDbAsync(async db =>
        {
            var ordinal = await db.Editions.AnyAsync() ? await db.Editions.MaxAsync(e => e.Ordinal) + 1 : 1;
            var edition = new Edition
            {
                Ordinal = ordinal, Title = "Clusters for a Green and Digital Balkans", Slug = slug, HostCity = "Niš", CountryCode = "RS",
                StartDate = new DateOnly(2027, 9, 22), EndDate = new DateOnly(2027, 9, 24), TimeZoneId = "Europe/Belgrade",
                Status = EditionStatus.Open, CreatedUtc = DateTime.UtcNow,
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            var categories = DefaultCategories.For(edition.Id).ToList();
            db.RegistrationCategories.AddRange(categories);
            await db.SaveChangesAsync();
            return (edition, categories);
        });
    }

    /// <summary>Adds a registration directly (the registration service is not needed here); returns it and its manage token.</summary>
    public async Task<(Registration Registration, string ManageToken)> AddRegistrationAsync(Edition edition, RegistrationCategory category,
        string first, string last, RegistrationStatus status = RegistrationStatus.Confirmed, string country = "RS", string organisation = "Cluster of Test")
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var email = $"{Guid.NewGuid():N}@example.org";
        var now = DateTime.UtcNow;
        var registration = new Registration
        {
            EditionId = edition.Id, CategoryId = category.Id, FirstName = first, LastName = last, Email = email, EmailNormalized = email,
            EmailHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email))), Organisation = organisation,
            OrganisationType = OrganisationType.ClusterOrganisation, CountryCode = country, PrivacyConsentUtc = now, PrivacyNoticeVersion = "1",
            Status = status, ConfirmedUtc = status == RegistrationStatus.Confirmed ? now : null, CreatedUtc = now, UpdatedUtc = now,
            CancelledUtc = status == RegistrationStatus.Cancelled ? now : null,
            ManageTokenHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))),
        };
        await WithDbAsync(async db =>
        {
            db.Registrations.Add(registration);
            return await db.SaveChangesAsync();
        });
        return (registration, token);
    }

    private sealed record DefaultTestUser(string? Roles);

    private sealed class HeaderAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DefaultTestUser defaultUser)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeaders";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var user = Request.Headers[UserHeader].ToString();
            var roles = Request.Headers[RolesHeader].ToString();
            if (string.IsNullOrEmpty(user) && defaultUser.Roles is not null) (user, roles) = ("browser@example.org", defaultUser.Roles);
            if (string.IsNullOrEmpty(user)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = new List<Claim> { new(ClaimTypes.Name, user) };
            foreach (var role in roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                claims.Add(new Claim(ClaimTypes.Role, role));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
