using System.Globalization;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>
/// A panel of the organiser's matchmaking page. It loads only what it shows; after an action it tells the page what changed
/// (<see cref="Changed"/>), and the page reloads the panels that show that (<see cref="OrganiserRefresh"/>), this one included.
/// </summary>
public abstract class OrganiserPanel : ComponentBase
{
    [Parameter, EditorRequired] public Edition Edition { get; set; } = default!;

    /// <summary>What an action of this panel changed.</summary>
    [Parameter] public EventCallback<MatchmakingChanges> Changed { get; set; }

    /// <summary>The message of a refused change for the page's alert; null clears the alert.</summary>
    [Parameter] public EventCallback<string?> RefusalChanged { get; set; }

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>False until the first load is done, so a panel never shows its empty state before its data.</summary>
    protected bool Loaded { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Loaded = true;
    }

    /// <summary>Loads the panel's data again and draws it (the page calls this when something the panel shows changed).</summary>
    public async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected Task ChangedAsync(MatchmakingChanges changes) => Changed.InvokeAsync(changes);

    /// <summary>Says how a change went (a refusal also stays in the page's alert), then tells the page what changed.</summary>
    protected async Task ReportAsync(MatchmakingResult result, string success, MatchmakingChanges changes)
    {
        Snackbar.Add(result.Ok ? success : result.Error ?? "Refused.", result.Ok ? Severity.Success : Severity.Warning);
        await RefusalChanged.InvokeAsync(result.Ok ? null : $"Refused: {result.Error ?? "the change is not possible."}");
        await ChangedAsync(changes);
    }

    /// <summary>Marks or unmarks a request as priority (the unscheduled list, the grid and the request list all offer it).</summary>
    protected async Task SetPriorityAsync(MeetingRequests requests, int requestId, bool priority) =>
        await ReportAsync(await requests.SetPriorityAsync(requestId, priority),
            priority ? "Marked as priority: Schedule all places it first." : "Priority removed.", MatchmakingChanges.Requests);

    protected string Local(DateTime utc) => EditionRules.ToLocal(utc, Edition.TimeZoneId).ToString("ddd d MMM HH:mm", CultureInfo.CurrentCulture);
}
