using System.Globalization;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages;

/// <summary>
/// An attendee's matchmaking from the manage link: profile, meetings and feedback, requests, availability and the marketplace.
/// A static page: each form posts back and the handler below answers it with the updated page.
/// </summary>
public sealed partial class AttendeeMatchmaking
{
    [Parameter] public string Token { get; set; } = "";
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    // The marketplace filters, from the query string; an unknown value (a hand-edited link) filters nothing.
    [SupplyParameterFromQuery(Name = "q")] private string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "sector")] private string? SectorText { get; set; }
    [SupplyParameterFromQuery(Name = "country")] private string? Country { get; set; }
    [SupplyParameterFromQuery(Name = "continent")] private string? ContinentText { get; set; }
    [SupplyParameterFromQuery(Name = "pillar")] private string? PillarText { get; set; }
    [SupplyParameterFromQuery(Name = "cooperation")] private string? CooperationText { get; set; }
    private int? FilterSector => int.TryParse(SectorText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    private Continent? FilterContinent => Enum.TryParse<Continent>(ContinentText, true, out var c) && Enum.IsDefined(c) ? c : null;
    private Pillar? FilterPillar => Enum.TryParse<Pillar>(PillarText, true, out var p) && Enum.IsDefined(p) ? p : null;
    private bool Filtering => !string.IsNullOrWhiteSpace(Text) || FilterSector is not null || !string.IsNullOrWhiteSpace(Country)
                              || FilterContinent is not null || FilterPillar is not null || FilterCooperation != CooperationTypes.None;
    private CooperationTypes FilterCooperation => Enum.TryParse<CooperationTypes>(CooperationText, true, out var c) && CooperationChoices.Contains(c) ? c : CooperationTypes.None;

    private static readonly CooperationTypes[] CooperationChoices = Enum.GetValues<CooperationTypes>().Where(c => c != CooperationTypes.None).ToArray();
    private Registration.Registration? _registration;
    private Edition? _edition;
    private MatchmakingProfile? _profile;
    private string? _offer, _seek, _shortText, _languages, _message, _myOrganisation;
    private OrganisationType _myKind = OrganisationType.Other;
    private IReadOnlyList<Sector> _sectorList = [];
    private IReadOnlyList<MarketplaceCountry> _marketplaceCountries = [];
    // A card names its sectors as the list has them (English); the page shows them in the reader's language.
    private string SectorName(string name) => _sectorList.FirstOrDefault(s => s.Name == name)?.DisplayName(Serbian) ?? name;
    private static bool Serbian => Localization.IsSerbian;
    private IReadOnlyCollection<int> _sectorIds = [], _originalSectors = [];
    private IReadOnlyCollection<CooperationTypes> _cooperation = [];
    private IReadOnlyList<(DateTime Start, DateTime End)> _slots = [];
    private HashSet<DateTime> _available = [];
    private IReadOnlyList<RequestView> _requests = [];
    private IReadOnlyList<ProfileCard> _results = [];
    private IReadOnlyList<MyMeeting> _schedule = [];
    private IReadOnlyDictionary<int, MeetingFeedback> _feedback = new Dictionary<int, MeetingFeedback>();
    private (string Text, Severity Severity)? _status;

    private string FollowUpLabel(ExpectedFollowUp f) => L[$"Mm_FollowUp_{f}"];
    private string CooperationLabel(CooperationTypes c) => L[$"Mm_Coop_{c}"];

    private static Color StatusColor(MeetingRequestStatus status) => status switch
    {
        MeetingRequestStatus.Accepted => Color.Success,
        MeetingRequestStatus.Pending => Color.Info,
        _ => Color.Default,
    };

    protected override async Task OnInitializedAsync()
    {
        _registration = await Registrations.FindByTokenAsync(Token);
        if (_registration is { AnonymisedUtc: null })
        {
            _edition = await Editions.FindAsync(_registration.EditionId);
            _profile = await Profiles.ProfileAsync(_registration.Id);
            _sectorList = await SectorList.ListAsync(includeRetired: true);
            if (await Schedule.OrganisationOfAsync(_registration.Id) is { } mine) (_myOrganisation, _myKind) = mine;
            if (_profile is not null)
            {
                _originalSectors = _sectorIds = (await Profiles.ProfileSectorIdsAsync(_registration.Id)).ToList();
                (_offer, _seek, _shortText, _languages) = (_profile.Offer, _profile.Seek, _profile.ShortText, _profile.Languages);
                _cooperation = CooperationChoices.Where(c => _profile.CooperationTypes.HasFlag(c)).ToList();
            }
            await RefreshAsync();
        }
        else _registration = null;
    }

    private async Task RefreshAsync()
    {
        if (_registration is null || _profile?.OptedIn != true) return;
        _slots = await Setup.SlotsAsync(_registration.EditionId);
        _available = (await Setup.AvailabilityAsync(_registration.Id)).ToHashSet();
        _requests = await Requests.RequestsOfAsync(_registration.Id);
        _schedule = await Schedule.MyScheduleAsync(_registration.Id);
        _feedback = await Insights.FeedbackOfAsync(_registration.Id);
        _marketplaceCountries = await Profiles.MarketplaceCountriesAsync(_registration.EditionId, _registration.Id);
        _results = await Profiles.SearchAsync(_registration.EditionId,
            new MarketplaceFilter(string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant(), FilterContinent, FilterPillar, FilterCooperation, Text, FilterSector),
            _registration.Id);
    }

    private string Local(DateTime utc) => EditionRules.ToLocal(utc, _edition!.TimeZoneId).ToString("ddd d MMM HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The posted form: these forms are plain HTML, read by name (repeated names for the ticked boxes). The pressed
    /// button is "intent" (never "action", which would hide the form's action from Blazor's enhanced post).</summary>
    private IFormCollection Posted => HttpContext.Request.HasFormContentType ? HttpContext.Request.Form : FormCollection.Empty;

    private static string? Field(IFormCollection form, string name) => form[name].FirstOrDefault() is { } v && !string.IsNullOrWhiteSpace(v) ? v : null;

    private async Task SaveProfileAsync()
    {
        if (_registration is null) return;
        var form = Posted;
        if (form["intent"] == "optout")
        {
            await Profiles.OptOutAsync(_registration.Id);
            _profile = await Profiles.ProfileAsync(_registration.Id);
            _status = (L["Mm_OptedOut"], Severity.Info);
            return;
        }
        // What was typed is shown again as posted, so a refused profile keeps every word.
        var offered = _sectorList.Where(s => !s.Retired || _originalSectors.Contains(s.Id)).Select(s => s.Id).ToHashSet();
        _sectorIds = form["sector"].Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(offered.Contains).Distinct().ToList();
        _cooperation = form["cooperation"].Select(v => Enum.TryParse<CooperationTypes>(v, out var c) ? c : CooperationTypes.None).Where(CooperationChoices.Contains).Distinct().ToList();
        (_offer, _seek, _shortText, _languages) = (Field(form, "offer"), Field(form, "seek"), Field(form, "about"), Field(form, "languages"));
        var types = _cooperation.Aggregate(CooperationTypes.None, (a, c) => a | c);
        var result = await Profiles.OptInAsync(_registration.Id, new ProfileInput(_sectorIds.ToList(), _offer, _seek, types, _shortText, _languages));
        Report(result, L["Mm_ProfileSaved"]);
        _profile = await Profiles.ProfileAsync(_registration.Id);
        if (result.Ok) _originalSectors = _sectorIds = (await Profiles.ProfileSectorIdsAsync(_registration.Id)).ToList();
        await RefreshAsync();
    }

    private async Task RequestAsync()
    {
        if (_registration is null || _profile?.OptedIn != true) return;
        var form = Posted;
        _message = Field(form, "message");
        var action = form["intent"].FirstOrDefault() ?? "";
        if (!action.StartsWith("request:", StringComparison.Ordinal)
            || !int.TryParse(action["request:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            _status = (L["Mm_Refused"], Severity.Warning);
            return;
        }
        var result = await Requests.SendRequestAsync(_registration.Id, to, _message);
        Report(result, L["Mm_RequestSent"]);
        _requests = await Requests.RequestsOfAsync(_registration.Id);
    }

    private async Task AnswerRequestAsync()
    {
        if (_registration is null || _profile?.OptedIn != true) return;
        var parts = (Posted["intent"].FirstOrDefault() ?? "").Split(':', 2);
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            _status = (L["Mm_Refused"], Severity.Warning);
            return;
        }
        // The service checks that the request is this person's to answer or cancel.
        switch (parts[0])
        {
            case "accept": Report(await Requests.RespondAsync(_registration.Id, id, true), L["Mm_AcceptedDone"]); break;
            case "decline": Report(await Requests.RespondAsync(_registration.Id, id, false), L["Mm_DeclinedDone"]); break;
            case "cancel": Report(await Requests.CancelAsync(_registration.Id, id), L["Mm_CancelledDone"]); break;
            default: _status = (L["Mm_Refused"], Severity.Warning); return;
        }
        _requests = await Requests.RequestsOfAsync(_registration.Id);
    }

    private async Task SaveAvailabilityAsync()
    {
        if (_registration is null || _profile?.OptedIn != true) return;
        var offered = _slots.Select(s => s.Start).ToHashSet();
        var ticked = Posted["slot"].Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is > 0 && t < DateTime.MaxValue.Ticks
                ? new DateTime(t, DateTimeKind.Utc) : DateTime.MinValue)
            .Where(offered.Contains).ToHashSet();
        var result = await Setup.SetAvailabilityAsync(_registration.Id, ticked);
        Report(result, L["Mm_AvailabilitySaved"]);
        _available = (await Setup.AvailabilityAsync(_registration.Id)).ToHashSet();
    }

    private async Task SaveFeedbackAsync(int requestId)
    {
        if (_registration is null) return;
        var form = Posted;
        var happened = form["happened"] != "false";
        int? usefulness = int.TryParse(form["usefulness"], NumberStyles.None, CultureInfo.InvariantCulture, out var u) && u is >= 1 and <= 5 ? u : null;
        var followUp = Enum.TryParse<ExpectedFollowUp>(form["followup"], out var f) && Enum.IsDefined(f) ? f : default;
        var result = await Insights.SubmitFeedbackAsync(_registration.Id, requestId,
            new FeedbackInput(happened, happened ? usefulness : null, followUp, Field(form, "comment")));
        Report(result, L["Mm_FeedbackThanks"]);
        if (result.Ok) _feedback = await Insights.FeedbackOfAsync(_registration.Id);
    }

    /// <summary>Success or the refusal, in the attendee's language (the service's code names the text; its English is the fallback).</summary>
    private void Report(MatchmakingResult result, string success) =>
        _status = (result.Ok ? success : result.Code is { } code ? L[code, result.Args ?? []] : result.Error ?? L["Mm_Refused"], result.Ok ? Severity.Success : Severity.Warning);
}
