using System.Globalization;
using CsvHelper;
using DaysOfClusters.Web.Infrastructure;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Every table of the statistics page as CSV (<see cref="CsvFormat.Export"/>: UTF-8 with BOM, formula cells escaped).
/// Counts and percentages are written as numbers, so a negative growth stays a number and is not escaped as text.
/// </summary>
public static class StatisticsCsv
{
    public static readonly IReadOnlyList<string> Tables =
        ["countries", "continents", "regions", "organisation-types", "pillars", "categories", "timeline", "arrivals", "editions", "organisations", "network-members"];

    /// <summary>The CSV bytes of one table, or null for an unknown table name.</summary>
    public static byte[]? Write(StatisticsReport report, string table)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvFormat.Export, leaveOpen: true))
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
                        Record(csv, e.Ordinal, e.Edition, e.Year, e.Registered, e.Attended, e.GrowthPercent is { } growth ? Math.Round(growth, 1) : null,
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

    private static void Header(CsvWriter csv, params string[] names) => csv.WriteHeader(names);

    /// <summary>One record: text as text (escaped when it could be a formula), numbers as numbers, null as an empty cell.</summary>
    private static void Record(CsvWriter csv, params object?[] fields)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case null: csv.WriteField((string?)null); break;
                case string text: csv.WriteField(text); break;
                case int number: csv.WriteField(number); break;
                case double number: csv.WriteField(number, "0.0"); break;
                default: csv.WriteField(Convert.ToString(field, CultureInfo.InvariantCulture)); break;
            }
        }
        csv.EndRecord();
    }
}
