using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// The manage link must reach its owner: a client that disconnects right after its registration committed still gets the
/// e-mail, and "send my manage link again" answers the same for registered and unknown addresses (no way to learn who
/// registered), mails only the registered address, and is rate-limited per client.
/// </summary>
public sealed class ManageLinkMailTests(ManageLinkMailTests.DisconnectingClientApp app) : IClassFixture<ManageLinkMailTests.DisconnectingClientApp>
{
    /// <summary>Cancels the caller's token at the moment the first message is handed over: the client went away after the commit.</summary>
    public sealed class DisconnectAtSendMailSender(IMailSender inner) : IMailSender
    {
        public CancellationTokenSource? CancelOnSend { get; set; }

        public Task SendAsync(MimeMessage message, CancellationToken ct = default)
        {
            CancelOnSend?.Cancel();
            return inner.SendAsync(message, ct);
        }
    }

    public sealed class DisconnectingClientApp : RegistrationAppFactory
    {
        public DisconnectAtSendMailSender Mail { get; private set; } = default!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IMailSender>();
                services.AddSingleton<IMailSender>(_ => Mail = new DisconnectAtSendMailSender(new PickupFolderMailSender(PickupFolder)));
            });
        }
    }

    [Fact]
    public async Task RegisterAsync_WhenTheClientDisconnectsAfterCommit_StillSendsTheManageLink()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        _ = app.Services.GetRequiredService<IMailSender>();
        using var request = new CancellationTokenSource();
        app.Mail.CancelOnSend = request;
        try
        {
            await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("gone.away@example.org", edition), RegistrationCaller.Attendee("203.0.113.9"), request.Token);
        }
        catch (OperationCanceledException)
        {
            // What the old code did: the registration stayed, its e-mail was never written.
        }
        finally
        {
            app.Mail.CancelOnSend = null;
        }

        Assert.True(request.IsCancellationRequested);
        await using var db = await app.DbAsync();
        Assert.True(await db.Registrations.AnyAsync(r => r.EditionId == edition.Id && r.EmailNormalized == "gone.away@example.org"));
        Assert.Single(MailsTo("gone.away@example.org"));
    }

    [Fact]
    public async Task ResendApi_WhenAddressIsRegisteredOrUnknown_AnswersTheSameAndMailsOnlyTheRegisteredAddress()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("known.person@example.org", edition), RegistrationCaller.Attendee(null));
        var before = MailsTo("known.person@example.org").Count;
        using var client = app.CreateClient();

        var unknown = await client.PostAsJsonAsync(RegistrationApi.ResendPattern, new { email = "nobody.here@example.org" });
        var known = await client.PostAsJsonAsync(RegistrationApi.ResendPattern, new { email = "Known.Person@example.org " });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        var mails = await WaitForMailsAsync("known.person@example.org", before + 1);
        Assert.Contains(mails, m => (m.TextBody ?? "").Contains("/manage/", StringComparison.Ordinal));
        Assert.Empty(MailsTo("nobody.here@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(RegistrationApi.ResendPattern, new { email = "not an address" })).StatusCode);
    }

    [Fact]
    public async Task ResendPage_WhenPostedWithItsAntiforgeryToken_AnswersTheSameForRegisteredAndUnknownAddresses()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("page.person@example.org", edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();

        async Task<(HttpStatusCode, string)> PostAsync(string email)
        {
            var form = await client.GetStringAsync("/manage/resend");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await client.PostAsync("/manage/resend", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "resend-manage-link", ["__RequestVerificationToken"] = token, ["Input.Email"] = email,
            }));
            var html = await response.Content.ReadAsStringAsync();
            // The page's content (heading to the end of the main part), less what differs on every response anyway
            // (script nonces, antiforgery tokens, Blazor's per-request component markers).
            var start = html.IndexOf("<h1", StringComparison.Ordinal);
            var end = html.IndexOf("</main>", Math.Max(start, 0), StringComparison.Ordinal);
            var content = start < 0 ? html : html[start..(end < 0 ? html.Length : end)];
            return (response.StatusCode, Regex.Replace(content, "(nonce|value)=\"[^\"]*\"|<!--Blazor:.*?-->", "", RegexOptions.Singleline));
        }

        var unknown = await PostAsync("nobody.at.all@example.org");
        var known = await PostAsync("page.person@example.org");
        var forged = await client.PostAsync("/manage/resend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "resend-manage-link", ["Input.Email"] = "page.person@example.org",
        }));

        Assert.Equal(HttpStatusCode.OK, unknown.Item1);
        Assert.Contains("on their way", unknown.Item2, StringComparison.Ordinal);
        Assert.Equal(unknown, known);
        Assert.NotEmpty(await WaitForMailsAsync("page.person@example.org", 2));
        Assert.Empty(MailsTo("nobody.at.all@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token, no mail
    }

    private List<MimeMessage> MailsTo(string address) =>
        !Directory.Exists(app.PickupFolder) ? [] : Directory.EnumerateFiles(app.PickupFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The resend goes out in the background (so the answer takes as long for unknown addresses): wait for it, bounded.</summary>
    private async Task<List<MimeMessage>> WaitForMailsAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mails = MailsTo(address);
            if (mails.Count >= count || DateTime.UtcNow > deadline) return mails.Count >= count ? mails : throw new Xunit.Sdk.XunitException($"{mails.Count} of {count} mails to {address}.");
            await Task.Delay(50);
        }
    }
}

/// <summary>The resend form and API are limited per client: beyond the limit, 429 and nothing sent.</summary>
public sealed class ManageLinkResendRateLimitTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task ResendApi_WhenOneClientKeepsAsking_AnswersTooManyRequests()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await client.PostAsJsonAsync(RegistrationApi.ResendPattern, new { email = $"probe{i}@example.org" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Accepted));
    }
}

/// <summary>
/// The registration form's own "send the link again" button (shown after a duplicate) is the same door as the resend form:
/// without the resend limits one client could flood any registered mailbox from it.
/// </summary>
public sealed class RegisterPageResendRateLimitTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    [Fact]
    public async Task RegisterPageResend_WhenOneClientKeepsAsking_AnswersTooManyRequestsAndMailsAtMostThreeTimes()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("flooded@example.org", edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();
        var page = await client.GetStringAsync($"/e/{edition.Slug}/register");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var mailsBefore = MailsTo("flooded@example.org");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.PostAsync($"/e/{edition.Slug}/register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "resend", ["__RequestVerificationToken"] = token, ["Email"] = "flooded@example.org",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Five answered alike, but the address itself got at most three mails (its own hourly limit).
        Assert.InRange(MailsTo("flooded@example.org") - mailsBefore, 1, 3);
    }

    private int MailsTo(string address) =>
        !Directory.Exists(app.PickupFolder) ? 0 : Directory.EnumerateFiles(app.PickupFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Count(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
}
