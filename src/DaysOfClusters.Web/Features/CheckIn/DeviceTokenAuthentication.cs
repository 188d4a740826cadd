using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// Validates scanner device tokens. The hash look-up is cached for <see cref="CacheFor"/>, so a busy scanner costs no query
/// per scan; a revocation here forgets the token at once, one made on another instance is seen within that time.
/// </summary>
public sealed class DeviceTokenService(IDbContextFactory<AppDbContext> dbFactory, SqliteWriteGate writeGate, TimeProvider clock)
{
    public const string TokenPrefix = "docdev_";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (int DeviceId, int EditionId, string Name, DateTime Until)> _cache = new();

    public static string NewToken() => TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<(int DeviceId, int EditionId, string Name)?> ValidateAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now) return (hit.DeviceId, hit.EditionId, hit.Name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var device = await db.ScannerDevices.AsNoTracking().Where(d => d.TokenHash == hash && d.RevokedUtc == null)
            .Select(d => new { d.Id, d.EditionId, d.Name }).FirstOrDefaultAsync(ct);
        if (device is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        using (await writeGate.EnterAsync(db, ct))
            await db.ScannerDevices.Where(d => d.Id == device.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastUsedUtc, now), ct);
        _cache[hash] = (device.Id, device.EditionId, device.Name, now + CacheFor);
        return (device.Id, device.EditionId, device.Name);
    }

    public void Forget(int deviceId)
    {
        foreach (var pair in _cache.Where(p => p.Value.DeviceId == deviceId).ToList()) _cache.TryRemove(pair.Key, out _);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Scheme "DeviceToken": <c>Authorization: Bearer docdev_...</c> issued per edition by organisers.</summary>
public sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeviceTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceToken";
    public const string DeviceIdClaim = "doc:device-id";
    public const string DeviceEditionClaim = "doc:device-edition";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var device = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (device is null) return AuthenticateResult.Fail("Unknown or revoked device token.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"device:{device.Value.DeviceId}"),
            new Claim(ClaimTypes.Name, device.Value.Name),
            new Claim(DeviceIdClaim, device.Value.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(DeviceEditionClaim, device.Value.EditionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // API callers get the bare status: without this the status-code pages would re-execute a page for the 401/403.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages();
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages();
        return base.HandleForbiddenAsync(properties);
    }

    private void DisableStatusCodePages()
    {
        if (Context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }
}
