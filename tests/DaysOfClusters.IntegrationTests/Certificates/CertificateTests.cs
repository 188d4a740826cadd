using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Certificates;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Certificates;

/// <summary>
/// A training of three workshops and a coffee break, a 60 % threshold (two workshops), and trainees scanned at the
/// session doors: the certificate goes only to those over the threshold, and its code verifies with the key the event
/// publishes for scanners.
/// </summary>
public sealed class CertificateTests(CertificateTests.Fixture fixture) : IClassFixture<CertificateTests.Fixture>
{
    public sealed record Trainee(int RegistrationId, string ManageToken, string Name);

    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public Edition Training { get; private set; } = null!;
        public List<int> WorkshopDoors { get; } = [];
        public int BreakDoor { get; private set; }
        public Trainee AllThree { get; private set; } = null!;
        public Trainee TwoAndBreak { get; private set; } = null!;
        public Trainee OneAndBreak { get; private set; } = null!;
        public Trainee Grower { get; private set; } = null!;
        public Trainee Renamer { get; private set; } = null!;
        public Trainee Withdrawn { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var editions = App.Get<EditionService>();
            var input = EditionInputs.Valid(4, "4th-training-" + Guid.NewGuid().ToString("N")[..6], "Cluster management basics");
            input.SeriesId = 4;
            input.Kind = EventKind.Training;
            input.ApplyKindDefaults();
            input.CertificateThresholdPercent = 60;
            input.HostCity = "Leskovac";
            input.RegistrationOpens = DateTime.UtcNow.Date.AddDays(-1);
            var saved = await editions.SaveAsync(null, input);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
            await editions.SetStatusAsync(saved.EditionId!.Value, EditionStatus.Open);
            Training = (await editions.FindAsync(saved.EditionId.Value))!;

            var agenda = App.Get<AgendaService>();
            var admin = App.Get<CheckInAdminService>();
            var day = Training.StartDate.ToDateTime(new TimeOnly(9, 0));
            string[] titles = ["Cluster governance", "Financing cluster projects", "Internationalisation"];
            for (var i = 0; i < titles.Length; i++)
            {
                var (id, errors) = await agenda.SaveSessionAsync(Training.Id, new SessionInput { Title = titles[i], Kind = SessionKind.Workshop, LocalStart = day.AddHours(i * 2), DurationMinutes = 90 });
                Assert.Empty(errors);
                WorkshopDoors.Add((await admin.AddPointAsync(Training.Id, new CheckInPointInput($"Door {titles[i]}", CheckInPointKind.SessionDoor, null, id)))!.Id);
            }
            var (breakId, _) = await agenda.SaveSessionAsync(Training.Id, new SessionInput { Title = "Coffee", Kind = SessionKind.Break, LocalStart = day.AddMinutes(90), DurationMinutes = 30 });
            BreakDoor = (await admin.AddPointAsync(Training.Id, new CheckInPointInput("Coffee corner", CheckInPointKind.SessionDoor, null, breakId)))!.Id;

            AllThree = await RegisterAsync("Milena", "Stojanović");
            TwoAndBreak = await RegisterAsync("Dragan", "Ilić");
            OneAndBreak = await RegisterAsync("Ivana", "Jovanović");
            Grower = await RegisterAsync("Nikola", "Đorđević");
            Renamer = await RegisterAsync("Marija", "Kostić");
            Withdrawn = await RegisterAsync("Stefan", "Pavlović");
            foreach (var trainee in new[] { Renamer, Withdrawn })
            {
                await ScanAsync(trainee, WorkshopDoors[0]);
                await ScanAsync(trainee, WorkshopDoors[2]);
            }
            foreach (var door in WorkshopDoors) await ScanAsync(AllThree, door);
            await ScanAsync(TwoAndBreak, WorkshopDoors[0]);
            await ScanAsync(TwoAndBreak, WorkshopDoors[1]);
            await ScanAsync(TwoAndBreak, WorkshopDoors[1], ScanDirection.Exit);
            await ScanAsync(TwoAndBreak, WorkshopDoors[1]); // back in: the same session still counts once
            await ScanAsync(TwoAndBreak, BreakDoor);
            await ScanAsync(OneAndBreak, WorkshopDoors[2]);
            await ScanAsync(OneAndBreak, BreakDoor);
            await ScanAsync(Grower, WorkshopDoors[0]);
            await ScanAsync(Grower, WorkshopDoors[1]);
        }

