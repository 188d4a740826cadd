using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.IntegrationTests.Network;

/// <summary>Invitations when the mail server cannot be reached: nothing is recorded as sent, so a later send still reaches everyone.</summary>
public sealed class InvitationMailFailureTests : IDisposable
{
    private sealed class UnreachableSmtpAppFactory(int port) : RegistrationAppFactory(new Dictionary<string, string?>
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
    });

    private readonly UnreachableSmtpAppFactory _app = new(LoopbackPort.Free());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Send_WhenMailServerIsDown_ReportsFailuresAndKeepsThePeopleInvitableLater()
    {
        var (past, _) = await _app.CreateEditionAsync(capacity: null);
        foreach (var email in new[] { "a@example.org", "b@example.org" })
        {
            var input = RegistrationAppFactory.ValidInput(email, past);
            input.NetworkNewsConsent = true;
            Assert.True((await _app.Writer.RegisterAsync(past.Id, input, RegistrationCaller.Attendee(null))).Succeeded);
        }
        var (target, _) = await _app.CreateEditionAsync(capacity: null);
        var invitations = _app.Services.GetRequiredService<InvitationService>();
        var request = new InvitationRequest(target.Id, true, false, new ContactFilter());

        var result = await invitations.SendAsync(request, "organiser");

        Assert.Equal((null, 0, 0, 2), (result.Error, result.Sent, result.Skipped, result.Failed));
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.NetworkInvitations.CountAsync());
        Assert.Equal(["a@example.org", "b@example.org"], (await invitations.PreviewAsync(request)).Recipients.Select(r => r.Email).Order());
    }
}
