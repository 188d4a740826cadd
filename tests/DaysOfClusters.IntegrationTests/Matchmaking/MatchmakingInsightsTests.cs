using System.Net;
using DaysOfClusters.Web.Features.Matchmaking;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>Personal schedule as iCal and PDF, after-event feedback and the organiser's statistics.</summary>
public sealed class MatchmakingInsightsTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private MeetingRequests Requests => fx.Requests;
    private MatchmakingSetup Setup => fx.Setup;
    private MeetingSchedule Schedule => fx.Schedule;
    private MatchmakingInsights Insights => fx.App.Services.GetRequiredService<MatchmakingInsights>();
    private static readonly DateTime Start = MatchmakingFixture.BlockStart; // 24 Sep 2026 12:00 UTC = 14:00 in Belgrade, in the past

    private sealed record Published(int Edition, (int Id, string Token, string Email) Ana, (int Id, string Token, string Email) Dieter,
        (int Id, string Token, string Email) Kenji, int AnaDieter, int AnaKenji);

    /// <summary>Ana (RS) meets Dieter (DE) in slot 1 at table 2 (table 1 is taken by a locked placement elsewhere); Ana–Kenji (JP) is accepted but Kenji marked no slot.</summary>
    private async Task<Published> PublishedEditionAsync(DateTime blockStart)
    {
        var edition = await fx.NewEditionAsync();
        Assert.True((await Setup.AddBlockAsync(edition, blockStart, blockStart.AddMinutes(60), 30)).Ok);
        await Setup.AddTablesAsync(edition, 2);
        var tables = await Setup.TablesAsync(edition);
        Assert.True((await Setup.UpdateTableAsync(tables[1].Id, "Serbian Chamber", null)).Ok);
        var slots = (await Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        var ana = await fx.RegisteredParticipantAsync(edition, "Ana", "en", "RS");
        var dieter = await fx.RegisteredParticipantAsync(edition, "Dieter", "en", "DE");
        var kenji = await fx.RegisteredParticipantAsync(edition, "Kenji", "en", "JP");
        await Setup.SetAvailabilityAsync(ana.Id, slots);
        await Setup.SetAvailabilityAsync(dieter.Id, [slots[1]]);
        var anaDieter = await fx.AcceptedMeetingAsync(ana.Id, dieter.Id);
        var anaKenji = await fx.AcceptedMeetingAsync(ana.Id, kenji.Id);
        Assert.True((await Schedule.PlaceAsync(anaDieter, slots[1], tables[1].Id)).Ok);
        await Schedule.PublishAsync(edition);
        return new Published(edition, ana, dieter, kenji, anaDieter, anaKenji);
    }

    [Fact]
    public async Task IcsAndPdf_WhenScheduleIsPublished_HoldTheMeetingWithTableInTheEditionsZone()
    {
        var p = await PublishedEditionAsync(Start);
        using var client = fx.App.CreateClient();

        var ics = await client.GetAsync(new Uri($"/manage/{p.Ana.Token}/matchmaking.ics", UriKind.Relative));
        var pdf = await client.GetAsync(new Uri($"/manage/{p.Dieter.Token}/matchmaking.pdf", UriKind.Relative));
        var unknown = await client.GetAsync(new Uri("/manage/not-a-token/matchmaking.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var icsText = await ics.Content.ReadAsStringAsync();
        // The file goes into calendar apps and shared calendars: it must not carry the manage link's token.
        Assert.DoesNotContain(p.Ana.Token, icsText.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var calendar = Calendar.Load(icsText)!;
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal("Europe/Belgrade", meeting.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 9, 24, 14, 30, 0), meeting.DtStart.Value);
        Assert.Equal(Start.AddMinutes(30), meeting.DtStart.AsUtc);
        Assert.Equal(Start.AddMinutes(60), meeting.DtEnd!.AsUtc);
        Assert.Equal("Table 2 – Serbian Chamber", meeting.Location);
        Assert.Contains("Dieter Tester (Dieter Cluster)", meeting.Summary, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', Assert.Single(document.GetPages()).GetWords().Select(w => w.Text));
        Assert.Contains("14:30–15:00", text, StringComparison.Ordinal);
        Assert.Contains("Ana Tester", text, StringComparison.Ordinal);
        Assert.Contains("Serbian Chamber", text, StringComparison.Ordinal);
        Assert.Contains("Dieter Tester, Dieter Cluster", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task SubmitFeedbackAsync_WhenValidAfterTheMeeting_StoresOnePerSideAndReplacesOnResubmit()
    {
        var p = await PublishedEditionAsync(Start);

        Assert.False((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, null, ExpectedFollowUp.JointProject, null))).Ok);
        Assert.False((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 6, ExpectedFollowUp.JointProject, null))).Ok);
        Assert.False((await Insights.SubmitFeedbackAsync(p.Kenji.Id, p.AnaDieter, new FeedbackInput(true, 4, ExpectedFollowUp.None, null))).Ok);
        Assert.False((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaKenji, new FeedbackInput(true, 4, ExpectedFollowUp.None, null))).Ok); // never scheduled
        Assert.Empty(await Insights.FeedbackOfAsync(p.Ana.Id));

        Assert.True((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 3, ExpectedFollowUp.AnotherMeeting, "Good start"))).Ok);
        Assert.True((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 5, ExpectedFollowUp.JointProject, "Proposal in spring"))).Ok);
        Assert.True((await Insights.SubmitFeedbackAsync(p.Dieter.Id, p.AnaDieter, new FeedbackInput(false, 4, ExpectedFollowUp.Investment, "Could not find the table"))).Ok);

        var ana = Assert.Single(await Insights.FeedbackOfAsync(p.Ana.Id)).Value;
        Assert.Equal((true, (int?)5, ExpectedFollowUp.JointProject, "Proposal in spring"), (ana.Happened, ana.Usefulness, ana.FollowUp, ana.Comment));
        var dieter = Assert.Single(await Insights.FeedbackOfAsync(p.Dieter.Id)).Value;
        Assert.Equal((false, (int?)null, ExpectedFollowUp.None), (dieter.Happened, dieter.Usefulness, dieter.FollowUp));
    }

    [Fact]
    public async Task SubmitFeedbackAsync_WhenTheMeetingIsStillAhead_IsRefused()
    {
        var p = await PublishedEditionAsync(DateTime.UtcNow.Date.AddDays(30).AddHours(12));
        var result = await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 4, ExpectedFollowUp.Supply, null));
        Assert.False(result.Ok);
        Assert.Contains("over", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFeedbackAsync_WhenSameSideSubmitsInParallel_KeepsOneRow()
    {
        var p = await PublishedEditionAsync(Start);
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 1 + i % 5, ExpectedFollowUp.Research, $"try {i}")))));
        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.Single(await Insights.FeedbackOfAsync(p.Ana.Id));
        Assert.Equal(1, await fx.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.MeetingFeedback, f => f.RequestId == p.AnaDieter)));
    }

    [Fact]
    public async Task StatisticsAsync_WhenRequestsScheduledAndRated_CountsByStatusCountryContinentAndFeedback()
    {
        var p = await PublishedEditionAsync(Start);
        var extra = await fx.RegisteredParticipantAsync(p.Edition, "Milan", "sr-Latn", "RS");
        Assert.True((await Requests.SendRequestAsync(extra.Id, p.Dieter.Id, "pending")).Ok);
        var declined = await Requests.SendRequestAsync(extra.Id, p.Kenji.Id, null);
        Assert.True((await Requests.RespondAsync(p.Kenji.Id, declined.Id!.Value, accept: false)).Ok);
        Assert.True((await Insights.SubmitFeedbackAsync(p.Ana.Id, p.AnaDieter, new FeedbackInput(true, 4, ExpectedFollowUp.JointProject, null))).Ok);
        Assert.True((await Insights.SubmitFeedbackAsync(p.Dieter.Id, p.AnaDieter, new FeedbackInput(true, 2, ExpectedFollowUp.JointProject, null))).Ok);

        var stats = await Insights.StatisticsAsync(p.Edition);

        Assert.Equal(4, stats.OptedIn);
        var byStatus = stats.RequestsByStatus.ToDictionary(x => x.Status, x => x.Count);
        Assert.Equal((1, 2, 1, 0, 0), (byStatus[MeetingRequestStatus.Pending], byStatus[MeetingRequestStatus.Accepted], byStatus[MeetingRequestStatus.Declined],
            byStatus[MeetingRequestStatus.Cancelled], byStatus[MeetingRequestStatus.Expired]));
        Assert.Equal((2, 1, 1), (stats.Accepted, stats.Scheduled, stats.Published));
        // Ana and Dieter have one meeting each, Kenji and Milan none.
        Assert.Equal([new MeetingsPerParticipantRow(0, 2), new MeetingsPerParticipantRow(1, 2)], stats.MeetingsPerParticipant);
        Assert.Equal(1, stats.MaxMeetings);
        Assert.Equal(0.5, stats.AverageMeetings, 3);
        var serbia = Assert.Single(stats.ByCountry, r => r.Key == "RS");
        Assert.Equal(("Serbia", 2, 4, 2, 1), (serbia.Label, serbia.Participants, serbia.Requests, serbia.Accepted, serbia.Scheduled));
        var germany = Assert.Single(stats.ByCountry, r => r.Key == "DE");
        Assert.Equal((1, 2, 1, 1), (germany.Participants, germany.Requests, germany.Accepted, germany.Scheduled));
        var europe = Assert.Single(stats.ByContinent, r => r.Key == "Europe");
        // Ana–Dieter is one meeting for Europe although both sides are European.
        Assert.Equal((3, 4, 1), (europe.Participants, europe.Requests, europe.Scheduled));
        var asia = Assert.Single(stats.ByContinent, r => r.Key == "Asia");
        Assert.Equal((1, 2, 0), (asia.Participants, asia.Requests, asia.Scheduled));
        Assert.Equal((2, 2, 3.0), (stats.Feedback.Answers, stats.Feedback.Happened, stats.Feedback.AverageUsefulness!.Value));
        Assert.Equal([(ExpectedFollowUp.JointProject, 2)], stats.Feedback.FollowUps);
    }
}