        private async Task<Trainee> RegisterAsync(string first, string last)
        {
            var result = await App.Get<RegistrationWriter>().RegisterAsync(Training.Id, new RegistrationInput
            {
                FirstName = first, LastName = last, Email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org", Organisation = "Klaster Jug",
                OrganisationType = OrganisationType.ClusterOrganisation, JobTitle = "Cluster manager", CountryCode = "RS",
                DaysAttending = [Training.StartDate], PrivacyConsent = true,
            }, RegistrationCaller.Attendee(null));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            return new Trainee(result.RegistrationId!.Value, result.ManageToken!, $"{first} {last}");
        }

        public async Task ScanAsync(Trainee trainee, int pointId, ScanDirection direction = ScanDirection.Entry)
        {
            var code = (await App.Get<BadgeIssuer>().CurrentAsync(trainee.RegistrationId))!.QrText;
            var result = await App.Get<CheckInService>().ScanAsync(new ScanRequest(code, pointId, Direction: direction), ScanActor.ForUser("staff-test"));
            Assert.Equal(ScanOutcome.Accepted, result!.Outcome);
        }

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private AppFactory App => fixture.App;

    [Fact]
    public async Task Attendance_WhenTraineesWereScannedAtSessionDoors_CountsWorkshopsOnceAndLeavesTheBreakOut()
    {
        var attendance = await App.Get<CertificateService>().AttendanceAsync(fixture.Training.Id);

        Assert.NotNull(attendance);
        Assert.Equal((3, 60, 2), (attendance.SessionsTotal, attendance.ThresholdPercent, attendance.SessionsNeeded));
        var byId = attendance.Trainees.ToDictionary(t => t.RegistrationId);
        Assert.Equal((3, true), (byId[fixture.AllThree.RegistrationId].Attended, byId[fixture.AllThree.RegistrationId].Eligible));
        Assert.Equal((2, true), (byId[fixture.TwoAndBreak.RegistrationId].Attended, byId[fixture.TwoAndBreak.RegistrationId].Eligible));
        Assert.Equal((1, false), (byId[fixture.OneAndBreak.RegistrationId].Attended, byId[fixture.OneAndBreak.RegistrationId].Eligible));
    }

