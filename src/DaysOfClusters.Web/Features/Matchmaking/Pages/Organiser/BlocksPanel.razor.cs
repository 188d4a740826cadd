using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>The edition's matchmaking blocks (the time ranges cut into slots): the list and the form that adds one.</summary>
public sealed partial class BlocksPanel
{
    private IReadOnlyList<MatchmakingBlock> _blocks = [];
    private DateTime? _day;
    private TimeSpan? _from = new(14, 0, 0), _to = new(17, 0, 0);
    private int _slotMinutes = 20;

    protected override void OnInitialized() => _day = Edition.StartDate.ToDateTime(TimeOnly.MinValue);

    protected override async Task LoadAsync() => _blocks = await Setup.BlocksAsync(Edition.Id);

    private async Task AddBlockAsync()
    {
        if (_day is null || _from is null || _to is null) return;
        var start = EditionRules.ToUtc(_day.Value.Date + _from.Value, Edition.TimeZoneId);
        var end = EditionRules.ToUtc(_day.Value.Date + _to.Value, Edition.TimeZoneId);
        await ReportAsync(await Setup.AddBlockAsync(Edition.Id, start, end, _slotMinutes), "Block added.", MatchmakingChanges.Blocks);
    }

    private async Task RemoveBlockAsync(int id)
    {
        await Setup.RemoveBlockAsync(id);
        await ChangedAsync(MatchmakingChanges.Blocks);
    }
}
