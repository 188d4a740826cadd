using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Badges;

namespace DaysOfClusters.Web.Features.Certificates;

public sealed record CertificateVerificationDto(string Verdict, string? Holder, string? Event, string? Title, DateOnly? Start, DateOnly? End,
    int SessionsAttended, int SessionsTotal, DateOnly? IssuedOn, string? Number);

public static class CertificatesFeature
{
    public static IServiceCollection AddCertificates(this IServiceCollection services) => services.AddSingleton<CertificateService>();

    public static void MapCertificates(this IEndpointRouteBuilder app)
    {
        // Trainees: their own certificate from the manage link, once earned.
        app.MapGet("/manage/{token}/certificate.pdf", AttendeeCertificateAsync).ExcludeFromDescription().AllowAnonymous();

        // Anybody holding a certificate's code (employers, the trainee): what it certifies, and whether it is current.
        app.MapGet("/api/certificates/verify", async (string? code, CertificateService certificates, CancellationToken ct) =>
        {
            var v = await certificates.VerifyAsync(code, ct);
            return Results.Ok(new CertificateVerificationDto(v.Verdict.ToString(), v.HolderName, v.EventName, v.EventTitle, v.Start, v.End,
                v.Attended, v.Total, v.IssuedOn, v.Number));
        }).WithName("VerifyCertificate").WithTags("Certificates").AllowAnonymous();

        app.MapGet("/api/organiser/editions/{editionId:int}/certificates/{registrationId:int}.pdf",
            async (int editionId, int registrationId, CertificateService certificates, HttpContext http, CancellationToken ct) =>
            {
                var result = await certificates.IssueAsync(editionId, registrationId, render: true, byOrganiser: true, ct);
                if (result.Pdf is not { } pdf) return Results.Conflict(new { result.Availability, result.Attended, result.Total, result.Needed });
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(pdf.Content, "application/pdf", pdf.FileName);
            }).WithTags("Certificates").RequireAuthorization(p => p.RequireRole(Roles.Organiser));
    }

    private static async Task<IResult> AttendeeCertificateAsync(string token, CertificateService certificates, HttpContext http, CancellationToken ct)
    {
        var result = await certificates.ForAttendeeAsync(token, render: true, ct);
        http.Response.Headers.CacheControl = "no-store";
        var back = $"/manage/{Uri.EscapeDataString(token)}";
        return result.Availability switch
        {
            CertificateAvailability.Ready => Results.File(result.Pdf!.Content, "application/pdf", result.Pdf.FileName),
            CertificateAvailability.NotYet => BadgesFeature.MessagePage(StatusCodes.Status409Conflict, "Your certificate is not ready yet",
                $"You have attended {result.Attended} of the {result.Total} sessions; a certificate of attendance needs {result.Needed}. " +
                "Each session counts once staff scan your badge at its door.", back),
            CertificateAvailability.NotConfirmed => BadgesFeature.MessagePage(StatusCodes.Status409Conflict, "No certificate for this registration",
                "Certificates of attendance are issued to confirmed registrations only.", back),
            CertificateAvailability.NotOffered => BadgesFeature.MessagePage(StatusCodes.Status404NotFound, "This event issues no certificates",
                "The organisers of this event do not issue certificates of attendance.", back),
            CertificateAvailability.Revoked => BadgesFeature.MessagePage(StatusCodes.Status409Conflict, "This certificate was withdrawn",
                "The organisers withdrew this certificate of attendance. Please contact them if you think this is a mistake.", back),
            CertificateAvailability.NameChanged => BadgesFeature.MessagePage(StatusCodes.Status409Conflict, "Your name changed after your certificate was issued",
                "A certificate keeps the name it was first issued to. Please ask the organisers to issue it again to your corrected name.", back),
            _ => Results.NotFound(),
        };
    }
}