    [Fact]
    public async Task CertificatePdf_WhenTheTraineeIsUnderTheThreshold_IsRefusedAndNothingIsIssued()
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync($"/manage/{fixture.OneAndBreak.ManageToken}/certificate.pdf");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("You have attended 1 of the 3 sessions", html, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Certificates.AnyAsync(c => c.RegistrationId == fixture.OneAndBreak.RegistrationId)));
    }

    [Fact]
    public async Task CertificatePdf_WhenOverTheThreshold_CarriesACodeThatVerifiesWithThePublishedKey()
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync($"/manage/{fixture.TwoAndBreak.ManageToken}/certificate.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Dragan", text, StringComparison.Ordinal);
        Assert.Contains("Cluster management basics", text, StringComparison.Ordinal);
        var code = pdf.Information.Subject;
        Assert.StartsWith(CertificateToken.Prefix, code, StringComparison.Ordinal);

        // The published key is all a third party needs: the scanners' key of the event.
        var key = await client.GetFromJsonAsync<CheckinKeyResponse>($"/api/editions/{fixture.Training.Slug}/checkin-key");
        using var publicKey = EditionSigningKeys.ImportSpkiBase64(key!.Spki);
        Assert.Equal(CertificateCodeStatus.Valid, CertificateToken.TryRead(code, publicKey, out var payload));
        Assert.Equal((2, 3), ((int)payload!.SessionsAttended, (int)payload.SessionsTotal));
        Assert.Equal(CertificateToken.HashName("Dragan Ilić"), payload.NameHash);

        var verdict = await client.GetFromJsonAsync<CertificateVerificationDto>($"/api/certificates/verify?code={Uri.EscapeDataString(code!)}");
        Assert.Equal(("Valid", "Dragan Ilić", 2, 3), (verdict!.Verdict, verdict.Holder, verdict.SessionsAttended, verdict.SessionsTotal));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"{CertificateService.VerifyPath}?code={Uri.EscapeDataString(code!)}"));
        Assert.Contains("data-verdict=\"valid\"", page, StringComparison.Ordinal);
        Assert.Contains("Dragan Ilić", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenTheCodeIsTamperedForgedOrHostile_SaysNotGenuine()
    {
        var genuine = (await App.Get<CertificateService>().ForAttendeeAsync(fixture.AllThree.ManageToken, render: true)).Pdf!.Code;
        Assert.Equal(CertificateVerdict.Valid, (await App.Get<CertificateService>().VerifyAsync(genuine)).Verdict);
        Assert.Equal(CertificateCodeStatus.Valid, CertificateToken.TryParseUnverified(genuine, out var payload, out _, out var signature));
        // Someone else's name on the same signed facts, and a code signed by a key of one's own.
        var renamed = CertificateToken.Prefix + Base64Url([.. CertificateToken.Serialize(payload! with { NameHash = CertificateToken.HashName("Mallory Forger") }), .. signature!]);
        using var ownKey = EditionSigningKeys.Create();
        var forged = CertificateToken.Encode(payload! with { SessionsTotal = 3, SessionsAttended = 3 }, ownKey);
        string[] hostile = [renamed, forged, "", "C1.", "C1." + new string('A', 5000), "<script>alert(1)</script>", "C1.' OR 1=1 --",
            "C1." + Base64Url(new byte[91]), genuine[..^4], genuine + "AA", "C1.ЖЖЖЖ", "%00%ff"];
        using var client = App.CreateClient();

        foreach (var code in hostile)
        {
            Assert.Equal(CertificateVerdict.NotGenuine, (await App.Get<CertificateService>().VerifyAsync(code)).Verdict);
            var api = await client.GetAsync($"/api/certificates/verify?code={Uri.EscapeDataString(code)}");
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("NotGenuine", (await api.Content.ReadFromJsonAsync<CertificateVerificationDto>())!.Verdict);
        }
        var page = await client.GetStringAsync($"{CertificateService.VerifyPath}?code={Uri.EscapeDataString("<script>alert(1)</script>")}");
        Assert.Contains("data-verdict=\"not-genuine\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_WhenAttendanceGrowsAfterTheFirstCertificate_ReplacesTheEarlierOne()
    {
        var certificates = App.Get<CertificateService>();
        var first = await certificates.ForAttendeeAsync(fixture.Grower.ManageToken, render: true);
        Assert.Equal(CertificateAvailability.Ready, first.Availability);

        await fixture.ScanAsync(fixture.Grower, fixture.WorkshopDoors[2]);
        var second = await certificates.ForAttendeeAsync(fixture.Grower.ManageToken, render: true);

        Assert.NotEqual(first.Pdf!.Code, second.Pdf!.Code);
        var old = await certificates.VerifyAsync(first.Pdf.Code);
        var current = await certificates.VerifyAsync(second.Pdf.Code);
        Assert.Equal((CertificateVerdict.Replaced, 2), (old.Verdict, old.Attended));
        Assert.Equal((CertificateVerdict.Valid, 3), (current.Verdict, current.Attended));
        Assert.EndsWith("/2", current.Number, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Certificates.CountAsync(c => c.RegistrationId == fixture.Grower.RegistrationId)));
    }

    [Fact]
    public async Task OrganiserCertificate_WhenNotSignedInAsOrganiser_IsRefused()
    {
        var path = $"/api/organiser/editions/{fixture.Training.Id}/certificates/{fixture.AllThree.RegistrationId}.pdf";
        using var anonymous = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var staff = await App.CreateLoggedInClientAsync(DaysOfClusters.Web.Features.Accounts.Roles.Staff);
        using var organiser = await App.CreateLoggedInClientAsync(DaysOfClusters.Web.Features.Accounts.Roles.Organiser);

        var asAnonymous = await anonymous.GetAsync(path);
        var asStaff = await staff.GetAsync(path);
        var asOrganiser = await organiser.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, asAnonymous.StatusCode);
        Assert.NotEqual("application/pdf", asAnonymous.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("application/pdf", asStaff.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, asOrganiser.StatusCode);
        Assert.Equal("application/pdf", asOrganiser.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The attack: earn a certificate, rename the registration to a colleague who never came, download again. The name is
    /// fixed at the first issue: the trainee gets no certificate for the new name, and only an organiser can re-issue.
    /// </summary>
    [Fact]
    public async Task Certificate_WhenTheTraineeRenamesTheRegistration_IsNotIssuedToTheNewName()
    {
        var certificates = App.Get<CertificateService>();
        var first = await certificates.ForAttendeeAsync(fixture.Renamer.ManageToken, render: true);
        Assert.Equal(CertificateAvailability.Ready, first.Availability);
        var registration = (await App.Get<RegistrationService>().FindByTokenAsync(fixture.Renamer.ManageToken))!;
        var renamed = RegistrationInput.From(registration);
        renamed.FirstName = "Mallory";
        Assert.Empty(await App.Get<RegistrationLifecycle>().UpdateAsync(registration.Id, renamed, RegistrationCaller.Attendee(null)));

        var again = await certificates.ForAttendeeAsync(fixture.Renamer.ManageToken, render: true);
        using var client = App.CreateClient();
        var download = await client.GetAsync($"/manage/{fixture.Renamer.ManageToken}/certificate.pdf");
        var original = await certificates.VerifyAsync(first.Pdf!.Code);

        Assert.Equal(CertificateAvailability.NameChanged, again.Availability);
        Assert.Null(again.Pdf);
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        Assert.Equal(CertificateVerdict.Valid, original.Verdict);
        Assert.Null(original.HolderName); // the registration's new name is not the one this code was signed for

        // An organiser re-issues to the corrected name: the new code names Mallory, the old one is replaced and names nobody.
        var reissued = await certificates.IssueAsync(fixture.Training.Id, registration.Id, render: true, byOrganiser: true);
        var current = await certificates.VerifyAsync(reissued.Pdf!.Code);
        var replaced = await certificates.VerifyAsync(first.Pdf.Code);
        Assert.Equal((CertificateVerdict.Valid, "Mallory Kostić"), (current.Verdict, current.HolderName));
        Assert.Equal((CertificateVerdict.Replaced, (string?)null), (replaced.Verdict, replaced.HolderName));
    }

    [Fact]
    public async Task Verify_WhenTheRegistrationWasCancelledAfterTheIssue_SaysNoLongerValid()
    {
        var certificates = App.Get<CertificateService>();
        var issued = await certificates.ForAttendeeAsync(fixture.Withdrawn.ManageToken, render: true);

        Assert.True(await App.Get<RegistrationLifecycle>().CancelAsync(fixture.Withdrawn.RegistrationId, RegistrationCaller.Attendee(null)));
        var verdict = await certificates.VerifyAsync(issued.Pdf!.Code);

        Assert.Equal(CertificateVerdict.Revoked, verdict.Verdict);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
