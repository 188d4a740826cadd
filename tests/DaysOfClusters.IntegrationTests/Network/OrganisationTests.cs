using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Network;

/// <summary>The organisation directory in the running app on a real SQLite file: search, links made by registering, merge.</summary>
public sealed class OrganisationTests : IDisposable
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);
    private readonly RegistrationAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private OrganisationService Organisations => _app.Services.GetRequiredService<OrganisationService>();
    private StatisticsService Statistics => _app.Services.GetRequiredService<StatisticsService>();

    private async Task<int> CreateAsync(string name, string country = "RS", string? city = null, string? shortName = null, int? memberSince = null)
    {
        var (id, errors) = await Organisations.SaveAsync(null, new OrganisationInput
        {
            Name = name, ShortName = shortName, CountryCode = country, City = city, Kind = OrganisationType.ClusterOrganisation, NetworkMemberSince = memberSince,
        });
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task<RegisterResult> RegisterAsync(Edition edition, string email, string organisation, int? organisationId = null, string country = "RS")
    {
        var input = RegistrationAppFactory.ValidInput(email, edition);
        input.Organisation = organisation;
        input.OrganisationId = organisationId;
        input.CountryCode = country;
        var result = await _app.Writer.RegisterAsync(edition.Id, input, Attendee);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result;
    }

    private async Task<int?> OrganisationOfAsync(int registrationId)
    {
        await using var db = await _app.DbAsync();
        return await db.RegistrationOrganisations.Where(l => l.RegistrationId == registrationId).Select(l => (int?)l.OrganisationId).SingleOrDefaultAsync();
    }

    [Theory]
    [InlineData("Niš", "nis")]
    [InlineData("  Klaster   ČAČAK ", "klaster cacak")]
    [InlineData("Đorđe Šćepanović", "djordje scepanovic")]
    [InlineData("Кластер Ниш", "klaster nis")]
    [InlineData("Türkiye Ağ", "turkiye ag")]
    public void Fold_WhenTextHasAccentsCaseOrCyrillic_GivesPlainLowerLatin(string text, string expected) =>
        Assert.Equal(expected, OrganisationSearch.Fold(text));

    [Fact]
    public async Task Suggest_WhenTypedWithoutAccentsOrInOtherCase_FindsTheOrganisation()
    {
        var nis = await CreateAsync("Klaster kreativnih industrija Niš", city: "Niš");
        var cyr = await CreateAsync("Кластер информационих технологија", city: "Ниш");
        var sofia = await CreateAsync("Balkan ICT Cluster", "BG", "Sofia", "BICT");

        Assert.Contains(nis, (await Organisations.SuggestAsync("Nis")).Select(s => s.Id));
        Assert.Equal(new[] { cyr, nis }.Order(), (await Organisations.SuggestAsync("KLASTER")).Select(s => s.Id).Order());
        Assert.Equal([sofia], (await Organisations.SuggestAsync("bict")).Select(s => s.Id));
        Assert.Empty(await Organisations.SuggestAsync("%"));      // LIKE wildcards are literal text
        Assert.Empty(await Organisations.SuggestAsync("k"));      // one letter is too little to suggest
        Assert.Empty(await Organisations.SuggestAsync("Zagreb"));
    }

    [Fact]
    public async Task Register_WhenOrganisationPickedTypedWithOtherAccentsOrNew_LinksPickedSameOrNewDirectoryEntry()
    {
        var (edition, _) = await _app.CreateEditionAsync(capacity: null);
        var klaster = await CreateAsync("Klaster Niš");

        var picked = await RegisterAsync(edition, "a@example.org", "Klaster Niš", klaster);
        var typed = await RegisterAsync(edition, "b@example.org", "klaster nis");            // same name folded, same country
        var elsewhere = await RegisterAsync(edition, "c@example.org", "Klaster Nis", country: "BG"); // same name, other country: a new entry
        var brandNew = await RegisterAsync(edition, "d@example.org", "Nova firma d.o.o.");

        Assert.Equal(klaster, await OrganisationOfAsync(picked.RegistrationId!.Value));
        Assert.Equal(klaster, await OrganisationOfAsync(typed.RegistrationId!.Value));
        var bg = await OrganisationOfAsync(elsewhere.RegistrationId!.Value);
        var created = await OrganisationOfAsync(brandNew.RegistrationId!.Value);
        Assert.NotNull(bg);
        Assert.NotEqual(klaster, bg);
        var newOrganisation = (await Organisations.FindAsync(created!.Value))!;
        Assert.Equal(("Nova firma d.o.o.", "RS", OrganisationType.ClusterOrganisation), (newOrganisation.Name, newOrganisation.CountryCode, newOrganisation.Kind));
        Assert.Equal(["a@example.org", "b@example.org"], (await Organisations.RegistrationsAsync(klaster)).Select(r => r.Email).Order());
    }

    private async Task<Dictionary<string, int>> ByOrganisationAsync(int editionId) =>
        (await Statistics.ReportAsync(editionId))!.Organisations.ToDictionary(r => r.Key, r => r.Registered);

    private static string Key(int organisationId) => organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Update_WhenAttendeeTypesAnotherOrganisationOnTheManagePage_RelinksToTheMatchingOrNewOrganisationAndStatisticsFollow()
    {
        var (edition, _) = await _app.CreateEditionAsync(capacity: null);
        var nis = await CreateAsync("Klaster Niš");
        var jug = await CreateAsync("Klaster drvne industrije Jug");
        var registered = await RegisterAsync(edition, "mover@example.org", "Klaster Niš", nis);
        await RegisterAsync(edition, "stayer@example.org", "Klaster Niš", nis);
        var id = registered.RegistrationId!.Value;
        Assert.Equal(2, (await ByOrganisationAsync(edition.Id))[Key(nis)]);

        // Typed without accents and in other case: the existing directory organisation by its folded name.
        var input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        input.Organisation = "KLASTER drvne industrije jug";
        Assert.Empty(await _app.Lifecycle.UpdateAsync(id, input, Attendee));
        Assert.Equal(jug, await OrganisationOfAsync(id));
        var figures = await ByOrganisationAsync(edition.Id);
        Assert.Equal((1, 1), (figures[Key(nis)], figures[Key(jug)]));

        // A name nobody has yet: a new directory entry, and the statistics count the person there.
        input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        input.Organisation = "Inovacioni centar Vranje";
        Assert.Empty(await _app.Lifecycle.UpdateAsync(id, input, Attendee));
        var created = (await OrganisationOfAsync(id))!.Value;
        Assert.NotEqual(nis, created);
        Assert.NotEqual(jug, created);
        Assert.Equal(("Inovacioni centar Vranje", "RS"), ((await Organisations.FindAsync(created))!.Name, (await Organisations.FindAsync(created))!.CountryCode));
        figures = await ByOrganisationAsync(edition.Id);
        Assert.Equal((1, 1), (figures[Key(nis)], figures[Key(created)]));
        Assert.False(figures.ContainsKey(Key(jug)));

        // An edit that leaves the organisation alone keeps the link (no new entry for the same name).
        input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        input.JobTitle = "Director";
        Assert.Empty(await _app.Lifecycle.UpdateAsync(id, input, Attendee));
        Assert.Equal(created, await OrganisationOfAsync(id));
        Assert.Single(await Organisations.ListAsync("Inovacioni centar Vranje", null, null, null));
        await using var db = await _app.DbAsync();
        Assert.Equal(2, await db.RegistrationOrganisations.CountAsync());
    }

    [Fact]
    public async Task Update_WhenOrganiserPicksASuggestionOrChangesTheCountryAtTheDesk_RelinksAndStatisticsFollow()
    {
        var (edition, _) = await _app.CreateEditionAsync(capacity: null);
        var nis = await CreateAsync("Klaster Niš");
        var sofia = await CreateAsync("Balkan ICT Cluster", "BG", "Sofia", "BICT", memberSince: 2012);
        var id = (await RegisterAsync(edition, "desk@example.org", "Klaster Niš", nis)).RegistrationId!.Value;
        var organiser = RegistrationCaller.Organiser("organiser@example.org");
        var membersBefore = (await Statistics.ReportAsync(edition.Id))!.NetworkMembership.Single(r => r.Key == OrganisationFigures.MembersKey).Registered;

        // Picked from the suggestions, as the organisation field does: its id and name.
        var input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        (input.Organisation, input.OrganisationId) = ("Balkan ICT Cluster", sofia);
        Assert.Empty(await _app.Lifecycle.UpdateAsync(id, input, organiser));
        Assert.Equal(sofia, await OrganisationOfAsync(id));
        var report = (await Statistics.ReportAsync(edition.Id))!;
        Assert.Equal([Key(sofia)], report.Organisations.Select(r => r.Key));
        Assert.Equal(membersBefore + 1, report.NetworkMembership.Single(r => r.Key == OrganisationFigures.MembersKey).Registered);
        Assert.Contains(await _app.AuditTrail.ListAsync(id), a => a.Action == "Edited" && a.Details!.Contains("Organisation", StringComparison.Ordinal));

        // Same name typed back, but the person is from another country: the name matches only within a country, so a new entry.
        input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        (input.Organisation, input.CountryCode) = ("Klaster Niš", "MK");
        Assert.Empty(await _app.Lifecycle.UpdateAsync(id, input, organiser));
        var macedonian = (await OrganisationOfAsync(id))!.Value;
        Assert.NotEqual(nis, macedonian);
        Assert.Equal("MK", (await Organisations.FindAsync(macedonian))!.CountryCode);
        Assert.Equal([Key(macedonian)], (await Statistics.ReportAsync(edition.Id))!.Organisations.Select(r => r.Key));

        // Bad input changes nothing, the link included.
        input = RegistrationInput.From((await _app.Registrations.FindAsync(id))!);
        (input.Organisation, input.OrganisationId) = ("", nis);
        Assert.Contains(nameof(RegistrationInput.Organisation), (await _app.Lifecycle.UpdateAsync(id, input, organiser)).Keys);
        Assert.Equal(macedonian, await OrganisationOfAsync(id));
    }

    [Fact]
    public async Task Merge_WhenBothOrganisationsHaveRegistrationsInSeveralEditions_KeepsEveryRegistrationAndEveryStatistic()
    {
        var (e1, _) = await _app.CreateEditionAsync(capacity: null);
        var (e2, _) = await _app.CreateEditionAsync(capacity: null);
        await using (var db = await _app.DbAsync())
            await db.Editions.Where(e => e.Id == e2.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Ordinal, 10));
        var keep = await CreateAsync("Klaster drvne industrije Jug", city: "Leskovac", memberSince: 2013);
        var duplicate = await CreateAsync("Klaster drvne ind. Jug", city: "Leskovac", shortName: "KDI");
        var other = await CreateAsync("Balkan ICT Cluster", "BG");
        var registrations = new List<int>();
        foreach (var (edition, email, org) in new[]
                 {
                     (e1, "k1@example.org", keep), (e1, "d1@example.org", duplicate), (e1, "o1@example.org", other),
                     (e2, "k1@example.org", keep), (e2, "d1@example.org", duplicate), (e2, "d2@example.org", duplicate),
                 })
            registrations.Add((await RegisterAsync(edition, email, "x", org, org == other ? "BG" : "RS")).RegistrationId!.Value);
        var before = (await Statistics.ReportAsync(null))!;
        var beforeE2 = (await Statistics.ReportAsync(e2.Id))!;
        // Before: members = the kept cluster's 2; others = the duplicate's 3 (not a member) + 1 of the other cluster.
        Assert.Equal((2, 4), (before.NetworkMembership.Single(r => r.Key == OrganisationFigures.MembersKey).Registered, before.NetworkMembership.Single(r => r.Key == OrganisationFigures.OthersKey).Registered));

        var result = await Organisations.MergeAsync(keep, duplicate);

        Assert.True(result.Merged);
        Assert.Equal(3, result.MovedRegistrations);
        Assert.Null(await Organisations.FindAsync(duplicate));
        var kept = (await Organisations.FindAsync(keep))!;
        Assert.Equal(("KDI", 2013), (kept.ShortName, kept.NetworkMemberSince)); // the missing short name came from the duplicate
        await using (var db = await _app.DbAsync())
        {
            Assert.Equal(6, await db.Registrations.CountAsync());
            Assert.Equal(6, await db.RegistrationOrganisations.CountAsync());
        }
        Assert.Equal(registrations.Where((_, i) => i is not 2).Order(), (await Organisations.RegistrationsAsync(keep)).Select(r => r.RegistrationId).Order());

        var after = (await Statistics.ReportAsync(null))!;
        var afterE2 = (await Statistics.ReportAsync(e2.Id))!;
        Assert.Equal(before.Headline, after.Headline);
        Assert.Equal(before.Countries, after.Countries);
        Assert.Equal(before.OrganisationTypes, after.OrganisationTypes);
        Assert.Equal(before.Editions.Select(Growth), after.Editions.Select(Growth));
        Assert.Equal(beforeE2.Headline, afterE2.Headline);
        Assert.Equal(before.Organisations.Sum(r => r.Registered), after.Organisations.Sum(r => r.Registered));
        Assert.Equal(5, after.Organisations.Single(r => r.Key == keep.ToString(System.Globalization.CultureInfo.InvariantCulture)).Registered);
        Assert.Equal(1, after.Organisations.Single(r => r.Key == other.ToString(System.Globalization.CultureInfo.InvariantCulture)).Registered);
        // The duplicate's people are network members now, like the organisation they belong to.
        Assert.Equal((5, 1), (after.NetworkMembership.Single(r => r.Key == OrganisationFigures.MembersKey).Registered, after.NetworkMembership.Single(r => r.Key == OrganisationFigures.OthersKey).Registered));
    }

    private static string Growth(EditionGrowth e) => $"{e.Ordinal} {e.Registered} {e.Attended} {e.NewPeople} {e.Returning} {e.Countries} {string.Join(',', e.CountriesGained)}";

    [Fact]
    public async Task Save_WhenFieldsAreBad_GivesFieldErrorsAndStoresNothing()
    {
        var (id, errors) = await Organisations.SaveAsync(null, new OrganisationInput
        {
            Name = " ", CountryCode = "QQ", Website = "not a site", SmeSharePercent = 120, NetworkMemberSince = 1990, ContactEmail = "nobody", Kind = OrganisationType.ClusterOrganisation,
        });
        Assert.Null(id);
        Assert.Equal(["ContactEmail", "CountryCode", "Name", "NetworkMemberSince", "SmeSharePercent", "Website"], errors.Keys.Order());
        Assert.Empty(await Organisations.ListAsync(null, null, null, null));
    }
}
