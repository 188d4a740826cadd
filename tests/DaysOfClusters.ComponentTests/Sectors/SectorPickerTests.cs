using Bunit;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web.Features.Sectors;
using DaysOfClusters.Web.Features.Sectors.Pages;

namespace DaysOfClusters.ComponentTests.Sectors;

public sealed class SectorPickerTests : MudComponentTestBase
{
    private static readonly Sector Ict = new() { Id = 1, Name = "ICT", NameKey = "ict", SortOrder = 10 };
    private static readonly Sector Coal = new() { Id = 2, Name = "Coal mining", NameKey = "coal mining", SortOrder = 20, Retired = true };
    private static readonly Sector Tobacco = new() { Id = 3, Name = "Tobacco", NameKey = "tobacco", SortOrder = 30, Retired = true };

    private IRenderedComponent<SectorPicker> RenderPicker(IReadOnlyCollection<int> value, IReadOnlyCollection<int> original, Action<IReadOnlyCollection<int>> changed) =>
        Render<SectorPicker>(p => p
            .Add(x => x.Sectors, [Ict, Coal, Tobacco])
            .Add(x => x.Original, original)
            .Add(x => x.Value, value)
            .Add(x => x.ValueChanged, changed)
            .Add(x => x.RetiredLabel, name => $"{name} (no longer offered)"));

    [Fact]
    public void Render_WhenRecordHadARetiredSector_ShowsItLabelledButNotOtherRetiredOnes()
    {
        var cut = RenderPicker([1, 2, 3], original: [2], _ => { });
        var chips = cut.FindAll("[data-testid=sector-chip]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["ICT", "Coal mining (no longer offered)"], chips);
    }

    [Fact]
    public void ChipClose_WhenClicked_RemovesThatSectorOnly()
    {
        IReadOnlyCollection<int>? changed = null;
        var cut = RenderPicker([1, 2], original: [2], v => changed = v);
        var coal = cut.FindAll("[data-testid=sector-chip]").Single(c => c.TextContent.Contains("Coal", StringComparison.Ordinal));
        coal.QuerySelector(".mud-chip-close-button")!.Click();
        Assert.NotNull(changed);
        Assert.Equal([1], changed);
        Assert.Equal(["ICT"], cut.FindAll("[data-testid=sector-chip]").Select(c => c.TextContent.Trim()));
    }
}
