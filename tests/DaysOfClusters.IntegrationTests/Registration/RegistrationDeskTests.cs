using System.Net;
using System.Text;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class RegistrationDeskTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private RegistrationDesk Desk => app.Services.GetRequiredService<RegistrationDesk>();

    private async Task<(int EditionId, List<RegistrationCategory> Categories)> SeedAsync()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 3);
        var people = new (string First, string Last, string Country, OrganisationType Type, string Org)[]
        {
            ("Ана", "Јовановић", "RS", OrganisationType.AcademiaResearch, "Univerzitet u Nišu"),
            ("Maria", "Popescu", "RO", OrganisationType.ClusterOrganisation, "Cluster Tech Iași"),
            ("Ayşe", "Yılmaz", "TR", OrganisationType.PublicSector, "Kalkınma Ajansı"),
            ("John", "Smith", "US", OrganisationType.CompanySme, "Acme 100% Ltd"),
            ("Giorgi", "Beridze", "GE", OrganisationType.ClusterOrganisation, "Georgian Cluster"),
        };
        var i = 0;
        foreach (var p in people)
        {
            var input = RegistrationAppFactory.ValidInput($"desk{i++}.{Guid.NewGuid():N}@example.org", edition);
            (input.FirstName, input.LastName, input.CountryCode, input.OrganisationType, input.Organisation) = (p.First, p.Last, p.Country, p.Type, p.Org);
            Assert.True((await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null))).Succeeded);
        }
        return (edition.Id, categories);
    }

    [Fact]
    public async Task QueryAsync_WhenFiltered_ReturnsOnlyMatchingRowsWithTotals()
    {
        var (editionId, _) = await SeedAsync();

        var all = await Desk.QueryAsync(new DeskFilter(editionId), 0, 2);
        Assert.Equal(5, all.Total);
        Assert.Equal(2, all.Rows.Count);

        Assert.Equal(2, (await Desk.QueryAsync(new DeskFilter(editionId, Status: RegistrationStatus.Waitlisted), 0, 50)).Total);
        Assert.Equal(["Јовановић"], (await Desk.QueryAsync(new DeskFilter(editionId, CountryCode: "RS"), 0, 50)).Rows.Select(r => r.LastName));
        // Turkey and Georgia are Western Asia in UN M49.
        Assert.Equal(["Beridze", "Yılmaz"], (await Desk.QueryAsync(new DeskFilter(editionId, Continent: Continent.Asia, SortBy: "LastName"), 0, 50)).Rows.Select(r => r.LastName));
        Assert.Equal(2, (await Desk.QueryAsync(new DeskFilter(editionId, OrganisationType: OrganisationType.ClusterOrganisation), 0, 50)).Total);
        Assert.Equal(["Smith"], (await Desk.QueryAsync(new DeskFilter(editionId, Search: "100%"), 0, 50)).Rows.Select(r => r.LastName));
        Assert.Equal(["Popescu"], (await Desk.QueryAsync(new DeskFilter(editionId, Search: "tech iași"), 0, 50)).Rows.Select(r => r.LastName));
        Assert.Equal(["Smith"], (await Desk.QueryAsync(new DeskFilter(editionId, Search: "john smith"), 0, 50)).Rows.Select(r => r.LastName));
        var sorted = await Desk.QueryAsync(new DeskFilter(editionId, SortBy: "LastName", Descending: true), 0, 50);
        Assert.Equal(sorted.Rows.Select(r => r.LastName).OrderDescending(StringComparer.Ordinal), sorted.Rows.Select(r => r.LastName));
    }

    [Fact]
    public async Task ExportCsvAsync_WhenFiltered_WritesUtf8WithBomAndOnlyTheView()
    {
        var (editionId, _) = await SeedAsync();

        var bytes = await Desk.ExportCsvAsync(new DeskFilter(editionId, Continent: Continent.Europe, SortBy: "LastName"));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Id,FirstName,LastName,Email", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("Јовановић") && l.Contains("Univerzitet u Nišu") && l.Contains("Academia"));
        Assert.Contains(lines, l => l.Contains("Popescu"));
        Assert.DoesNotContain(lines, l => l.Contains("Smith"));
    }

    [Fact]
    public async Task SaveCategoryAsync_WhenCapacityRaised_OffersSeatAndRejectsBadValues()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: null, c => c.Single(x => x.Name == "Speaker").Capacity = 1);
        var speaker = categories.Single(c => c.Name == "Speaker");
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("s1@example.org", edition, speaker.Id), RegistrationCaller.Attendee(null));
        var second = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("s2@example.org", edition, speaker.Id), RegistrationCaller.Attendee(null));
        Assert.Equal(RegistrationStatus.Waitlisted, second.Status);

        var bad = await Desk.SaveCategoryAsync(edition.Id, new RegistrationCategory { Id = speaker.Id, Name = "<b>", Capacity = -1, BadgeColor = "red" }, "org");
        Assert.Equal(["BadgeColor", "Capacity", "Name"], bad.Keys.Order());

        var ok = await Desk.SaveCategoryAsync(edition.Id, new RegistrationCategory { Id = speaker.Id, Name = "Speaker", Capacity = 2, BadgeColor = "#C62828" }, "org");
        Assert.Empty(ok);
        Assert.Equal(RegistrationStatus.Offered, (await app.Registrations.FindAsync(second.RegistrationId!.Value))!.Status);
    }

    [Fact]
    public async Task DeskPage_WhenAnonymous_RedirectsToLogin()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 3);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/organiser/editions/{edition.Id}/registrations");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.Unauthorized });
    }
}
