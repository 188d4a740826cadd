using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Matchmaking;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>Matchmaking e-mails through the app's default mailer (.eml files in &lt;Data:Folder&gt;/mail-pickup).</summary>
public sealed class MatchmakingMailTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private MeetingRequests Requests => fx.Requests;

    [Fact]
    public async Task SendAndAccept_WhenLanguagesDiffer_MailEachSideInTheirLanguageWithTheirMatchmakingLink()
    {
        var edition = await fx.NewEditionAsync();
        var ana = await fx.RegisteredParticipantAsync(edition, "Ana", "en");
        var marko = await fx.RegisteredParticipantAsync(edition, "Marko", "sr-Latn");

        var sent = await Requests.SendRequestAsync(ana.Id, marko.Id, "Shall we talk about a joint Horizon proposal?");
        Assert.True(sent.Ok, sent.Error);
        var request = Assert.Single(await fx.MailsToAsync(marko.Email), m => (m.Subject ?? "").Contains("zahtev za sastanak", StringComparison.Ordinal));
        Assert.Contains("Ana Tester", request.Subject, StringComparison.Ordinal);
        Assert.Contains("Ana Tester (Ana Cluster) želi da se sastane", request.TextBody, StringComparison.Ordinal);
        Assert.Contains("Shall we talk about a joint Horizon proposal?", request.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/manage/{marko.Token}/matchmaking", request.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ana.Token, request.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await fx.MailsToAsync(ana.Email), m => (m.Subject ?? "").Contains("meeting", StringComparison.OrdinalIgnoreCase));

        Assert.True((await Requests.RespondAsync(marko.Id, sent.Id!.Value, accept: true)).Ok);
        var accepted = Assert.Single(await fx.MailsToAsync(ana.Email), m => (m.Subject ?? "").Contains("accepted your meeting request", StringComparison.Ordinal));
        Assert.Contains("Marko Tester", accepted.Subject, StringComparison.Ordinal);
        Assert.Contains($"/manage/{ana.Token}/matchmaking", accepted.TextBody, StringComparison.Ordinal);
        Assert.Equal(ana.Email, accepted.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task DeclineAndCancel_WhenDone_MailTheOtherSideOnly()
    {
        var edition = await fx.NewEditionAsync();
        var a = await fx.RegisteredParticipantAsync(edition, "Jelena");
        var b = await fx.RegisteredParticipantAsync(edition, "Ivan");
        var c = await fx.RegisteredParticipantAsync(edition, "Dragana", "sr-Latn");

        var declined = await Requests.SendRequestAsync(a.Id, b.Id, null);
        Assert.True((await Requests.RespondAsync(b.Id, declined.Id!.Value, accept: false)).Ok);
        var decline = Assert.Single(await fx.MailsToAsync(a.Email), m => (m.Subject ?? "").Contains("declined", StringComparison.Ordinal));
        Assert.Contains("Ivan Tester (Ivan Cluster) declined", decline.TextBody, StringComparison.Ordinal);

        var meeting = await fx.AcceptedMeetingAsync(a.Id, c.Id);
        Assert.True((await Requests.CancelAsync(a.Id, meeting)).Ok);
        var cancelled = Assert.Single(await fx.MailsToAsync(c.Email), m => (m.Subject ?? "").Contains("otkazan", StringComparison.Ordinal));
        Assert.Contains("Jelena Tester (Jelena Cluster) je otkazao/la sastanak", cancelled.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/manage/{c.Token}/matchmaking", cancelled.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await fx.MailsToAsync(a.Email), m => (m.Subject ?? "").Contains("cancelled", StringComparison.Ordinal));
        // A second cancel changes nothing and sends nothing.
        Assert.False((await Requests.CancelAsync(c.Id, meeting)).Ok);
        Assert.Single(await fx.MailsToAsync(c.Email), m => (m.Subject ?? "").Contains("otkazan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcceptDeclineAndCancel_WhenRacingInParallel_AnswerIsExclusiveAndEachChangeMailsOnce()
    {
        var edition = await fx.NewEditionAsync();
        var pairs = new List<((int Id, string Token, string Email) From, (int Id, string Token, string Email) To, int Request)>();
        for (var i = 0; i < 12; i++)
        {
            var from = await fx.RegisteredParticipantAsync(edition, $"From{i}");
            var to = await fx.RegisteredParticipantAsync(edition, $"To{i}");
            var sent = await Requests.SendRequestAsync(from.Id, to.Id, "race");
            Assert.True(sent.Ok, sent.Error);
            pairs.Add((from, to, sent.Id!.Value));
        }

        using var start = new ManualResetEventSlim(false);
        var outcomes = await Task.WhenAll(pairs.Select(p => Task.WhenAll(
            Task.Run(async () => { start.Wait(); return ("accept", await Requests.RespondAsync(p.To.Id, p.Request, accept: true)); }),
            Task.Run(async () => { start.Wait(); return ("decline", await Requests.RespondAsync(p.To.Id, p.Request, accept: false)); }),
            Task.Run(async () => { start.Wait(); return ("cancel", await Requests.CancelAsync(p.From.Id, p.Request)); })))
            .Append(Task.Run(async () => { await Task.Delay(50); start.Set(); return Array.Empty<(string, MatchmakingResult)>(); })));

        for (var i = 0; i < pairs.Count; i++)
        {
            var (from, to, request) = pairs[i];
            var won = outcomes[i].Where(o => o.Item2.Ok).Select(o => o.Item1).ToHashSet();
            // Accept and decline exclude each other; a cancel may legitimately follow an accept, never a decline.
            Assert.NotEmpty(won);
            Assert.False(won.Contains("accept") && won.Contains("decline"), string.Join(",", won));
            Assert.False(won.Contains("decline") && won.Contains("cancel"), string.Join(",", won));
            var status = (await Requests.RequestsOfAsync(from.Id)).Single(r => r.Id == request).Status;
            Assert.Equal(won.Contains("cancel") ? MeetingRequestStatus.Cancelled : won.Contains("accept") ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Declined, status);
            // One mail per change that happened, none for the refused ones.
            var toSender = (await fx.MailsToAsync(from.Email)).Count(m => (m.Subject ?? "").Contains("meeting request", StringComparison.Ordinal));
            var toReceiver = (await fx.MailsToAsync(to.Email)).Count(m => (m.Subject ?? "").Contains("cancelled", StringComparison.Ordinal));
            Assert.Equal((won.Contains("accept") || won.Contains("decline") ? 1 : 0, won.Contains("cancel") ? 1 : 0), (toSender, toReceiver));
        }
    }

    [Fact]
    public async Task ExpiryJob_WhenRequestUnansweredPastItsTime_ExpiresItAndMailsTheSenderOnce()
    {
        await using var baseApp = new AppFactory();
        await using var app = baseApp.WithWebHostBuilder(b => b.UseSetting("Matchmaking:Worker:IntervalSeconds", "1"));
        var local = new MatchmakingFixture(baseApp, app);
        var edition = await local.NewEditionAsync();
        var a = await local.RegisteredParticipantAsync(edition, "Sender");
        var b = await local.RegisteredParticipantAsync(edition, "Silent");
        var setup = app.Services.GetRequiredService<MatchmakingSetup>();
        var requests = app.Services.GetRequiredService<MeetingRequests>();
        await setup.SaveSettingsAsync(edition, null, expiryHours: 1);
        var sent = await requests.SendRequestAsync(a.Id, b.Id, "hello?");
        var fresh = await requests.SendRequestAsync(b.Id, a.Id, "no, hello to you");
        Assert.False(fresh.Ok); // one open request per pair
        Assert.Equal(MeetingRequestStatus.Pending, (await requests.RequestsOfAsync(a.Id)).Single().Status);

        await local.WithDbAsync(db => db.MeetingRequests.Where(m => m.Id == sent.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresUtc, DateTime.UtcNow.AddSeconds(-1))));

        // Nobody touches the request: only the background job can expire it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await requests.RequestsOfAsync(a.Id)).Single().Status == MeetingRequestStatus.Pending && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(MeetingRequestStatus.Expired, (await requests.RequestsOfAsync(a.Id)).Single().Status);
        await Task.Delay(2500); // two more runs of the job
        var mail = Assert.Single(await local.MailsToAsync(a.Email), m => (m.Subject ?? "").Contains("expired", StringComparison.Ordinal));
        Assert.Contains("Silent Tester", mail.TextBody, StringComparison.Ordinal);
        Assert.False((await requests.RespondAsync(b.Id, sent.Id!.Value, accept: true)).Ok);
        // The pair is free again.
        Assert.True((await requests.SendRequestAsync(b.Id, a.Id, "sorry, I missed it")).Ok);
    }
}
