using System.Text;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class RegistrationImportTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private RegistrationImport Import => app.Services.GetRequiredService<RegistrationImport>();

    private const string Header = "FirstName,LastName,Email,Organisation,OrganisationType,JobTitle,Country,Phone,Category,Days,DietaryNeeds,AccessibilityNeeds,Language,NetworkingConsent";

    [Fact]
    public async Task PreviewAsync_WhenRowsAreBad_ReportsLineFieldAndMessageAndImportSkipsThem()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("existing@example.org", edition), RegistrationCaller.Attendee(null));
        var csv = string.Join("\r\n",
            Header,
            "Petar,Petrović,petar@example.org,Klaster Niš,ClusterOrganisation,Manager,RS,,,,,,sr-Latn,yes",
            "Ivana,<script>,ivana@example.org,Uni,AcademiaResearch,Professor,Serbia,,,,,,,",
            "Mehmet,Öz,not-an-email,Agency,PublicSector,Director,ZZ,,Speaker,2027-10-14,,,,",
            "Ana,Dup,petar@example.org,X,CompanySme,CEO,BG,,,,,,,",
            "Old,Timer,existing@example.org,X,Media,Editor,GR,,Press,2027-10-15,,,,",
            "Bad,Type,bt@example.org,X,Spaceship,Pilot,RO,,Nobody,2027-13-01,,,,",
            "\"Zoë, Jr.\",\"O'Neil\",zoe@example.org,\"Acme, Inc.\",Company / SME,CTO,United Kingdom,+44 20 1234 5678,Exhibitor,2027-10-14;2027-10-15,Vegan,,en,no");

        var preview = await Import.PreviewAsync(edition.Id, "\uFEFF" + csv);

        Assert.Empty(preview.FileErrors);
        Assert.Equal(7, preview.Rows.Count);
        Assert.Equal([2, 8], preview.Rows.Where(r => r.IsValid).Select(r => r.Line));
        var errors = preview.Rows.SelectMany(r => r.Errors).ToList();
        Assert.Contains(errors, e => e is { Line: 3, Field: "LastName" });
        Assert.Contains(errors, e => e is { Line: 4, Field: "Email" });
        Assert.Contains(errors, e => e is { Line: 4, Field: "Country" });
        Assert.Contains(errors, e => e.Line == 5 && e.Field == "Email" && e.Message.Contains("line 2"));
        Assert.Contains(errors, e => e.Line == 6 && e.Field == "Email" && e.Message.Contains("Already registered"));
        Assert.Contains(errors, e => e is { Line: 7, Field: "OrganisationType" });
        Assert.Contains(errors, e => e is { Line: 7, Field: "Category" });
        Assert.Contains(errors, e => e is { Line: 7, Field: "Days" });
        var zoe = preview.Rows.Single(r => r.Line == 8).Input;
        Assert.Equal(("Zoë, Jr.", "GB", OrganisationType.CompanySme), (zoe.FirstName, zoe.CountryCode, zoe.OrganisationType));

        var reported = new List<int>();
        var summary = await Import.ImportAsync(edition.Id, preview, RegistrationCaller.Organiser("import:org"), new SynchronousProgress(reported.Add));

        Assert.Equal(2, summary.Imported);
        Assert.Equal(5, summary.Skipped);
        Assert.Equal(7, reported.Max());
        await using var db = await app.DbAsync();
        var stored = await db.Registrations.Where(r => r.EditionId == edition.Id).Select(r => r.EmailNormalized).OrderBy(e => e).ToListAsync();
        Assert.Equal(["existing@example.org", "petar@example.org", "zoe@example.org"], stored);
    }

    [Fact]
    public async Task PreviewAsync_WhenRequiredColumnMissing_ReportsFileErrorAndNoRows()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var preview = await Import.PreviewAsync(edition.Id, "FirstName,LastName\r\nA,B\r\n");
        Assert.Empty(preview.Rows);
        Assert.Contains(preview.FileErrors, e => e.Field == "Email");
    }

    [Fact]
    public async Task ImportAsync_When300Rows_ImportsAllWithWaitlistBeyondCapacity()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 250);
        var csv = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < 300; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Delegat{i},Prezime,d{i}@delegation.example,Klaster,ClusterOrganisation,Member,MK,,,,,,,\r\n");
        var preview = await Import.PreviewAsync(edition.Id, csv.ToString());
        Assert.Equal(300, preview.Valid);

        var summary = await Import.ImportAsync(edition.Id, preview, RegistrationCaller.Organiser("import:org"));

        Assert.Equal((300, 250, 50, 0), (summary.Imported, summary.Confirmed, summary.Waitlisted, summary.Skipped));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
