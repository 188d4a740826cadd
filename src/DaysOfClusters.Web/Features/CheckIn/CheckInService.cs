using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// Raised after every scan this process records (accepted or not: the dashboard lists refusals too) so open dashboards
/// refresh; <see cref="CheckInBroadcaster"/> relays it to the other instances.
/// </summary>
public sealed class CheckInNotifier
{
    /// <summary>This process among several instances, so a dashboard can skip the relayed copy of its own scans.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public event Action<int>? ScanRecorded;

    public void Raise(int editionId) => ScanRecorded?.Invoke(editionId);
}

/// <summary>
/// Scanning: verify the code, decide the outcome, keep presence and the append-only scan log. Used by the API and the pages.
/// </summary>
/// <remarks>
/// A scan is on the hot path of every door, so it costs as little as it can. The point and the edition key come from
/// <see cref="CheckInCache"/>, and the code is read and its signature checked by the caller's thread, beside other scans.
/// Only the database work is serial: on SQLite it runs in <see cref="ScanWriter"/>'s batches (look-ups and write in one
/// transaction, statements prepared once); on a server database on the request's connection, the write in one short
/// transaction at the point's turn (<see cref="ServerScanSession"/>). Both run the same <see cref="RecordAsync"/>.
/// The log insert is what makes a scan idempotent: a nonce that is already stored undoes the scan's write and the
/// stored answer is returned.
/// </remarks>
public sealed class CheckInService(
    IDbContextFactory<AppDbContext> dbFactory, CheckInCache cache, ScanWriter scanWriter, CheckInNotifier notifier, TimeProvider clock)
{
    /// <summary>Scans uploaded more than this after they happened are marked as late uploads.</summary>
    public static readonly TimeSpan LateUploadAfter = TimeSpan.FromMinutes(2);

    /// <summary>Registration fields a scan needs: edition and status decide, the rest is shown.</summary>
    private sealed record PersonRow(int RegistrationId, int EditionId, RegistrationStatus Status, string FirstName, string LastName,
        string Organisation, string? Country, string CountryCode, string Category, string CategoryColor)
    {
        public AttendeeDisplay Display => new(RegistrationId, FirstName + " " + LastName, Organisation, Country ?? CountryCode, CountryCode, Category, CategoryColor);
    }

    private sealed record TicketRow(int BadgeEditionId, int IssueNumber, DateTime? RevokedUtc, string? RevokedReason, PersonRow Person);

    private sealed record Identified(int? RegistrationId, PersonRow? Person, long? TicketId, int? IssueNumber, string? RefusalCode, string? RefusalText);

    /// <summary>What the scanned text says before the database is asked: a registration, a ticket (and issue), or a refusal.</summary>
    private sealed record CodeRead(int? RegistrationId, long? TicketId, int? IssueNumber, string? RefusalCode = null, string? RefusalText = null)
    {
        public static CodeRead Refused(string code, string text, long? ticket = null, int? issue = null) => new(null, ticket, issue, code, text);
    }

    private sealed record PendingScan(ScanRequest Request, CheckInPointInfo Point, ScanLogEntry Entry, CodeRead Code);

    /// <summary>A scan's answer, and whether it changed presence (open dashboards refresh then).</summary>
    private sealed record Recorded(ScanResult Result, bool Changed);

    private readonly record struct Written(bool Stored, int InsideNow);

    // Plain SQL, one statement each, no change tracker: quoted identifiers, ON CONFLICT, RETURNING and LIMIT read the same
    // on SQLite and PostgreSQL. Column lists are spelled out, so the readers below can go by position.
    private const string PersonColumns = """
        r."Id", r."EditionId", r."Status", r."FirstName", r."LastName", r."Organisation", k."Name", r."CountryCode", c."Name", c."BadgeColor"
        """;

    private const string PersonJoins = """
        JOIN "RegistrationCategories" AS c ON c."Id" = r."CategoryId"
        LEFT JOIN "Countries" AS k ON k."Code" = r."CountryCode"
        """;

    private const string TicketSql = $"""
        SELECT b."EditionId", b."IssueNumber", b."RevokedUtc", b."RevokedReason", {PersonColumns}
        FROM "IssuedBadges" AS b
        JOIN "Registrations" AS r ON r."Id" = b."RegistrationId"
        {PersonJoins}
        WHERE b."TicketId" = @ticket
        """;

    private const string PersonSql = $"""
        SELECT {PersonColumns}
        FROM "Registrations" AS r
        {PersonJoins}
        WHERE r."Id" = @registration
        """;

    private const string LatestBadgeSql = """
        SELECT "TicketId", "IssueNumber" FROM "IssuedBadges" WHERE "RegistrationId" = @registration ORDER BY "IssueNumber" DESC LIMIT 1
        """;

    private const string StoredSql = """
        SELECT "EditionId", "PointId", "Nonce", "Outcome", "Direction", "ReasonCode", "ReasonText", "CodeText", "TicketId",
            "IssueNumber", "RegistrationId", "UserId", "DeviceId", "ScannedUtc", "ReceivedUtc", "CheckedInUtc", "IsLateUpload"
        FROM "ScanLog" WHERE "Nonce" = @nonce
        """;

    private const string EnterSql = """
        INSERT INTO "Presences" ("EditionId", "PointId", "RegistrationId", "InsideSince", "FirstEntryUtc", "LastExitUtc", "EntryCount", "ExitCount")
        VALUES (@edition, @point, @registration, @at, @at, NULL, 1, 0)
        ON CONFLICT ("PointId", "RegistrationId") DO UPDATE SET "InsideSince" = excluded."InsideSince",
            "EntryCount" = "Presences"."EntryCount" + 1, "FirstEntryUtc" = COALESCE("Presences"."FirstEntryUtc", excluded."FirstEntryUtc")
        WHERE "Presences"."InsideSince" IS NULL
        RETURNING "Id"
        """;

    private const string InsideSinceSql = """SELECT "InsideSince" FROM "Presences" WHERE "PointId" = @point AND "RegistrationId" = @registration""";

    private const string LeaveSql = """
        UPDATE "Presences" SET "InsideSince" = NULL, "LastExitUtc" = @at, "ExitCount" = "ExitCount" + 1
        WHERE "PointId" = @point AND "RegistrationId" = @registration AND "InsideSince" IS NOT NULL
        """;

    private const string CountChangeSql = """UPDATE "CheckInPoints" SET "InsideNow" = "InsideNow" + @delta WHERE "Id" = @point RETURNING "InsideNow" """;

    private const string CountSql = """SELECT "InsideNow" FROM "CheckInPoints" WHERE "Id" = @point""";

    private const string LogSql = """
        INSERT INTO "ScanLog" ("EditionId", "PointId", "Nonce", "Outcome", "Direction", "ReasonCode", "ReasonText", "CodeText", "TicketId",
            "IssueNumber", "RegistrationId", "UserId", "DeviceId", "ScannedUtc", "ReceivedUtc", "CheckedInUtc", "IsLateUpload")
        VALUES (@edition, @point, @nonce, @outcome, @direction, @reasonCode, @reasonText, @codeText, @ticket,
            @issue, @registration, @user, @device, @scanned, @received, @checkedIn, @late)
        ON CONFLICT ("Nonce") DO NOTHING
        """;

    /// <summary>
    /// Scan times to the microsecond, the precision PostgreSQL stores: the answer to a scan then equals the answer to its
    /// replay, which is read back from the log.
    /// </summary>
    internal static DateTime WholeMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, utc.Kind);

    /// <summary>Per point, this process's scans waiting to write on a server database (see <see cref="ServerScanSession"/>).</summary>
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _pointQueues = new();

    private bool? _sqlite;

    /// <summary>
    /// The outcome of one scan; null when the point is unknown or belongs to another edition than the scanning device's
    /// (the two answer alike, so a device learns nothing about other editions, and nothing is written for them).
    /// </summary>
    public async Task<ScanResult?> ScanAsync(ScanRequest request, ScanActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = WholeMicroseconds(clock.GetUtcNow().UtcDateTime);
        var nonce = string.IsNullOrWhiteSpace(request.Nonce) ? Guid.NewGuid().ToString("N") : request.Nonce.Trim();
        if (nonce.Length > 64) nonce = nonce[..64];

        var point = await cache.PointAsync(request.PointId, ct);
        if (point is null || !actor.MayUse(point)) return null;

        var scanned = request.ScannedAt is { } sentAt ? WholeMicroseconds(sentAt.UtcDateTime) : now;
        if (scanned > now) scanned = now;
        var entry = new ScanLogEntry
        {
            EditionId = point.EditionId, PointId = point.Id, Nonce = nonce, Direction = request.Direction, ReasonCode = ScanReasons.Ok,
            CodeText = Truncate(request.RegistrationId is { } rid ? $"registration:{rid}" : request.Code?.Trim()),
            UserId = actor.UserId, DeviceId = actor.DeviceId, ScannedUtc = scanned, ReceivedUtc = now,
            IsLateUpload = request.Offline || now - scanned > LateUploadAfter,
        };
        var code = point.IsArchived ? CodeRead.Refused(ScanReasons.PointClosed, "This check-in point is closed") : await ReadCodeAsync(request, point, ct);
        var scan = new PendingScan(request, point, entry, code);

        Recorded recorded;
        if (IsSqlite())
        {
            // The caller's token only stops the wait: once queued, the scan is decided and written with the rest of its batch.
            recorded = await scanWriter.RunAsync(session => RecordAsync(session, scan, CancellationToken.None), ct);
        }
        else
        {
            await using var session = await ServerScanSession.OpenAsync(dbFactory, _pointQueues, ct);
            recorded = await RecordAsync(session, scan, ct);
        }
        if (recorded.Changed) notifier.Raise(point.EditionId);
        return recorded.Result;
    }

    private bool IsSqlite()
    {
        if (_sqlite is { } known) return known;
        using var db = dbFactory.CreateDbContext();
        return (_sqlite = db.Database.IsSqlite()).Value;
    }

    /// <summary>
    /// Scans a scanner kept while offline, uploaded together: one after another in the order given, each marked offline (so
    /// a late upload, and a nonce stored already answers its stored outcome), each answer what <see cref="ScanAsync"/>
    /// gives. A null request (one the caller could not read) answers null, as an unknown point does.
    /// </summary>
    public async Task<List<ScanResult?>> ScanBatchAsync(IReadOnlyList<ScanRequest?> requests, ScanActor actor, CancellationToken ct = default)
    {
        var results = new List<ScanResult?>(requests.Count);
        foreach (var request in requests) results.Add(request is null ? null : await ScanAsync(request with { Offline = true }, actor, ct));
        return results;
    }

    /// <summary>Reads the scanned text and checks a QR code's signature: no database, so it runs beside other scans.</summary>
    private async Task<CodeRead> ReadCodeAsync(ScanRequest request, CheckInPointInfo point, CancellationToken ct)
    {
        if (request.RegistrationId is { } registrationId) return new CodeRead(registrationId, null, null);

        var code = request.Code?.Trim() ?? "";
        if (code.StartsWith("DOC", StringComparison.Ordinal))
        {
            var status = BadgeToken.TryParseUnverified(code, out var unverified, out var signed, out var signature);
            if (status == BadgeTokenReadStatus.UnsupportedVersion) return CodeRead.Refused(ScanReasons.UnsupportedVersion, "Unsupported badge version");
            if (status != BadgeTokenReadStatus.Valid) return CodeRead.Refused(ScanReasons.Invalid, "Not a valid code");
            // Only an edition that has a key can have signed anything; a code naming another one is forged.
            if (!await cache.VerifyAsync(unverified!.EditionId, signed!, signature!, ct))
                return CodeRead.Refused(ScanReasons.Forged, "Not a valid code (signature check failed)");
            var ticket = unchecked((long)unverified.TicketId);
            if (unverified.EditionId != point.EditionId)
                return CodeRead.Refused(ScanReasons.OtherEdition, "Badge of another edition", ticket, unverified.IssueNumber);
            return new CodeRead(null, ticket, unverified.IssueNumber);
        }

        if (BadgeTicketId.TryParseHex(code.ToLowerInvariant(), out var hexTicket) || BadgeTicketId.TryParseShortCode(code, out hexTicket))
            return new CodeRead(null, unchecked((long)hexTicket), null);

        return CodeRead.Refused(ScanReasons.Invalid, "Not a valid code");
    }

    /// <summary>A scan's database work, the same in both sessions: look up, decide, write, or answer a stored nonce.</summary>
    private async Task<Recorded> RecordAsync(ScanSession session, PendingScan scan, CancellationToken ct)
    {
        var (request, point, entry, code) = scan;
        var sql = session.Sql;
        // Offline batches are re-sent after every flaky reconnect: answer known nonces before doing any work.
        if (request.Offline && await StoredAsync(sql, entry.Nonce, ct) is { } earlier) return new(await FromLogAsync(sql, earlier, point, ct), false);

        var id = await IdentifyAsync(sql, code, point, ct);
        if (id.RefusalCode is null && id.RegistrationId is not null)
        {
            var reg = id.Person;
            // Someone of another edition: refused without their name, organisation or country, and not linked in this edition's log.
            if (reg is null || reg.EditionId != point.EditionId)
                id = new Identified(null, null, null, null, reg is null ? ScanReasons.UnknownRegistration : ScanReasons.OtherEdition,
                    reg is null ? "Unknown registration" : "Registered for another edition");
            else if (reg.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected)
                id = id with { RefusalCode = ScanReasons.Cancelled, RefusalText = $"Registration {reg.Status.ToString().ToLowerInvariant()}" };
            else if (reg.Status != RegistrationStatus.Confirmed)
                id = id with { RefusalCode = ScanReasons.NotConfirmed, RefusalText = $"Registration not confirmed ({reg.Status.ToString().ToLowerInvariant()})" };
        }
        entry.TicketId = id.TicketId;
        entry.IssueNumber = id.IssueNumber;
        entry.RegistrationId = id.RegistrationId;
        var attendee = id.Person?.Display;

        if (id.RefusalCode is not null)
        {
            entry.Outcome = ScanOutcome.Refused;
            entry.ReasonCode = id.RefusalCode;
            entry.ReasonText = id.RefusalText;
            // A refusal changes no presence: the log line alone, outside the point's turn.
            if (!await InsertLogAsync(sql, entry, ct)) return new(await ReplayAsync(sql, entry.Nonce, point, ct), false);
            return new(Result(entry, point, attendee, replayed: false, await CountAsync(sql, point.Id, ct)), false);
        }

        var registrationId = id.RegistrationId!.Value;
        var written = await session.WriteAsync(point.Id, () => WriteAsync(sql, entry, point, registrationId, ct), w => w.Stored, ct);
        // The same nonce is stored already (a re-sent scan, or its first copy racing it): ours is undone, theirs answers.
        if (!written.Stored) return new(await ReplayAsync(sql, entry.Nonce, point, ct), false);
        return new(Result(entry, point, attendee, replayed: false, written.InsideNow), true);
    }

    /// <summary>Presence, inside-now counter and log line; the caller keeps them only when the log line was stored.</summary>
    private static async Task<Written> WriteAsync(ScanStatements sql, ScanLogEntry entry, CheckInPointInfo point, int registrationId, CancellationToken ct)
    {
        int insideNow;
        if (entry.Direction == ScanDirection.Entry)
        {
            var won = await sql.ScalarAsync(EnterSql, ct, ("@edition", point.EditionId), ("@point", point.Id), ("@registration", registrationId), ("@at", entry.ScannedUtc)) is not null;
            if (won)
            {
                entry.Outcome = ScanOutcome.Accepted;
                entry.CheckedInUtc = entry.ScannedUtc;
                insideNow = await CountChangeAsync(sql, point.Id, +1, ct);
            }
            else
            {
                var at = await sql.ScalarAsync(InsideSinceSql, ct, ("@point", point.Id), ("@registration", registrationId));
                entry.CheckedInUtc = at is string or DateTime ? DateTime.SpecifyKind(Convert.ToDateTime(at, CultureInfo.InvariantCulture), DateTimeKind.Utc) : entry.ScannedUtc;
                entry.Outcome = ScanOutcome.AlreadyInside;
                entry.ReasonCode = ScanReasons.AlreadyInside;
                entry.ReasonText = $"Already checked in at {Local(entry.CheckedInUtc.Value, point.TimeZoneId)} at {point.Name}";
                insideNow = await CountAsync(sql, point.Id, ct);
            }
        }
        else
        {
            var left = await sql.ExecuteAsync(LeaveSql, ct, ("@point", point.Id), ("@registration", registrationId), ("@at", entry.ScannedUtc)) == 1;
            entry.Outcome = left ? ScanOutcome.Accepted : ScanOutcome.NotInside;
            if (!left)
            {
                entry.ReasonCode = ScanReasons.NotInside;
                entry.ReasonText = $"Not checked in at {point.Name}";
            }
            insideNow = left ? await CountChangeAsync(sql, point.Id, -1, ct) : await CountAsync(sql, point.Id, ct);
        }
        return new Written(await InsertLogAsync(sql, entry, ct), insideNow);
    }

    private static async Task<Identified> IdentifyAsync(ScanStatements sql, CodeRead code, CheckInPointInfo point, CancellationToken ct)
    {
        if (code.RefusalCode is not null) return new Identified(null, null, code.TicketId, code.IssueNumber, code.RefusalCode, code.RefusalText);
        if (code.RegistrationId is { } registrationId)
        {
            var person = await PersonAsync(sql, registrationId, ct);
            var badges = await sql.ReadAsync(LatestBadgeSql, r => (Ticket: r.GetInt64(0), Issue: r.GetInt32(1)), ct, ("@registration", registrationId));
            return badges is [var badge]
                ? new Identified(registrationId, person, badge.Ticket, badge.Issue, null, null)
                : new Identified(registrationId, person, null, null, null, null);
        }
        return await ByTicketAsync(sql, point, code.TicketId!.Value, code.IssueNumber, ct);
    }

    private static async Task<Identified> ByTicketAsync(ScanStatements sql, CheckInPointInfo point, long ticket, int? issue, CancellationToken ct)
    {
        var badges = await sql.ReadAsync(TicketSql, r => new TicketRow(r.GetInt32(0), r.GetInt32(1), UtcOrNull(r, 2), StringOrNull(r, 3), Person(r, 4)), ct, ("@ticket", ticket));
        if (badges.Count == 0) return new Identified(null, null, ticket, issue, ScanReasons.UnknownTicket, "Unknown ticket");
        var latest = badges.MaxBy(b => b.IssueNumber)!;
        if (latest.BadgeEditionId != point.EditionId) return new Identified(null, null, ticket, issue, ScanReasons.OtherEdition, "Badge of another edition");
        // A short code or hex carries no issue number: when the ticket has several issues (reissued before every issue got its
        // own ticket), the lost badge prints the same code as its replacement, so the code cannot enter; the QR still can.
        if (issue is null && badges.Count > 1)
            return new Identified(latest.Person.RegistrationId, latest.Person, ticket, null, ScanReasons.Revoked,
                "Badge revoked: this code was printed on a replaced badge too; scan the QR code");
        var badge = issue is null ? latest : badges.FirstOrDefault(b => b.IssueNumber == issue);
        if (badge is null) return new Identified(latest.Person.RegistrationId, latest.Person, ticket, issue, ScanReasons.UnknownTicket, "Unknown badge issue");
        if (badge.RevokedUtc is not null)
            return new Identified(badge.Person.RegistrationId, badge.Person, ticket, badge.IssueNumber, ScanReasons.Revoked, $"Badge revoked: {badge.RevokedReason ?? "no reason given"}");
        if (badge.IssueNumber < latest.IssueNumber)
            return new Identified(badge.Person.RegistrationId, badge.Person, ticket, badge.IssueNumber, ScanReasons.Revoked, "Badge revoked: superseded by a newer badge");
        return new Identified(badge.Person.RegistrationId, badge.Person, ticket, badge.IssueNumber, null, null);
    }

    private static async Task<PersonRow?> PersonAsync(ScanStatements sql, int registrationId, CancellationToken ct) =>
        (await sql.ReadAsync(PersonSql, r => Person(r, 0), ct, ("@registration", registrationId))) is [var person] ? person : null;

    /// <summary>The person's columns (<see cref="PersonColumns"/>) from position <paramref name="at"/> on.</summary>
    private static PersonRow Person(DbDataReader r, int at) =>
        new(r.GetInt32(at), r.GetInt32(at + 1), Enum.Parse<RegistrationStatus>(r.GetString(at + 2)), r.GetString(at + 3), r.GetString(at + 4),
            r.GetString(at + 5), StringOrNull(r, at + 6), r.GetString(at + 7), r.GetString(at + 8), r.GetString(at + 9));

    private static async Task<ScanLogEntry?> StoredAsync(ScanStatements sql, string nonce, CancellationToken ct) =>
        (await sql.ReadAsync(StoredSql, r => new ScanLogEntry
        {
            EditionId = r.GetInt32(0), PointId = r.GetInt32(1), Nonce = r.GetString(2), Outcome = Enum.Parse<ScanOutcome>(r.GetString(3)),
            Direction = Enum.Parse<ScanDirection>(r.GetString(4)), ReasonCode = r.GetString(5), ReasonText = StringOrNull(r, 6), CodeText = StringOrNull(r, 7),
            TicketId = r.IsDBNull(8) ? null : r.GetInt64(8), IssueNumber = r.IsDBNull(9) ? null : r.GetInt32(9),
            RegistrationId = r.IsDBNull(10) ? null : r.GetInt32(10), UserId = StringOrNull(r, 11), DeviceId = r.IsDBNull(12) ? null : r.GetInt32(12),
            ScannedUtc = Utc(r, 13), ReceivedUtc = Utc(r, 14), CheckedInUtc = UtcOrNull(r, 15), IsLateUpload = r.GetBoolean(16),
        }, ct, ("@nonce", nonce))) is [var stored] ? stored : null;

    private static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    private static DateTime? UtcOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Utc(r, i);

    /// <summary>Appends to the scan log; false when the nonce is stored already (nothing written).</summary>
    private static async Task<bool> InsertLogAsync(ScanStatements sql, ScanLogEntry e, CancellationToken ct) =>
        await sql.ExecuteAsync(LogSql, ct,
            ("@edition", e.EditionId), ("@point", e.PointId), ("@nonce", e.Nonce), ("@outcome", e.Outcome.ToString()), ("@direction", e.Direction.ToString()),
            ("@reasonCode", e.ReasonCode), ("@reasonText", e.ReasonText), ("@codeText", e.CodeText), ("@ticket", e.TicketId), ("@issue", e.IssueNumber),
            ("@registration", e.RegistrationId), ("@user", e.UserId), ("@device", e.DeviceId), ("@scanned", e.ScannedUtc), ("@received", e.ReceivedUtc),
            ("@checkedIn", e.CheckedInUtc), ("@late", e.IsLateUpload)) == 1;

    private static async Task<int> CountChangeAsync(ScanStatements sql, int pointId, int delta, CancellationToken ct) =>
        Convert.ToInt32(await sql.ScalarAsync(CountChangeSql, ct, ("@delta", delta), ("@point", pointId)), CultureInfo.InvariantCulture);

    private static async Task<int> CountAsync(ScanStatements sql, int pointId, CancellationToken ct) =>
        await sql.ScalarAsync(CountSql, ct, ("@point", pointId)) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;

    private async Task<ScanResult> ReplayAsync(ScanStatements sql, string nonce, CheckInPointInfo asked, CancellationToken ct)
    {
        var stored = await StoredAsync(sql, nonce, ct) ?? throw new InvalidOperationException($"Scan {nonce} was reported stored but is not.");
        return await FromLogAsync(sql, stored, asked, ct);
    }

    /// <summary>
    /// The stored answer to a re-sent nonce. Nonces are chosen by clients (and some are predictable), so a nonce stored by
    /// another edition's scan answers a bare refusal: never that scan's attendee.
    /// </summary>
    private async Task<ScanResult> FromLogAsync(ScanStatements sql, ScanLogEntry stored, CheckInPointInfo asked, CancellationToken ct)
    {
        if (stored.EditionId != asked.EditionId)
            return new ScanResult(ScanOutcome.Refused, stored.Direction, ScanReasons.Invalid, "This scan id was used already; scan again", null, null, null,
                asked.Id, asked.Name, stored.Nonce, Replayed: true, stored.IsLateUpload, await CountAsync(sql, asked.Id, ct));
        var point = await cache.PointAsync(stored.PointId, ct) ?? throw new InvalidOperationException($"Point {stored.PointId} of scan {stored.Nonce} is gone.");
        var attendee = stored.RegistrationId is { } id ? (await PersonAsync(sql, id, ct))?.Display : null;
        return Result(stored, point, attendee, replayed: true, await CountAsync(sql, point.Id, ct));
    }

    private static ScanResult Result(ScanLogEntry entry, CheckInPointInfo point, AttendeeDisplay? attendee, bool replayed, int insideNow) =>
        new(entry.Outcome, entry.Direction, entry.ReasonCode, entry.ReasonText, attendee, entry.CheckedInUtc,
            entry.CheckedInUtc is { } at ? Local(at, point.TimeZoneId) : null, point.Id, point.Name, entry.Nonce, replayed, entry.IsLateUpload, insideNow);

    private static string? Truncate(string? text) =>
        text is null ? null : text.Length <= ScanLogEntryConfiguration.CodeTextMax ? text : text[..ScanLogEntryConfiguration.CodeTextMax];

    public static string Local(DateTime utc, string timeZoneId) =>
        EditionRules.ToLocal(utc, timeZoneId).ToString("HH:mm", CultureInfo.InvariantCulture);
}
