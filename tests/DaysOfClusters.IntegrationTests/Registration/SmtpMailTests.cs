using System.Text.RegularExpressions;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>E-mail for real: the app sends through MailKit to smtp4dev on 127.0.0.1, and the link in the message works.</summary>
public sealed partial class SmtpMailTests : IAsyncLifetime, IDisposable
{
    private readonly Smtp4devServer _smtp = new();
    private SmtpAppFactory? _app;

    private sealed class SmtpAppFactory(int smtpPort) : RegistrationAppFactory(new Dictionary<string, string?>
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["App:PublicBaseUrl"] = "http://doc.test",
    });

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _app = new SmtpAppFactory(_smtp.SmtpPort);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    public void Dispose()
    {
        _app?.Dispose();
        _smtp.Dispose();
    }

    [GeneratedRegex(@"http://doc\.test(/manage/[A-Za-z0-9_-]+)")]
    private static partial Regex ManageLink();

    [Fact]
    public async Task RegisterAsync_WhenSmtpConfigured_ConfirmationArrivesAndItsManageLinkWorks()
    {
        var app = _app!;
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var input = RegistrationAppFactory.ValidInput("smtp.person@example.org", edition);
        input.FirstName = "Јована";
        var result = await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        Assert.True(result.Succeeded);

        var message = await _smtp.WaitForMessageToAsync("smtp.person@example.org", TimeSpan.FromSeconds(30));

        Assert.Contains("registration confirmed", message.Subject);
        Assert.Contains("Јована", message.PlainText);
        var path = ManageLink().Match(message.PlainText).Groups[1].Value;
        Assert.Equal($"/manage/{result.ManageToken}", path);
        using var client = app.CreateClient();
        var data = await client.GetStringAsync(path + "/data.json");
        Assert.Contains("\"email\": \"smtp.person@example.org\"", data);
        var page = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Јована", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }
}
