using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>The check-in API's limits cannot be escaped by choosing a new bearer token for every request.</summary>
public sealed class CheckInRateLimitTests
{
    private static string FakeBearer() => DeviceTokenService.TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task PostCheckIn_WhenEveryRequestCarriesANewFakeBearer_TheClientIpIsThrottled()
    {
        await using var app = new AppFactory().Started();
        var edition = await app.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 10));
        var failuresAllowed = app.Services.GetRequiredService<DeviceTokenService>().FailuresPerMinute;
        using var client = app.CreateBrowserlikeClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < failuresAllowed + 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/checkin", UriKind.Relative))
            {
                Content = JsonContent.Create(new { code = "7MFR-02AD-WVS01", point = 1, nonce = Guid.NewGuid().ToString("N") }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeBearer());
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(failuresAllowed), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(failuresAllowed), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // A real device of the edition, already known to the server, is not locked out by the flood from its network.
        var device = (await app.Services.GetRequiredService<CheckInAdminService>().IssueDeviceAsync(edition.Id, "Door", null))!;
        await app.Services.GetRequiredService<DeviceTokenService>().ValidateAsync(device.Token);
        using var real = app.CreateBrowserlikeClient();
        real.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync(new Uri("/api/checkin/editions", UriKind.Relative))).StatusCode);
    }
}
