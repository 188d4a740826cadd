using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DaysOfClusters.Web.Features.Badges.Pages;

/// <summary>
/// Badge printing for an edition: what is not printed yet, by category, a chosen selection or one person (with reissue),
/// each as a background print job whose progress the page follows until its PDF is ready.
/// </summary>
public sealed partial class BadgesPage : IDisposable
{
    [Inject] private BadgeService Badges { get; set; } = default!;
    [Inject] private BadgePrintJobs Jobs { get; set; } = default!;
    [Inject] private EditionService EditionService { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public int Id { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>Opens a tab directly: <c>?tab=category</c>, <c>selection</c> or <c>person</c> (default: not printed yet).</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? TabName { get; set; }

    private static readonly (BadgeFormat Format, string Label)[] FormatLabels =
    [
        (BadgeFormat.A6, "A6 · 105 × 148 mm"),
        (BadgeFormat.Pouch100x140, "Pouch · 100 × 140 mm"),
        (BadgeFormat.Pouch90x130, "Pouch · 90 × 130 mm"),
        (BadgeFormat.Card54x90, "Card · 54 × 90 mm"),
        (BadgeFormat.SheetA4x4A6, "A4 sheet · 4 × A6"),
        (BadgeFormat.SheetA4x10Cards, "A4 sheet · 10 cards, crop marks"),
    ];

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<int> _selected = [];
    private Edition? _edition;
    private BadgeCounts? _counts;
    private bool _loading = true;
    private string _title = "Badges";
    private BadgeFormat _format = BadgeFormat.A6;
    private bool _doubleSided;
    private int _tab;
    private BadgePrintJob? _job;
    private string _jobLabel = "";
    private MudTable<BadgeRow>? _table;
    private IReadOnlyList<BadgeRow> _pageRows = [];
    private string? _search;
    private int? _categoryFilter;
    private BadgePrintedFilter _printedFilter;
    private BadgeRow? _person;
    private string? _reissueReason;
    private bool _reissuing;

    private bool Busy => _job is { State: BadgePrintJobState.Running };
    private bool PageAllSelected => _pageRows.Count > 0 && _pageRows.All(r => _selected.Contains(r.RegistrationId));

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _edition = await EditionService.FindAsync(Id);
        _counts = _edition is null ? null : await Badges.CountsAsync(Id);
        _title = _edition is null ? "Badges" : $"Badges · {_edition.DisplayName}";
        _tab = TabName?.ToLowerInvariant() switch { "category" => 1, "selection" => 2, "person" => 3, _ => _tab };
        _loading = false;
    }

    private async Task Print(BadgeSelection selection, string label)
    {
        if (Busy) return;
        var owner = AuthState is null ? "" : (await AuthState).User.Identity?.Name ?? "";
        _jobLabel = label;
        _job = Jobs.Start(owner, Id, selection, new BadgePrintOptions(_format, _doubleSided), label);
        var job = _job;
        try
        {
            while (job.State == BadgePrintJobState.Running)
            {
                StateHasChanged();
                await Task.Delay(250, _disposed.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (job.State == BadgePrintJobState.Completed && job.Result is { Count: > 0 } pdf)
            Snackbar.Add($"{pdf.Count} {(pdf.Count == 1 ? "badge" : "badges")} ready to download.", Severity.Success);
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _counts = await Badges.CountsAsync(Id);
        if (_person is not null) _person = await Badges.FindRowAsync(Id, _person.RegistrationId);
        if (_table is not null) await _table.ReloadServerData();
        StateHasChanged();
    }

    private async Task<TableData<BadgeRow>> LoadRowsAsync(TableState state, CancellationToken ct)
    {
        var page = await Badges.ListAsync(Id, _search, _categoryFilter, _printedFilter, state.Page * state.PageSize, state.PageSize, ct);
        _pageRows = page.Rows;
        return new TableData<BadgeRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private async Task SearchChanged(string? value)
    {
        _search = value;
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task CategoryFilterChanged(int? value)
    {
        _categoryFilter = value;
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task PrintedFilterChanged(BadgePrintedFilter value)
    {
        _printedFilter = value;
        if (_table is not null) await _table.ReloadServerData();
    }

    private void Toggle(int registrationId, bool on)
    {
        if (on) _selected.Add(registrationId);
        else _selected.Remove(registrationId);
    }

    private void SelectPage(bool on)
    {
        foreach (var row in _pageRows) Toggle(row.RegistrationId, on);
    }

    private async Task<IEnumerable<BadgeRow>> SearchPeopleAsync(string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2) return [];
        return (await Badges.ListAsync(Id, text, null, BadgePrintedFilter.Any, 0, 20, ct)).Rows;
    }

    private void PersonChanged(BadgeRow? row)
    {
        _person = row;
        _reissueReason = null;
    }

    private async Task OpenPersonAsync(BadgeRow row)
    {
        _person = await Badges.FindRowAsync(Id, row.RegistrationId) ?? row;
        _reissueReason = null;
        _tab = 3;
    }

    private async Task ReissueAsync()
    {
        if (_person is null || string.IsNullOrWhiteSpace(_reissueReason)) return;
        _reissuing = true;
        try
        {
            var issue = await Badges.ReissueAsync(Id, _person.RegistrationId, _reissueReason);
            if (issue is null)
            {
                Snackbar.Add("This registration is no longer confirmed; no badge was issued.", Severity.Warning);
            }
            else
            {
                Snackbar.Add($"Old code revoked; new badge {issue.ShortCode} (issue {issue.Badge.IssueNumber}) is ready to print.", Severity.Success);
                _reissueReason = null;
            }
            await RefreshAsync();
        }
        finally
        {
            _reissuing = false;
        }
    }

    private string PrintedText(BadgeRow row) => row.PrintedUtc is { } printed
        ? $"printed {(_edition is null ? printed : EditionRules.ToLocal(printed, _edition.TimeZoneId)):d MMM HH:mm}" + (row.PrintCount > 1 ? $" ({row.PrintCount}×)" : "")
        : "not printed";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
