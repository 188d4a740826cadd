using System.Globalization;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Registration.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace DaysOfClusters.Web.Features.CheckIn.Pages;

/// <summary>
/// The desk's form for a person who arrives unregistered: registers them (<see cref="WalkInService"/>), checks them in at
/// the chosen point and opens their badge to print; a known e-mail offers to check that registration in instead.
/// </summary>
public partial class WalkInPage
{
    [Inject] private CheckInService CheckIn { get; set; } = default!;
    [Inject] private ScannerLookups Lookups { get; set; } = default!;
    [Inject] private WalkInService WalkIns { get; set; } = default!;
    [Inject] private RegistrationService Registrations { get; set; } = default!;
    [Inject] private GeographyService Geography { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "point")] public int? PointQuery { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private List<ScannerEditionDto>? _editions;
    private List<RegistrationCategory> _categories = [];
    private List<Country> _countries = [];
    private int _editionId;
    private int? _pointId;
    private WalkInInput _input = new();
    private BadgeFormat _format = BadgeFormat.A6;
    private WalkInResult? _result;
    private ScanResult? _checkInstead;
    private bool _busy;
    private bool _popupBlocked;
    private bool _isOrganiser;

    private ScannerEditionDto? Edition => _editions?.FirstOrDefault(e => e.Id == _editionId);

    protected override async Task OnInitializedAsync()
    {
        _isOrganiser = (await AuthState).User.IsInRole(Roles.Organiser);
        _countries = await Geography.CountriesAsync();
        _editions = await Lookups.ScannerEditionsAsync(null);
        var start = _editions.FirstOrDefault(e => e.Points.Any(p => p.Id == PointQuery)) ?? _editions.FirstOrDefault(e => e.Points.Count > 0);
        if (start is null) return;
        _pointId = start.Points.Any(p => p.Id == PointQuery) ? PointQuery : start.Points[0].Id;
        await LoadEditionAsync(start.Id);
    }

    private async Task EditionChangedAsync(int editionId)
    {
        await LoadEditionAsync(editionId);
        _pointId = Edition is { Points.Count: > 0 } edition ? edition.Points[0].Id : null;
    }

    private async Task LoadEditionAsync(int editionId)
    {
        _editionId = editionId;
        _categories = await Registrations.CategoriesAsync(editionId);
        _input.CategoryId = _categories.FirstOrDefault(c => c.IsDefault)?.Id ?? _categories.FirstOrDefault()?.Id;
    }

    private static readonly BadgeFormat[] BadgeSizes = [BadgeFormat.A6, BadgeFormat.Pouch100x140, BadgeFormat.Pouch90x130, BadgeFormat.Card54x90];

    private IReadOnlyDictionary<string, List<string>> Errors =>
        _result is { Outcome: WalkInOutcome.Invalid } r ? r.Errors : new Dictionary<string, List<string>>();

    private FieldNaming Fields => new("walkin", Errors, L);

    private bool Has(string field) => Errors.ContainsKey(field);

    private string? ErrorOf(string field) => Fields.ErrorOf(field);

    private string CategoryText
    {
        get => _input.CategoryId?.ToString(CultureInfo.InvariantCulture) ?? "";
        set => _input.CategoryId = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private string BadgeHref(int registrationId) => WalkIns.BadgeUrl(registrationId, _format);

    private async Task SubmitAsync()
    {
        if (_busy) return;
        _busy = true;
        _checkInstead = null;
        _popupBlocked = false;
        try
        {
            var user = (await AuthState).User;
            _result = await WalkIns.RegisterAsync(_pointId ?? 0, _input, CheckInFeature.WalkInActorOf(user));
            if (_result is { Outcome: WalkInOutcome.CheckedIn, Person: { } person })
            {
                // Still inside the click's user activation, so the browser lets the badge open in a new tab.
                _popupBlocked = !await JS.InvokeAsync<bool>("docApp.openBadge", BadgeHref(person.RegistrationId));
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CheckInInsteadAsync(WalkInPerson person)
    {
        if (_pointId is not { } point) return;
        _busy = true;
        try
        {
            var user = (await AuthState).User;
            _checkInstead = await CheckIn.ScanAsync(new ScanRequest(null, point, RegistrationId: person.RegistrationId), CheckInFeature.Actor(user));
            if (_checkInstead?.Outcome == ScanOutcome.Accepted) Snackbar.Add($"{person.Name} checked in.", Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Reset()
    {
        var category = _input.CategoryId;
        var language = _input.Language;
        _input = new WalkInInput { CategoryId = category, Language = language };
        _result = null;
        _checkInstead = null;
        _popupBlocked = false;
    }

    private static string Outcome(ScanResult scan) => scan.Outcome switch
    {
        ScanOutcome.Accepted => "Checked in.",
        ScanOutcome.AlreadyInside => "Already inside.",
        _ => "Refused.",
    };

    private static string ScanLine(ScanResult? scan) => scan switch
    {
        null => "Registered; the check-in point could not be found.",
        { Outcome: ScanOutcome.Accepted } => $"Checked in at {scan.PointName} at {scan.CheckedInLocal} · inside now {scan.InsideNow}",
        _ => $"Registered. Check-in: {scan.Reason}",
    };
}
