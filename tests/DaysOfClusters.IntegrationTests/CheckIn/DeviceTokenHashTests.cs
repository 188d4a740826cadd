using System.Net;
using System.Net.Http.Headers;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Security;
using Microsoft.AspNetCore.Http;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>
/// A request's device token is hashed once: the rate limiter partitions by the hash and authentication reuses it. Both
/// must still agree on what the token is.
/// </summary>
public sealed class DeviceTokenHashTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    private async Task<string> KnownValidTokenAsync()
    {
        var (edition, _) = await app.CheckInEditionAsync("h", 1);
        var token = (await app.Get<CheckInAdminService>().IssueDeviceAsync(edition.EditionId, "Door", null))!.Token;
        Assert.NotNull(await app.Get<DeviceTokenService>().ValidateAsync(token));
        return token;
    }

    private DefaultHttpContext RequestWith(string token)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Headers.Authorization = "Bearer " + token;
        return http;
    }

    [Fact]
    public async Task DeviceKey_When_TokenIsKnownValid_IsHalfItsHashWhichAuthenticationReusesAndAccepts()
    {
        var token = await KnownValidTokenAsync();
        var http = RequestWith(token);

        Assert.Equal(DeviceTokenService.Hash(token)[..32], PublicRateLimits.DeviceKey(http));
        var remembered = Assert.Single(http.Items).Value;
        var hash = DeviceTokenService.HashOfPresented(http, token);
        // Not hashed again: authentication gets the very entry the rate limiter made.
        Assert.Same(remembered, Assert.Single(http.Items).Value);
        Assert.Equal(DeviceTokenService.Hash(token), hash);
        var (verdict, device) = await app.Get<DeviceTokenService>().CheckHashAsync(hash, "192.0.2.1");
        Assert.Equal(DeviceTokenVerdict.Valid, verdict);
        Assert.NotNull(device);
    }

    [Fact]
    public async Task DeviceKey_When_TokenIsMadeUp_SharesTheClientsPartitionAndAuthenticationRefusesIt()
    {
        const string madeUp = "docdev_made-up-token";
        var http = RequestWith(madeUp);

        Assert.StartsWith("ip:", PublicRateLimits.DeviceKey(http), StringComparison.Ordinal);
        var hash = DeviceTokenService.HashOfPresented(http, madeUp);
        Assert.Equal(DeviceTokenService.Hash(madeUp), hash);
        Assert.Equal(DeviceTokenVerdict.Unknown, (await app.Get<DeviceTokenService>().CheckHashAsync(hash, "192.0.2.2")).Verdict);
    }

    [Fact]
    public async Task HashOfPresented_When_AnotherTokenIsPresentedLater_HashesThatOneNotTheFirst()
    {
        var token = await KnownValidTokenAsync();
        var http = RequestWith(token);
        Assert.Equal(DeviceTokenService.Hash(token), DeviceTokenService.HashOfPresented(http, token));

        const string other = "docdev_another-token";
        Assert.Equal(DeviceTokenService.Hash(other), DeviceTokenService.HashOfPresented(http, other));
        // Not token-shaped: no hash, so nothing is looked up.
        Assert.Null(DeviceTokenService.HashOfPresented(http, "not-a-device-token"));
        Assert.Null(DeviceTokenService.HashOfPresented(http, DeviceTokenService.TokenPrefix + new string('x', 100)));
    }

    [Fact]
    public async Task CheckInApi_When_KnownValidToken_IsAuthenticatedThroughTheRateLimiterAndHandler()
    {
        var token = await KnownValidTokenAsync();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/checkin/editions", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/checkin/editions", UriKind.Relative));
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
