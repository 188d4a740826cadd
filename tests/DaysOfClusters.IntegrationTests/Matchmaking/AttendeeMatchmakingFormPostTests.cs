using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>
/// The attendee's matchmaking page is static: profile, requests and availability are plain form posts with antiforgery.
/// A post can only act for the person whose manage link it is sent to.
/// </summary>
public sealed class AttendeeMatchmakingFormPostTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private async Task<string> TokenForAsync(int registrationId)
    {
        var token = "mm-post-" + Guid.NewGuid().ToString("N");
        await fx.App.WithDbAsync(db => db.Registrations.Where(r => r.Id == registrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ManageTokenHash, RegistrationRules.Sha256Hex(token))));
        return token;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string formName, IEnumerable<KeyValuePair<string, string>> fields,
        bool withAntiforgery = true)
    {
        var page = await client.GetAsync(new Uri($"/manage/{token}/matchmaking", UriKind.Relative));
        var all = new List<KeyValuePair<string, string>>(fields) { new("_handler", formName) };
        if (withAntiforgery) all.Add(new("__RequestVerificationToken", AppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync())));
        using var form = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri($"/manage/{token}/matchmaking", UriKind.Relative), form);
    }

    [Fact]
    public async Task ProfilePost_WhenAntiforgeryTokenValid_OptsInWithTickedSectorsAndTypedText()
    {
        var edition = await fx.NewEditionAsync();
        var person = await fx.NewRegistrationAsync(edition, "vesna");
        var token = await TokenForAsync(person);
        var sectors = await fx.WithDbAsync(db => db.Sectors.Where(s => !s.Retired).OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync());
        using var client = fx.App.CreateBrowserlikeClient();

        var response = await PostAsync(client, token, "mm-profile",
        [
            new("sector", sectors[0].ToString()), new("sector", sectors[1].ToString()), new("offer", "Testing labs"),
            new("cooperation", "JointProject"), new("cooperation", "Research"), new("languages", "English, Serbian"), new("intent", "save"),
        ]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Profile saved.", html, StringComparison.Ordinal);
        var profile = await fx.Profiles.ProfileAsync(person);
        Assert.NotNull(profile);
        Assert.True(profile.OptedIn);
        Assert.Equal("Testing labs", profile.Offer);
        Assert.Equal(CooperationTypes.JointProject | CooperationTypes.Research, profile.CooperationTypes);
        Assert.Equal(sectors, (await fx.Profiles.ProfileSectorIdsAsync(person)).Order().ToList());
    }

    [Fact]
    public async Task RequestPosts_WhenAntiforgeryTokenValid_SendAndAcceptOnlyForTheLinksOwner()
    {
        var edition = await fx.NewEditionAsync();
        var ana = await fx.ParticipantAsync(edition, "ana");
        var bojan = await fx.ParticipantAsync(edition, "bojan");
        var cedo = await fx.ParticipantAsync(edition, "cedo");
        var anaToken = await TokenForAsync(ana);
        var cedoToken = await TokenForAsync(cedo);
        using var client = fx.App.CreateBrowserlikeClient();

        var sent = await PostAsync(client, anaToken, "mm-send", [new("message", "Interreg?"), new("intent", $"request:{bojan}")]);
        Assert.Contains("Request sent.", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var request = Assert.Single(await fx.Requests.RequestsOfAsync(bojan));
        Assert.Equal((ana, "Interreg?", MeetingRequestStatus.Pending), (request.FromRegistrationId, request.Message, request.Status));

        // Čedo's link cannot answer a request made to Bojan, nor Ana's own link accept what she sent.
        await PostAsync(client, cedoToken, "mm-requests", [new("intent", $"accept:{request.Id}")]);
        await PostAsync(client, anaToken, "mm-requests", [new("intent", $"accept:{request.Id}")]);
        Assert.Equal(MeetingRequestStatus.Pending, Assert.Single(await fx.Requests.RequestsOfAsync(bojan)).Status);

        var bojanToken = await TokenForAsync(bojan);
        var accepted = await PostAsync(client, bojanToken, "mm-requests", [new("intent", $"accept:{request.Id}")]);
        Assert.Contains("Accepted.", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MeetingRequestStatus.Accepted, Assert.Single(await fx.Requests.RequestsOfAsync(bojan)).Status);
    }

    [Fact]
    public async Task AvailabilityPost_WhenSlotsForgedOrAntiforgeryMissing_StoresOnlyOfferedSlotsOrNothing()
    {
        var edition = await fx.NewEditionAsync();
        await fx.Setup.AddBlockAsync(edition, MatchmakingFixture.BlockStart, MatchmakingFixture.BlockStart.AddMinutes(60), 30);
        var slots = (await fx.Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        var person = await fx.ParticipantAsync(edition, "dragana");
        var token = await TokenForAsync(person);
        using var client = fx.App.CreateBrowserlikeClient();

        var refused = await PostAsync(client, token, "mm-availability", [new("slot", slots[0].Ticks.ToString())], withAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await fx.Setup.AvailabilityAsync(person));

        var saved = await PostAsync(client, token, "mm-availability",
            [new("slot", slots[1].Ticks.ToString()), new("slot", slots[1].AddMinutes(7).Ticks.ToString()), new("slot", "-5"), new("slot", "9999999999999999999999")]);
        Assert.Contains("Availability saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([slots[1]], (await fx.Setup.AvailabilityAsync(person)).ToList());
    }
}
