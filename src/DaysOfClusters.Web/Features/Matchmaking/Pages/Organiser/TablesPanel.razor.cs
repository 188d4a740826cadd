namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>The edition's meeting tables: adding, naming, reserving one for a participant, removing; the edition's rules below them.</summary>
public sealed partial class TablesPanel
{
    private IReadOnlyList<MatchmakingTable> _tables = [];
    private IReadOnlyList<ProfileCard> _participants = [];
    private readonly Dictionary<int, TableEdit> _tableEdits = [];
    private int _addTables = 10;

    /// <summary>A table's name and reservation as typed, until saved.</summary>
    private sealed class TableEdit
    {
        public string? Name { get; set; }
        public int? FixedRegistrationId { get; set; }
    }

    protected override async Task LoadAsync()
    {
        _tables = await Setup.TablesAsync(Edition.Id);
        _participants = await Profiles.SearchAsync(Edition.Id, new MarketplaceFilter());
        _tableEdits.Clear();
    }

    private TableEdit EditOf(MatchmakingTable t)
    {
        if (!_tableEdits.TryGetValue(t.Id, out var edit)) _tableEdits[t.Id] = edit = new TableEdit { Name = t.Name, FixedRegistrationId = t.FixedRegistrationId };
        return edit;
    }

    private async Task SaveTableAsync(MatchmakingTable t)
    {
        var edit = EditOf(t);
        await ReportAsync(await Setup.UpdateTableAsync(t.Id, edit.Name, edit.FixedRegistrationId), $"Table {t.Number} saved.", MatchmakingChanges.Tables);
    }

    private async Task AddTablesAsync()
    {
        await Setup.AddTablesAsync(Edition.Id, _addTables);
        await ChangedAsync(MatchmakingChanges.Tables);
    }

    private async Task RemoveTableAsync(int id)
    {
        await Setup.RemoveTableAsync(id);
        // Its meetings go with it.
        await ChangedAsync(MatchmakingChanges.Tables | MatchmakingChanges.Meetings);
    }
}
