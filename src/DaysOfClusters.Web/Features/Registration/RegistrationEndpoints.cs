using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Geography;

namespace DaysOfClusters.Web.Features.Registration;

public static class RegistrationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organiser/editions/{editionId:int}/registrations.csv", async (int editionId, RegistrationStatus? status, int? category,
                string? country, Continent? continent, OrganisationType? organisationType, string? search, string? sort, bool? desc,
                RegistrationDesk desk, CancellationToken ct) =>
            {
                var filter = new DeskFilter(editionId, status, category, country, continent, organisationType, search, sort, desc ?? false);
                var bytes = await desk.ExportCsvAsync(filter, ct);
                return Results.File(bytes, "text/csv; charset=utf-8", $"registrations-{editionId}.csv");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser)).WithTags("Registration");

        // GDPR access: the manage token is the credential, as for the manage page.
        app.MapGet("/manage/{token}/data.json", async (string token, RegistrationService registrations, RegistrationPrivacy privacy, CancellationToken ct) =>
            {
                var registration = await registrations.FindByTokenAsync(token, ct);
                if (registration is null) return Results.NotFound();
                var json = await privacy.ExportPersonalDataAsync(registration.Id, ct);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "my-registration.json");
            })
            .AllowAnonymous().WithTags("Registration");

        RegistrationApi.Map(app);
        RegistrationApi.MapManageLinkResend(app);
    }
}
