using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DaysOfClusters.Web.Features.Statistics.Pages;

/// <summary>
/// The organisers' statistics for one edition or all: headline, cards, map, charts and tables (each with its CSV), and
/// the PDF for sponsors. The report is kept from the prerender for the interactive render.
/// </summary>
public partial class StatisticsPage
{
    [Inject] private StatisticsService Statistics { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private const string MapWorld = "world", MapEurope = "europe", MeasureRegistered = "registered", MeasureAttended = "attended";

    [SupplyParameterFromQuery(Name = "edition")] public string? EditionQuery { get; set; }

    // Kept from the prerender for the interactive render, so opening the page queries the database once, not twice.
    [PersistentState] public StatisticsReport? PersistedReport { get; set; }
    [PersistentState] public List<EditionChoice>? PersistedChoices { get; set; }
    [PersistentState] public int PersistedScope { get; set; }

    private string _mapView = MapEurope, _mapMeasure = MeasureRegistered;

    private double[] _continentValues = [];
    private string[] _continentLabels = [];
    private List<ChartSeries<double>> _continentSeries = [];
    private string[] _countryLabels = [];
    private List<ChartSeries<double>> _countrySeries = [];
    private string[] _lineLabels = [];
    private List<ChartSeries<double>> _lineSeries = [];
    private readonly BarChartOptions _barOptions = new() { XAxisLabelRotation = 35, ShowValues = true };
    private readonly LineChartOptions _lineOptions = new() { ShowDataMarkers = false };

    private string ScopeSegment => PersistedScope == 0 ? "all" : PersistedScope.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private string TimeZoneNote => "local dates in the edition's time zone";

    protected override async Task OnInitializedAsync()
    {
        if (PersistedReport is not null && PersistedChoices is not null)
        {
            BuildCharts();
            return;
        }
        PersistedChoices = await Statistics.EditionChoicesAsync();
        PersistedScope = EditionQuery == "all" ? 0
            : int.TryParse(EditionQuery, out var id) && PersistedChoices.Any(c => c.Id == id) ? id
            : PersistedChoices.Count > 0 ? PersistedChoices[0].Id : 0;
        await LoadAsync();
    }

    private async Task ScopeChangedAsync(int scope)
    {
        PersistedScope = scope;
        PersistedReport = null;
        Navigation.NavigateTo($"/organiser/statistics?edition={ScopeSegment}", replace: true);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        PersistedReport = await Statistics.ReportAsync(PersistedScope == 0 ? null : PersistedScope);
        BuildCharts();
    }

    private void BuildCharts()
    {
        if (PersistedReport is null) return;

        var continents = PersistedReport.Continents.Where(c => c.Registered > 0).ToList();
        _continentValues = continents.Select(c => (double)c.Registered).ToArray();
        _continentLabels = continents.Select(c => $"{c.Label} ({c.Registered:N0})").ToArray();
        _continentSeries = [new ChartSeries<double> { Name = "Registered", Data = new ChartData<double>(_continentValues) }];

        var top = PersistedReport.Countries.Where(c => c.Registered > 0).Take(10).ToList();
        _countryLabels = top.Select(c => c.Label).ToArray();
        _countrySeries = [new ChartSeries<double> { Name = "Registered", Data = new ChartData<double>(top.Select(c => (double)c.Registered).ToArray()) }];
        if (top.Any(c => c.Attended > 0))
            _countrySeries.Add(new ChartSeries<double> { Name = "Attended", Data = new ChartData<double>(top.Select(c => (double)c.Attended).ToArray()) });

        if (PersistedReport.Timeline is { } t)
        {
            // Label about a dozen days so the axis stays readable.
            var step = Math.Max(1, (int)Math.Ceiling(t.Points.Count / 12.0));
            _lineLabels = t.Points.Select((p, i) => i % step == 0 || i == t.Points.Count - 1 ? p.Date.ToString("d MMM") : "").ToArray();
            _lineSeries = [new ChartSeries<double> { Name = "Registered (cumulative)", Data = new ChartData<double>(t.Points.Select(p => (double)p.Cumulative).ToArray()) }];
        }
        else
        {
            _lineLabels = PersistedReport.Editions.Select(e => $"{e.Ordinal}. ({e.Year})").ToArray();
            _lineSeries =
            [
                new ChartSeries<double> { Name = "Registered", Data = new ChartData<double>(PersistedReport.Editions.Select(e => (double)e.Registered).ToArray()) },
                new ChartSeries<double> { Name = "Attended", Data = new ChartData<double>(PersistedReport.Editions.Select(e => (double)e.Attended).ToArray()) },
                new ChartSeries<double> { Name = "Countries", Data = new ChartData<double>(PersistedReport.Editions.Select(e => (double)e.Countries).ToArray()) },
            ];
        }
    }

    private static IEnumerable<(string Label, string Value, string? Note)> Cards(Headline h) =>
    [
        ("Registered", h.Registered.ToString("N0"), "confirmed"),
        ("Attended", h.Attended.ToString("N0"), "checked in"),
        ("Countries", h.Countries.ToString("N0"), h.Attended > 0 ? $"{h.AttendedCountries} attended" : null),
        ("Continents", h.Continents.ToString("N0"), h.Attended > 0 ? $"{h.AttendedContinents} attended" : null),
        ("No-show rate", h.NoShowRate is { } r ? r.ToString("P0") : "–", h.NoShowRate is null ? "after check-in starts" : "registered, never checked in"),
    ];

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
