using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>The organisers' sector list (global) and how profiles, the marketplace and the directory use it.</summary>
public sealed class SectorListTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private SectorService Sectors => fx.Sectors;
    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task Migration_WhenAppStarts_SeedsClusterSectorsInOrder()
    {
        var names = (await Sectors.ListAsync()).Select(s => s.Name).ToList();
        string[] seeded = ["ICT", "Agri-food", "Energy and renewables", "Wood and furniture", "Textiles and clothing", "Tourism", "Automotive",
            "Creative industries", "Construction", "Health and life sciences", "Logistics and transport", "Metal processing"];
        Assert.Equal(seeded, names.Where(seeded.Contains).ToList());
        Assert.True(names.IndexOf("ICT") < names.IndexOf("Metal processing"));
    }

    [Fact]
    public async Task Migration_WhenAppStarts_GivesTheStartingSectorsSerbianNames()
    {
        var sectors = (await Sectors.ListAsync()).ToDictionary(s => s.Name);
        Assert.Equal("IKT", sectors["ICT"].NameSr);
        Assert.Equal("Drvo i nameštaj", sectors["Wood and furniture"].DisplayName(serbian: true));
        Assert.Equal("Wood and furniture", sectors["Wood and furniture"].DisplayName(serbian: false));
    }

    [Fact]
    public async Task RenameAsync_WhenSerbianNameGivenKeptBadOrCleared_StoresOnlyWhatIsValid()
    {
        var name = Unique("Fisheries");
        var id = (await Sectors.AddAsync(name)).Id!.Value;
        async Task<Sector> Stored() => (await Sectors.ListAsync(includeRetired: true)).Single(s => s.Id == id);

        Assert.True((await Sectors.RenameAsync(id, name, "  Ribarstvo  ")).Ok);
        Assert.Equal("Ribarstvo", (await Stored()).NameSr);
        Assert.Equal("Ribarstvo", (await Stored()).DisplayName(serbian: true));
        // Renaming without a Serbian name keeps the one there is.
        Assert.True((await Sectors.RenameAsync(id, name + " x")).Ok);
        Assert.Equal("Ribarstvo", (await Stored()).NameSr);
        // A bad Serbian name refuses the whole edit: the English name does not change either.
        var refused = await Sectors.RenameAsync(id, name + " y", "Riba, meso");
        Assert.False(refused.Ok);
        Assert.StartsWith("Serbian name:", refused.Error, StringComparison.Ordinal);
        Assert.Equal((name + " x", "Ribarstvo"), ((await Stored()).Name, (await Stored()).NameSr));
        // Cleared: Serbian readers see the English name.
        Assert.True((await Sectors.RenameAsync(id, name, " ")).Ok);
        Assert.Null((await Stored()).NameSr);
        Assert.Equal(name, (await Stored()).DisplayName(serbian: true));
    }

    [Fact]
    public async Task AddAsync_WhenBlankCommaOrSameNameFolded_IsRefusedAndChangesNothing()
    {
        var before = (await Sectors.ListAsync(includeRetired: true)).Count;
        Assert.Equal("Enter the sector's name.", (await Sectors.AddAsync("   ")).Error);
        Assert.Contains("without commas", (await Sectors.AddAsync("Wine, spirits")).Error, StringComparison.Ordinal);
        Assert.Contains("already in the list", (await Sectors.AddAsync("  ict ")).Error, StringComparison.Ordinal);
        Assert.Contains("already in the list", (await Sectors.AddAsync("AGRI-FOOD")).Error, StringComparison.Ordinal);
        var name = Unique("Šumarstvo");
        Assert.True((await Sectors.AddAsync(name)).Ok);
        Assert.False((await Sectors.AddAsync(name.Replace("Š", "s", StringComparison.Ordinal))).Ok);
        Assert.False((await Sectors.AddAsync(new string('x', SectorService.MaxNameLength + 1))).Ok);
        Assert.Equal(before + 1, (await Sectors.ListAsync(includeRetired: true)).Count);
    }

    [Fact]
    public async Task AddAsync_WhenSameNameAddedInParallel_StoresItOnce()
    {
        var name = Unique("Maritime");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Sectors.AddAsync(i % 2 == 0 ? name : name.ToUpperInvariant()))));
        Assert.Single(results, r => r.Ok);
        Assert.Single(await Sectors.ListAsync(), s => OrganisationSearch.Fold(s.Name) == OrganisationSearch.Fold(name));
    }

    [Fact]
    public async Task MoveAsync_WhenManyMovesRunInParallel_KeepsEverySectorOnceWithDistinctPlaces()
    {
        var before = (await Sectors.ListAsync(includeRetired: true)).Select(s => s.Id).Order().ToList();
        var moves = before.Take(10).Select((id, i) => Task.Run(() => Sectors.MoveAsync(id, i % 2 == 0 ? 1 : -1))).ToList();
        var results = await Task.WhenAll(moves);
        Assert.Contains(results, r => r.Ok);
        var after = await Sectors.ListAsync(includeRetired: true);
        Assert.Equal(before, after.Select(s => s.Id).Order());
        Assert.Equal(after.Count, after.Select(s => s.SortOrder).Distinct().Count());
    }

    [Fact]
    public async Task OptIn_WhenSavedInParallel_KeepsOneProfileWithTheSectorsOfOneSave()
    {
        var edition = await fx.NewEditionAsync();
        var registration = await fx.NewRegistrationAsync(edition, "doubleclick");
        var sets = new[] { new[] { "ICT" }, ["Agri-food", "Tourism"], ["Automotive", "Metal processing", "Construction"] };
        var ids = new List<int[]>();
        foreach (var set in sets) ids.Add(await Task.WhenAll(set.Select(fx.SectorIdAsync)));
        var saves = Enumerable.Range(0, 9).Select(i => Task.Run(() =>
            fx.Profiles.OptInAsync(registration, new ProfileInput(ids[i % 3], "offer", "seek", CooperationTypes.Supply, null, null))));
        Assert.All(await Task.WhenAll(saves), r => Assert.True(r.Ok, r.Error));

        Assert.Equal(1, await fx.WithDbAsync(db => db.MatchmakingProfiles.CountAsync(p => p.RegistrationId == registration)));
        var stored = (await fx.Profiles.ProfileSectorIdsAsync(registration)).Order().ToList();
        Assert.Contains(ids, set => set.Order().SequenceEqual(stored));
    }

    [Fact]
    public async Task RenameAndMove_WhenDone_ProfilesShowTheNewNameInTheNewOrder()
    {
        var edition = await fx.NewEditionAsync();
        var first = (await Sectors.AddAsync(Unique("Aquaculture"))).Id!.Value;
        var second = (await Sectors.AddAsync(Unique("Beekeeping"))).Id!.Value;
        var me = await fx.ParticipantAsync(edition, "me");
        var other = await fx.ParticipantAsync(edition, "other", sectorIds: [first, second]);

        var renamed = Unique("Fish farming");
        Assert.True((await Sectors.RenameAsync(first, renamed)).Ok);
        Assert.False((await Sectors.RenameAsync(second, "ICT")).Ok);
        Assert.True((await Sectors.MoveAsync(second, -1)).Ok);

        var card = (await fx.Profiles.SearchAsync(edition, new MarketplaceFilter(), me)).Single(c => c.RegistrationId == other);
        Assert.Equal(2, card.Sectors.Count);
        Assert.Equal(renamed, card.Sectors[1]);
        var order = (await Sectors.ListAsync()).Select(s => s.Id).ToList();
        Assert.True(order.IndexOf(second) < order.IndexOf(first));
        Assert.False((await Sectors.MoveAsync(order[0], -1)).Ok);
    }

    [Fact]
    public async Task Retire_WhenSectorRetired_StaysOnProfilesButCannotBePickedAnew()
    {
        var edition = await fx.NewEditionAsync();
        var retiring = (await Sectors.AddAsync(Unique("Tobacco"))).Id!.Value;
        var ict = await fx.SectorIdAsync("ICT");
        var holder = await fx.ParticipantAsync(edition, "holder", sectorIds: [retiring]);
        var newcomer = await fx.ParticipantAsync(edition, "newcomer");
        Assert.True((await Sectors.SetRetiredAsync(retiring, true)).Ok);

        Assert.DoesNotContain(await Sectors.ListAsync(), s => s.Id == retiring);
        Assert.Contains(await Sectors.ListAsync(includeRetired: true), s => s.Id == retiring && s.Retired);
        // The holder keeps it (and may save the profile with it); nobody can pick it anew.
        Assert.Equal([retiring], await fx.Profiles.ProfileSectorIdsAsync(holder));
        Assert.True((await fx.Profiles.OptInAsync(holder, new ProfileInput([retiring, ict], "o", "s", CooperationTypes.Supply, null, null))).Ok);
        var refused = await fx.Profiles.OptInAsync(newcomer, new ProfileInput([ict, retiring], "o", "s", CooperationTypes.Supply, null, null));
        Assert.False(refused.Ok);
        Assert.Equal("Mm_Err_Sectors", refused.Code);
        Assert.Equal([ict], await fx.Profiles.ProfileSectorIdsAsync(newcomer));
        // Once removed it is gone for the holder too.
        Assert.True((await fx.Profiles.OptInAsync(holder, new ProfileInput([ict], "o", "s", CooperationTypes.Supply, null, null))).Ok);
        Assert.False((await fx.Profiles.OptInAsync(holder, new ProfileInput([retiring], "o", "s", CooperationTypes.Supply, null, null))).Ok);
        Assert.False((await fx.Profiles.OptInAsync(holder, new ProfileInput([int.MaxValue], "o", "s", CooperationTypes.Supply, null, null))).Ok);
        Assert.True((await Sectors.SetRetiredAsync(retiring, false)).Ok);
        Assert.True((await fx.Profiles.OptInAsync(newcomer, new ProfileInput([retiring], "o", "s", CooperationTypes.Supply, null, null))).Ok);
    }

    [Fact]
    public async Task SearchAsync_WhenFilteredBySector_ReturnsOnlyProfilesWithIt()
    {
        var edition = await fx.NewEditionAsync();
        var agri = await fx.SectorIdAsync("Agri-food");
        var wood = await fx.SectorIdAsync("Wood and furniture");
        var me = await fx.ParticipantAsync(edition, "me");
        var farmer = await fx.ParticipantAsync(edition, "farmer", sectorIds: [agri]);
        var both = await fx.ParticipantAsync(edition, "both", sectorIds: [wood, agri]);
        await fx.ParticipantAsync(edition, "coder");

        Assert.Equal(new[] { farmer, both }.Order(), (await fx.Profiles.SearchAsync(edition, new MarketplaceFilter(SectorId: agri), me)).Select(p => p.RegistrationId).Order());
        Assert.Equal([both], (await fx.Profiles.SearchAsync(edition, new MarketplaceFilter(SectorId: wood), me)).Select(p => p.RegistrationId));
        // The text search looks through sector names too.
        Assert.Equal([both], (await fx.Profiles.SearchAsync(edition, new MarketplaceFilter(Text: "furniture"), me)).Select(p => p.RegistrationId));
        var card = (await fx.Profiles.SearchAsync(edition, new MarketplaceFilter(SectorId: wood), me)).Single();
        Assert.Equal(["Agri-food", "Wood and furniture"], card.Sectors);
    }

    [Fact]
    public async Task Directory_WhenOrganisationSavedAndMerged_KeepsSectorsFromTheList()
    {
        var organisations = fx.App.Services.GetRequiredService<OrganisationService>();
        var ict = await fx.SectorIdAsync("ICT");
        var logistics = await fx.SectorIdAsync("Logistics and transport");
        var retired = (await Sectors.AddAsync(Unique("Coal"))).Id!.Value;
        await Sectors.SetRetiredAsync(retired, true);

        var (refusedId, errors) = await organisations.SaveAsync(null, new OrganisationInput { Name = Unique("Retired Sector Org"), CountryCode = "RS", SectorIds = [retired] });
        Assert.Null(refusedId);
        Assert.True(errors.ContainsKey(nameof(OrganisationInput.SectorIds)));

        var (keep, _) = await organisations.SaveAsync(null, new OrganisationInput { Name = Unique("Keep Cluster"), CountryCode = "RS", SectorIds = [ict] });
        var (duplicate, _) = await organisations.SaveAsync(null, new OrganisationInput { Name = Unique("Dup Cluster"), CountryCode = "RS", SectorIds = [ict, logistics] });
        Assert.Equal([ict], await organisations.SectorIdsAsync(keep!.Value));
        Assert.True((await organisations.MergeAsync(keep.Value, duplicate!.Value)).Merged);
        Assert.Equal(new[] { ict, logistics }.Order(), (await organisations.SectorIdsAsync(keep.Value)).Order());
        var usage = await Sectors.UsageAsync();
        Assert.True(usage[logistics].Organisations >= 1);
    }
}
