using System.Globalization;
using CsvHelper;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>Every table of the statistics page as CSV (UTF-8 with BOM, so Excel reads Serbian letters right).</summary>
public static class StatisticsCsv
{
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true };

    public static readonly IReadOnlyList<string> Tables =
        ["countries", "continents", "regions", "organisation-types", "pillars", "categories", "timeline", "arrivals", "editions", "organisations", "network-members"];

    /// <summary>The CSV bytes of one table, or null for an unknown table name.</summary>
    public static byte[]? Write(StatisticsReport report, string table)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            switch (table.ToLowerInvariant())
            {
                case "countries": Rows(csv, "Country code", "Country", report.Countries); break;
                case "continents": Rows(csv, "Continent code", "Continent", report.Continents); break;
                case "regions": Rows(csv, "Region code", "Region", report.Regions); break;
                case "organisation-types": Rows(csv, "Type code", "Organisation type", report.OrganisationTypes); break;
                case "pillars": Rows(csv, "Pillar code", "Pillar", report.Pillars); break;
                case "categories": Rows(csv, "Category", "Category name", report.Categories); break;
                case "organisations": Rows(csv, "Organisation id", "Organisation", report.Organisations); break;
                case "network-members": Rows(csv, "Group", "Network membership", report.NetworkMembership); break;
                case "timeline":
                    Header(csv, "Date", "Registrations", "Cumulative");
                    foreach (var p in report.Timeline?.Points ?? [])
                        Record(csv, p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Registrations, p.Cumulative);
                    break;
                case "arrivals":
                    Header(csv, "Edition", "Date", "Arrivals");
                    foreach (var a in report.Arrivals) Record(csv, a.Edition, a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Arrivals);
                    break;
                case "editions":
                    Header(csv, "Ordinal", "Edition", "Year", "Registered", "Attended", "Growth %", "New", "Returning", "Countries", "Countries gained", "Aggregate only");
                    foreach (var e in report.Editions)
                        Record(csv, e.Ordinal, e.Edition, e.Year, e.Registered, e.Attended, e.GrowthPercent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
                            e.NewPeople, e.Returning, e.Countries, string.Join(' ', e.CountriesGained), e.AggregateOnly ? "yes" : "no");
                    break;
                default:
                    return null;
            }
        }
        return stream.ToArray();
    }

    private static void Rows(CsvWriter csv, string keyHeader, string labelHeader, IEnumerable<StatRow> rows)
    {
        Header(csv, keyHeader, labelHeader, "Registered", "Attended");
        foreach (var r in rows) Record(csv, r.Key, r.Label, r.Registered, r.Attended);
    }

    private static void Header(CsvWriter csv, params string[] names) => Record(csv, names);

    private static void Record(CsvWriter csv, params object[] fields) =>
        csv.WriteRecord(fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture) ?? "").ToArray());
}
