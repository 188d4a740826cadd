using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>What a presented device token turned out to be.</summary>
public enum DeviceTokenVerdict { Valid, Unknown, Throttled }

/// <summary>
/// Validates scanner device tokens. The hash look-up is cached for <see cref="CacheFor"/>, so a busy scanner costs no query
/// per scan; a revocation here forgets the token at once, one made on another instance is seen within that time.
/// A client presenting unknown tokens (a new made-up bearer per request escapes any limit keyed on the bearer) may fail
/// <see cref="FailuresPerMinute"/> times per minute from its network (<see cref="PublicRateLimits.ClientPartition"/>);
/// after that its unknown tokens are refused without a database look-up until the minute is over.
/// Setting: RateLimits:CheckInFailures (per minute, default 30).
/// </summary>
public sealed class DeviceTokenService(IDbContextFactory<AppDbContext> dbFactory, SqliteWriteGate writeGate, TimeProvider clock, IOptions<RateLimitOptions>? rateLimits = null)
    : IDisposable
{
    public const string TokenPrefix = "docdev_";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>Unknown or revoked tokens one client network may present per minute.</summary>
    public int FailuresPerMinute { get; } = (rateLimits?.Value ?? new RateLimitOptions()).CheckInFailures;

    private readonly ConcurrentDictionary<string, (int DeviceId, int EditionId, string Name, DateTime Until)> _cache = new();
    private PartitionedRateLimiter<string>? _failures;

    private PartitionedRateLimiter<string> Failures => LazyInitializer.EnsureInitialized(ref _failures, () =>
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        })));

    public static string NewToken() => TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private const string PresentedHashItem = "doc:device-token-hash";

    private sealed record PresentedToken(string Token, string? Hash);

    /// <summary>
    /// The <see cref="Hash"/> of the token a request presents, or null for a string that cannot be a token. Hashed once per
    /// request: the rate limiter partitions by it and authentication then looks it up, and each used to hash it again.
    /// </summary>
    public static string? HashOfPresented(HttpContext http, string token)
    {
        if (http.Items.TryGetValue(PresentedHashItem, out var item) && item is PresentedToken known && string.Equals(known.Token, token, StringComparison.Ordinal))
            return known.Hash;
        var hash = HashIfToken(token);
        http.Items[PresentedHashItem] = new PresentedToken(token, hash);
        return hash;
    }

    /// <summary>The token's <see cref="Hash"/>; null for a string that cannot be a token (nothing to look up or hash at length).</summary>
    private static string? HashIfToken(string token) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length <= 100 ? Hash(token) : null;

    public async Task<(int DeviceId, int EditionId, string Name)?> ValidateAsync(string token, CancellationToken ct = default) =>
        (await CheckAsync(token, client: null, ct)).Device;

    /// <summary>
    /// The device of a presented token. <paramref name="client"/> (the caller's network) is charged for every unknown token
    /// and, once over <see cref="FailuresPerMinute"/>, gets <see cref="DeviceTokenVerdict.Throttled"/> without a look-up;
    /// a token already known as valid is never throttled.
    /// </summary>
    public Task<(DeviceTokenVerdict Verdict, (int DeviceId, int EditionId, string Name)? Device)> CheckAsync(string token, string? client, CancellationToken ct = default) =>
        CheckHashAsync(HashIfToken(token), client, ct);

    /// <summary><see cref="CheckAsync"/> for a token already hashed (<see cref="HashOfPresented"/>; null: not a token).</summary>
    public async Task<(DeviceTokenVerdict Verdict, (int DeviceId, int EditionId, string Name)? Device)> CheckHashAsync(string? hash, string? client, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (hash is not null && _cache.TryGetValue(hash, out var hit) && hit.Until > now) return (DeviceTokenVerdict.Valid, (hit.DeviceId, hit.EditionId, hit.Name));
        if (client is not null)
        {
            using var left = Failures.AttemptAcquire(client, 0);
            if (!left.IsAcquired) return (DeviceTokenVerdict.Throttled, null);
        }
        var device = hash is null ? null : await LookUpAsync(hash, now, ct);
        if (device is null)
        {
            if (client is not null) Failures.AttemptAcquire(client, 1).Dispose();
            return (DeviceTokenVerdict.Unknown, null);
        }
        return (DeviceTokenVerdict.Valid, device);
    }

    /// <summary>
    /// True when the token whose <see cref="Hash"/> this is was validated by this process in the last <see cref="CacheFor"/>
    /// (no database look-up).
    /// </summary>
    public bool IsKnownValidHash(string hash) => _cache.TryGetValue(hash, out var hit) && hit.Until > clock.GetUtcNow().UtcDateTime;

    private async Task<(int DeviceId, int EditionId, string Name)?> LookUpAsync(string hash, DateTime now, CancellationToken ct)
    {
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

    public void Dispose() => _failures?.Dispose();

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
    private const string ThrottledItem = "doc:device-token-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var (verdict, device) = await tokens.CheckHashAsync(DeviceTokenService.HashOfPresented(Context, token),
            PublicRateLimits.ClientPartition(Context.Connection.RemoteIpAddress), Context.RequestAborted);
        if (verdict == DeviceTokenVerdict.Throttled)
        {
            Context.Items[ThrottledItem] = true;
            return AuthenticateResult.Fail("Too many unknown device tokens from this network.");
        }
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
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        }
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
