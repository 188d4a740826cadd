using System.Net.Http.Json;
using DaysOfClusters.UnitTests.Badges;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Badges;

/// <summary>Acceptance: badges rendered from the database scan, verify with the published key and lead back to their registration.</summary>
public sealed class BadgeRoundTripTests(BadgesAppFactory app) : IClassFixture<BadgesAppFactory>
{
    private const string SixtyCharName = "Maximiliana Alexandrina Konstantinopoulou-Wolfeschlegelstein";

    private static readonly (string First, string Last, string Country)[] Names =
    [
        ("Đorđe", "Petrović", "RS"),
        ("Љубиша", "Јовановић", "RS"),
        ("Αλέξανδρος", "Παπαδόπουλος", "GR"),
        ("Şükrü", "Öztürk", "TR"),
        ("Ștefan", "Țurcanu", "RO"),
        ("Maximiliana Alexandrina", "Konstantinopoulou-Wolfeschlegelstein", "DE"),
    ];

    private BadgeService Badges => app.Services.GetRequiredService<BadgeService>();

    [Fact]
    public void SixtyCharName_When_Built_Expected_SixtyCharacters() => Assert.Equal(60, SixtyCharName.Length);

    [Theory]
    [InlineData(BadgeFormat.A6)]
    [InlineData(BadgeFormat.SheetA4x10Cards)]
    public async Task RenderAsync_When_RasterisedScannedAndVerifiedWithPublishedKey_Expected_EachCodeFindsItsRegistration(BadgeFormat format)
    {
        var (edition, categories) = await app.AddEditionAsync();
        var ids = new List<int>();
        for (var i = 0; i < Names.Length; i++)
        {
            var (registration, _) = await app.AddRegistrationAsync(edition, categories[i % categories.Count], Names[i].First, Names[i].Last, country: Names[i].Country);
            ids.Add(registration.Id);
        }

        var pdf = await Badges.RenderAsync(edition.Id, BadgeSelection.Of([.. ids]), new BadgePrintOptions(format), markPrinted: false);

        Assert.NotNull(pdf);
        Assert.Equal(Names.Length, pdf.Count);
        using var client = app.ClientAs(roles: null);
        var key = await client.GetFromJsonAsync<CheckinKeyResponse>($"/api/editions/{edition.Slug}/checkin-key");
        Assert.Equal("ES256", key!.Algorithm);
        using var publicKey = EditionSigningKeys.ImportSpkiBase64(key.Spki);

        var path = Path.Combine(app.DataFolder, $"roundtrip-{format}.pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        var layout = BadgeSheetLayout.For(format);
        var pages = BadgeRaster.Rasterise(path, 150);
        var pxPerMm = 150 / 25.4;
        for (var i = 0; i < ids.Count; i++)
        {
            var page = pages[i / layout.BadgesPerPage];
            var (x, y) = layout.SlotOrigin(i % layout.BadgesPerPage);
            var cell = page.Crop((int)(x * pxPerMm), (int)(y * pxPerMm), (int)(layout.BadgeWidthMm * pxPerMm), (int)(layout.BadgeHeightMm * pxPerMm));
            var text = BadgeRaster.DecodeQr(cell);
            Assert.True(text is not null, $"no QR found for badge {i}");

            var read = BadgeToken.TryRead(text, publicKey);

            Assert.Equal(BadgeTokenReadStatus.Valid, read.Status);
            Assert.Equal(edition.Id, read.Payload!.EditionId);
            var ticket = unchecked((long)read.Payload.TicketId);
            int issue = read.Payload.IssueNumber; // the column's own type: PostgreSQL refuses an unsigned parameter for an integer
            var issued = await app.WithDbAsync(db => db.IssuedBadges.SingleAsync(b => b.TicketId == ticket && b.IssueNumber == issue));
            Assert.Equal(ids[i], issued.RegistrationId);
            Assert.Null(issued.RevokedUtc);
            Assert.Equal(categories[i % categories.Count].Code, read.Payload.CategoryCode);
        }
    }

    [Fact]
    public async Task RenderAsync_When_NamesInManyScripts_Expected_PdfPigExtractsEveryNameExactly()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var ids = new List<int>();
        foreach (var (first, last, country) in Names)
            ids.Add((await app.AddRegistrationAsync(edition, categories[0], first, last, country: country)).Registration.Id);

        var pdf = await Badges.RenderAsync(edition.Id, BadgeSelection.Of([.. ids]), new BadgePrintOptions(BadgeFormat.A6), markPrinted: false);

        using var document = PdfDocument.Open(pdf!.Content);
        Assert.Equal(Names.Length, document.NumberOfPages);
        for (var i = 0; i < Names.Length; i++)
        {
            var words = string.Join(' ', document.GetPage(i + 1).GetWords().Select(w => w.Text));
            Assert.Contains($"{Names[i].First} {Names[i].Last}", words, StringComparison.Ordinal);
        }
        Assert.Contains(SixtyCharName, string.Join(' ', document.GetPage(Names.Length).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_When_DoubleSided_Expected_BackNamesTheEditionAndNoAgenda()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (registration, _) = await app.AddRegistrationAsync(edition, categories[1], "Ann", "Li");

        var pdf = await Badges.RenderAsync(edition.Id, BadgeSelection.Of(registration.Id), new BadgePrintOptions(BadgeFormat.A6, DoubleSided: true), markPrinted: false);

        using var document = PdfDocument.Open(pdf!.Content);
        Assert.Equal(2, document.NumberOfPages);
        var back = string.Join(' ', document.GetPage(2).GetWords().Select(w => w.Text));
        Assert.Contains("Days of Clusters", back, StringComparison.Ordinal);
        Assert.Contains("22–24 September 2027", back, StringComparison.Ordinal);
        Assert.DoesNotContain("agenda", back, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ann", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reissue_When_RevocationListDownloaded_Expected_OldIssueListedWithReasonAndNewOneNot()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var (registration, _) = await app.AddRegistrationAsync(edition, categories[0], "Đorđe", "Petrović");
        var (cancelled, _) = await app.AddRegistrationAsync(edition, categories[0], "Ana", "Cancelled");
        var issuer = app.Services.GetRequiredService<BadgeIssuer>();
        var first = await issuer.CurrentAsync(registration.Id);
        var cancelledIssue = await issuer.CurrentAsync(cancelled.Id);
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == cancelled.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledUtc, DateTime.UtcNow)));

        var second = await Badges.ReissueAsync(edition.Id, registration.Id, "lost at the coffee break");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.Badge.TicketId, second.Badge.TicketId); // a new ticket: the lost badge's short code names only the revoked issue
        Assert.Equal(first.Badge.IssueNumber + 1, second.Badge.IssueNumber);
        using var staff = app.ClientAs("Staff");
        var list = await staff.GetFromJsonAsync<RevocationListDto>($"/api/editions/{edition.Slug}/revocations");
        var ticketHex = BadgeTicketId.ToHex(first.Badge.TicketIdValue);
        var old = Assert.Single(list!.Revoked, e => e.TicketId == ticketHex && e.IssueNumber == first.Badge.IssueNumber);
        Assert.Equal("lost at the coffee break", old.Reason);
        Assert.DoesNotContain(list.Revoked, e => e.TicketId == ticketHex && e.IssueNumber == second.Badge.IssueNumber);
        var gone = Assert.Single(list.Revoked, e => e.TicketId == BadgeTicketId.ToHex(cancelledIssue!.Badge.TicketIdValue));
        Assert.Equal("cancelled", gone.Reason);
        // The new code still verifies; the old one verifies too (it was genuinely issued) and only the list refuses it.
        using var key = EditionSigningKeys.ImportSpkiBase64((await staff.GetFromJsonAsync<CheckinKeyResponse>($"/api/editions/{edition.Slug}/checkin-key"))!.Spki);
        Assert.True(BadgeToken.TryRead(second.QrText, key).IsValid);
        Assert.True(BadgeToken.TryRead(first.QrText, key).IsValid);
    }

    [Fact]
    public async Task Revocations_When_AnonymousOrAttendee_Expected_Refused()
    {
        var (edition, _) = await app.AddEditionAsync();
        using var anonymous = app.ClientAs(roles: null);
        using var noRole = app.ClientAs(roles: "");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/editions/{edition.Slug}/revocations")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await noRole.GetAsync($"/api/editions/{edition.Slug}/revocations")).StatusCode);
        using var organiser = app.ClientAs("Organiser");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await organiser.GetAsync($"/api/editions/{edition.Slug}/revocations")).StatusCode);
    }

    [Fact]
    public async Task CheckinKey_When_UnknownEdition_Expected_NotFound()
    {
        using var client = app.ClientAs(roles: null);

        var response = await client.GetAsync("/api/editions/no-such-edition/checkin-key");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SigningKey_When_Stored_Expected_EncryptedNotRawPkcs8()
    {
        var (edition, _) = await app.AddEditionAsync();
        var keys = app.Services.GetRequiredService<BadgeKeyService>();
        var key = await keys.SigningKeyAsync(edition.Id);
        var rawPkcs8 = Convert.ToBase64String(EditionSigningKeys.ExportPkcs8(key));

        var row = await app.WithDbAsync(db => db.EditionSigningKeys.AsNoTracking().SingleAsync(k => k.EditionId == edition.Id));

        Assert.DoesNotContain(rawPkcs8, row.ProtectedPrivateKey, StringComparison.Ordinal);
        Assert.DoesNotContain(rawPkcs8[..40], row.ProtectedPrivateKey, StringComparison.Ordinal);
        Assert.Equal(EditionSigningKeys.ExportSpkiBase64(key), row.SpkiBase64);
    }

    /// <summary>Every layout from demo-like data as PNG (pdftoppm -png -r 80) under the test output's badge-look folder, for a person to look at.</summary>
    [Fact]
    public async Task RenderAsync_When_EveryLayout_Expected_PngsSavedForLooking()
    {
        var (edition, categories) = await app.AddEditionAsync();
        var ids = new List<int>();
        var generated = new DaysOfClusters.Web.Data.Seeding.RegistrationGenerator().Attendees(8, seed: 8).ToList();
        for (var i = 0; i < generated.Count; i++)
        {
            var a = generated[i];
            ids.Add((await app.AddRegistrationAsync(edition, categories[i % categories.Count], a.FirstName, a.LastName, country: a.CountryCode, organisation: a.Organisation)).Registration.Id);
        }
        foreach (var (first, last, country) in Names)
            ids.Add((await app.AddRegistrationAsync(edition, categories[0], first, last, country: country, organisation: "Klaster za zelenu i digitalnu transformaciju Balkana")).Registration.Id);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "badge-look")).FullName;

        foreach (var format in Enum.GetValues<BadgeFormat>())
        {
            var pdf = await Badges.RenderAsync(edition.Id, BadgeSelection.Of([.. ids]), new BadgePrintOptions(format, DoubleSided: true), markPrinted: false);
            var path = Path.Combine(folder, $"{format}.pdf");
            await File.WriteAllBytesAsync(path, pdf!.Content);
            using var process = System.Diagnostics.Process.Start(BadgeRaster.PdfToPpmPath(), ["-png", "-r", "80", "-f", "1", "-l", "4", path, Path.Combine(folder, format.ToString())])!;
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.NotEmpty(Directory.GetFiles(folder, $"{format}-*.png"));
        }
    }
}
