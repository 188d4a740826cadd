using System.Net;
using System.Xml.Linq;
using DaysOfClusters.Web.Features.Matchmaking;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>The attendee's matchmaking page and PDF come in the visitor's language (English or Serbian, Latin script).</summary>
public sealed class MatchmakingTranslationTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private static HttpRequestMessage Get(string path, string culture)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        return request;
    }

    private async Task<(string Token, int Edition)> PublishedAsync()
    {
        var edition = await fx.NewEditionAsync();
        await fx.Setup.AddBlockAsync(edition, MatchmakingFixture.BlockStart, MatchmakingFixture.BlockStart.AddMinutes(20), 20);
        await fx.Setup.AddTablesAsync(edition, 1);
        var slot = (await fx.Setup.SlotsAsync(edition)).Single().Start;
        var ana = await fx.RegisteredParticipantAsync(edition, "Ana");
        var bojan = await fx.RegisteredParticipantAsync(edition, "Bojan");
        await fx.Setup.SetAvailabilityAsync(ana.Id, [slot]);
        await fx.Setup.SetAvailabilityAsync(bojan.Id, [slot]);
        await fx.AcceptedMeetingAsync(ana.Id, bojan.Id);
        await fx.Schedule.ScheduleAllAsync(edition, 0.5);
        await fx.Schedule.PublishAsync(edition);
        return (ana.Token, edition);
    }

    [Theory]
    [InlineData("en", new[] { "My profile", "My meetings", "Requests", "When I can meet", "Marketplace", "Sectors", "What we offer", "Save profile", "Table", "Accepted" })]
    [InlineData("sr-Latn", new[] { "Moj profil", "Moji sastanci", "Zahtevi", "Kada mogu da se sastanem", "Berza partnera", "Sektori", "Šta nudimo", "Sačuvaj profil", "Sto", "Prihvaćen" })]
    public async Task AttendeePage_WhenLanguageChosen_ShowsEveryPartInIt(string culture, string[] expected)
    {
        var (token, _) = await PublishedAsync();
        using var client = fx.App.CreateBrowserlikeClient();
        var response = await client.SendAsync(Get($"/manage/{token}/matchmaking", culture));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in expected) Assert.Contains(text, html, StringComparison.Ordinal);
        if (culture == "sr-Latn")
        {
            foreach (var english in new[] { "My meetings", "When I can meet", "What we seek", "Request a meeting", "Save availability" })
                Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "ICT", "IKT")]
    [InlineData("sr-Latn", "IKT", "ICT")]
    public async Task AttendeePage_WhenLanguageChosen_NamesTheMarketplaceCardsSectorsInIt(string culture, string shown, string notShown)
    {
        var (token, _) = await PublishedAsync();
        using var client = fx.App.CreateBrowserlikeClient();
        var html = WebUtility.HtmlDecode(await (await client.SendAsync(Get($"/manage/{token}/matchmaking", culture))).Content.ReadAsStringAsync());
        // Bojan's card: his sector (the seeded "ICT", whose Serbian name the migration wrote) in the reader's language.
        var card = html[html.IndexOf("data-testid=\"mm-profile-sectors\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains(shown, card, StringComparison.Ordinal);
        Assert.DoesNotContain(notShown, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulePdf_WhenSerbian_IsInSerbian()
    {
        var (token, _) = await PublishedAsync();
        using var client = fx.App.CreateBrowserlikeClient();
        var response = await client.SendAsync(Get($"/manage/{token}/matchmaking.pdf", "sr-Latn"));
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("raspored", text, StringComparison.Ordinal);
        Assert.Contains("Sastanak", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Meeting with", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "LOCATION:Table 1", "SUMMARY:B2B meeting: Bojan Tester")]
    [InlineData("sr-Latn", "LOCATION:Sto 1", "SUMMARY:B2B sastanak: Bojan Tester")]
    public async Task Calendar_WhenLanguageChosen_NamesTheTableInIt(string culture, string location, string summary)
    {
        var (token, _) = await PublishedAsync();
        using var client = fx.App.CreateBrowserlikeClient();
        var ics = await (await client.SendAsync(Get($"/manage/{token}/matchmaking.ics", culture))).Content.ReadAsStringAsync();
        Assert.Contains(location, ics, StringComparison.Ordinal);
        Assert.Contains(summary, ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_WhenMatchmakingKeysDefined_HaveEveryKeyInBothLanguagesAndEveryRefusalCode()
    {
        static Dictionary<string, string> Keys(string file) => XDocument.Load(Path.Combine(FindResources(), file)).Root!.Elements("data")
            .ToDictionary(e => (string)e.Attribute("name")!, e => (string)e.Element("value")!);
        var en = Keys("SharedResource.resx");
        var sr = Keys("SharedResource.sr-Latn.resx");
        var mm = en.Keys.Where(k => k.StartsWith("Mm_", StringComparison.Ordinal)).ToList();
        Assert.True(mm.Count > 80);
        Assert.DoesNotContain(mm, k => !sr.ContainsKey(k) || string.IsNullOrWhiteSpace(sr[k]));
        Assert.DoesNotContain(sr.Keys, k => k.StartsWith("Mm_", StringComparison.Ordinal) && !en.ContainsKey(k));
        // Every status, pillar, continent, cooperation type and follow-up the page shows has its text.
        var enumKeys = Enum.GetValues<MeetingRequestStatus>().Select(v => $"Mm_Status_{v}")
            .Concat(Enum.GetValues<DaysOfClusters.Web.Features.Registration.Pillar>().Select(v => $"Mm_Pillar_{v}"))
            .Concat(Enum.GetValues<DaysOfClusters.Web.Features.Geography.Continent>().Select(v => $"Mm_Continent_{v}"))
            .Concat(Enum.GetValues<CooperationTypes>().Where(v => v != CooperationTypes.None).Select(v => $"Mm_Coop_{v}"))
            .Concat(Enum.GetValues<ExpectedFollowUp>().Select(v => $"Mm_FollowUp_{v}"));
        Assert.DoesNotContain(enumKeys, k => !en.ContainsKey(k));
        // Every refusal code the services give attendees names a text.
        var codes = System.Text.RegularExpressions.Regex.Matches(
                string.Concat(Directory.GetFiles(Path.Combine(FindResources(), "..", "Features", "Matchmaking"), "*.cs").Order().Select(File.ReadAllText)),
                "\"(Mm_Err_[A-Za-z]+)\"")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(codes.Count >= 15);
        Assert.DoesNotContain(codes, c => !en.ContainsKey(c) || !sr.ContainsKey(c));
    }

    private static string FindResources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "DaysOfClusters.Web", "Resources");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/DaysOfClusters.Web/Resources not found above the test binaries.");
    }
}
