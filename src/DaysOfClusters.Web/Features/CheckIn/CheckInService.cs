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
/// A scan is on the hot path of every door, so it costs as little as it can: the point and the edition key come from
/// <see cref="CheckInCache"/>, the badge, registration and display fields from one query, and the write is one short
/// transaction on one connection (presence upsert, inside-now counter, scan-log insert) queued in <see cref="SqliteWriteGate"/>
/// on SQLite and in the point's own queue on a server database (<see cref="EnterWriteAsync"/>).
/// The log insert is what makes a scan idempotent: a nonce that is already stored rolls the whole transaction back and
/// the stored answer is returned.
/// </remarks>
public sealed class CheckInService(
    IDbContextFactory<AppDbContext> dbFactory, CheckInCache cache, SqliteWriteGate writeGate, CheckInNotifier notifier, TimeProvider clock)
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

    private sealed record BadgeRef(long TicketId, int IssueNumber);

    private sealed record Identified(int? RegistrationId, PersonRow? Person, long? TicketId, int? IssueNumber, string? RefusalCode, string? RefusalText);

    private static readonly PerModel<Func<AppDbContext, long, IAsyncEnumerable<TicketRow>>> TicketQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, long ticket) =>
        from b in db.IssuedBadges.AsNoTracking()
        where b.TicketId == ticket
        join r in db.Registrations on b.RegistrationId equals r.Id
        join c in db.RegistrationCategories on r.CategoryId equals c.Id
        from k in db.Countries.Where(k => k.Code == r.CountryCode).DefaultIfEmpty()
        select new TicketRow(b.EditionId, b.IssueNumber, b.RevokedUtc, b.RevokedReason,
            new PersonRow(r.Id, r.EditionId, r.Status, r.FirstName, r.LastName, r.Organisation, k.Name, r.CountryCode, c.Name, c.BadgeColor))));

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<PersonRow?>>> PersonQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, int registrationId, CancellationToken ct) =>
        (from r in db.Registrations.AsNoTracking()
         where r.Id == registrationId
         join c in db.RegistrationCategories on r.CategoryId equals c.Id
         from k in db.Countries.Where(k => k.Code == r.CountryCode).DefaultIfEmpty()
         select new PersonRow(r.Id, r.EditionId, r.Status, r.FirstName, r.LastName, r.Organisation, k.Name, r.CountryCode, c.Name, c.BadgeColor))
        .FirstOrDefault()));

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<BadgeRef?>>> LatestBadgeQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, int registrationId, CancellationToken ct) =>
        db.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId).OrderByDescending(b => b.IssueNumber)
            .Select(b => new BadgeRef(b.TicketId, b.IssueNumber)).FirstOrDefault()));

    private static readonly PerModel<Func<AppDbContext, string, CancellationToken, Task<ScanLogEntry?>>> StoredQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, string nonce, CancellationToken ct) =>
        db.ScanLog.AsNoTracking().FirstOrDefault(s => s.Nonce == nonce)));

    // Plain SQL for the write: one statement each, no change tracker. Quoted identifiers and ON CONFLICT / RETURNING
    // read the same on SQLite and PostgreSQL.
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

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the reads of this scan and, on SQLite, its write too (see EnterWriteAsync).
        await db.Database.OpenConnectionAsync(ct);
        // Offline batches are re-sent after every flaky reconnect: answer known nonces before doing any work.
        if (request.Offline && await StoredQuery.For(db)(db, nonce, ct) is { } earlier) return await FromLogAsync(db, earlier, point, ct);

        var scanned = request.ScannedAt is { } sentAt ? WholeMicroseconds(sentAt.UtcDateTime) : now;
        if (scanned > now) scanned = now;
        var entry = new ScanLogEntry
        {
            EditionId = point.EditionId, PointId = point.Id, Nonce = nonce, Direction = request.Direction, ReasonCode = ScanReasons.Ok,
            CodeText = Truncate(request.RegistrationId is { } rid ? $"registration:{rid}" : request.Code?.Trim()),
            UserId = actor.UserId, DeviceId = actor.DeviceId, ScannedUtc = scanned, ReceivedUtc = now,
            IsLateUpload = request.Offline || now - scanned > LateUploadAfter,
        };

        var id = point.IsArchived
            ? new Identified(null, null, null, null, ScanReasons.PointClosed, "This check-in point is closed")
            : await IdentifyAsync(db, request, point, ct);

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
            bool appended;
            using (await writeGate.EnterAsync(db, ct)) appended = await InsertLogAsync(db.Database.GetDbConnection(), null, entry, ct);
            if (!appended) return await ReplayAsync(nonce, point, ct);
            return Result(entry, point, attendee, replayed: false, await CountAsync(db.Database.GetDbConnection(), null, point.Id, ct));
        }

        var regId = id.RegistrationId!.Value;
        int insideNow;
        bool stored;
        using (await EnterWriteAsync(db, point.Id, ct))
        {
            var connection = db.Database.GetDbConnection();
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (request.Direction == ScanDirection.Entry)
            {
                await using var enter = Command(connection, tx, EnterSql, ("@edition", point.EditionId), ("@point", point.Id), ("@registration", regId), ("@at", scanned));
                var won = await enter.ExecuteScalarAsync(ct) is not (null or DBNull);
                if (won)
                {
                    entry.Outcome = ScanOutcome.Accepted;
                    entry.CheckedInUtc = scanned;
                    insideNow = await CountChangeAsync(connection, tx, point.Id, +1, ct);
                }
                else
                {
                    await using var since = Command(connection, tx, InsideSinceSql, ("@point", point.Id), ("@registration", regId));
                    var at = await since.ExecuteScalarAsync(ct);
                    entry.CheckedInUtc = at is string or DateTime ? DateTime.SpecifyKind(Convert.ToDateTime(at, CultureInfo.InvariantCulture), DateTimeKind.Utc) : scanned;
                    entry.Outcome = ScanOutcome.AlreadyInside;
                    entry.ReasonCode = ScanReasons.AlreadyInside;
                    entry.ReasonText = $"Already checked in at {Local(entry.CheckedInUtc.Value, point.TimeZoneId)} at {point.Name}";
                    insideNow = await CountAsync(connection, tx, point.Id, ct);
                }
            }
            else
            {
                await using var leave = Command(connection, tx, LeaveSql, ("@point", point.Id), ("@registration", regId), ("@at", scanned));
                var left = await leave.ExecuteNonQueryAsync(ct) == 1;
                entry.Outcome = left ? ScanOutcome.Accepted : ScanOutcome.NotInside;
                if (!left)
                {
                    entry.ReasonCode = ScanReasons.NotInside;
                    entry.ReasonText = $"Not checked in at {point.Name}";
                }
                insideNow = left ? await CountChangeAsync(connection, tx, point.Id, -1, ct) : await CountAsync(connection, tx, point.Id, ct);
            }

            stored = await InsertLogAsync(connection, tx, entry, ct);
            // The same nonce is stored already (a re-sent scan, or its first copy racing it): undo ours, answer theirs.
            if (stored) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
        }
        if (!stored) return await ReplayAsync(nonce, point, ct);
        notifier.Raise(point.EditionId);
        return Result(entry, point, attendee, replayed: false, insideNow);
    }

    /// <summary>Per point, this process's scans waiting to write on a server database (see <see cref="EnterWriteAsync"/>).</summary>
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _pointQueues = new();

    /// <summary>
    /// Where a scan waits for its turn to write. SQLite: the process's write gate (one writer per file). A server database:
    /// the point's queue, waited in without a pooled connection. Every scan at a point updates the point's InsideNow row,
    /// so they run one after another anyway; waiting for that row lock instead held a connection each, and 120 scans at
    /// once at one door emptied a pool of 100 (CI's PostgreSQL run). Other instances still queue on the row lock.
    /// </summary>
    private async ValueTask<WriteTurn> EnterWriteAsync(AppDbContext db, int pointId, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return new WriteTurn(await writeGate.EnterAsync(db, ct), null);
        await db.Database.CloseConnectionAsync();
        var queue = _pointQueues.GetOrAdd(pointId, static _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        catch
        {
            queue.Release();
            throw;
        }
        return new WriteTurn(default, queue);
    }

    private readonly struct WriteTurn(SqliteWriteGate.Held gate, SemaphoreSlim? queue) : IDisposable
    {
        public void Dispose()
        {
            gate.Dispose();
            queue?.Release();
        }
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

    private async Task<Identified> IdentifyAsync(AppDbContext db, ScanRequest request, CheckInPointInfo point, CancellationToken ct)
    {
        if (request.RegistrationId is { } registrationId)
        {
            var person = await PersonQuery.For(db)(db, registrationId, ct);
            var badge = await LatestBadgeQuery.For(db)(db, registrationId, ct);
            return new Identified(registrationId, person, badge?.TicketId, badge?.IssueNumber, null, null);
        }

        var code = request.Code?.Trim() ?? "";
        if (code.StartsWith("DOC", StringComparison.Ordinal))
        {
            var status = BadgeToken.TryParseUnverified(code, out var unverified, out var signed, out var signature);
            if (status == BadgeTokenReadStatus.UnsupportedVersion)
                return new Identified(null, null, null, null, ScanReasons.UnsupportedVersion, "Unsupported badge version");
            if (status != BadgeTokenReadStatus.Valid) return new Identified(null, null, null, null, ScanReasons.Invalid, "Not a valid code");
            // Only an edition that has a key can have signed anything; a code naming another one is forged.
            if (!await cache.VerifyAsync(unverified!.EditionId, signed!, signature!, ct))
                return new Identified(null, null, null, null, ScanReasons.Forged, "Not a valid code (signature check failed)");
            var payload = unverified;
            var ticket = unchecked((long)payload.TicketId);
            if (payload.EditionId != point.EditionId)
                return new Identified(null, null, ticket, payload.IssueNumber, ScanReasons.OtherEdition, "Badge of another edition");
            return await ByTicketAsync(db, point, ticket, payload.IssueNumber, ct);
        }

        if (BadgeTicketId.TryParseHex(code.ToLowerInvariant(), out var hexTicket) || BadgeTicketId.TryParseShortCode(code, out hexTicket))
            return await ByTicketAsync(db, point, unchecked((long)hexTicket), null, ct);

        return new Identified(null, null, null, null, ScanReasons.Invalid, "Not a valid code");
    }

    private static async Task<Identified> ByTicketAsync(AppDbContext db, CheckInPointInfo point, long ticket, int? issue, CancellationToken ct)
    {
        var badges = new List<TicketRow>(2);
        await foreach (var row in TicketQuery.For(db)(db, ticket).WithCancellation(ct)) badges.Add(row);
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

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Appends to the scan log; false when the nonce is stored already (nothing written).</summary>
    private static async Task<bool> InsertLogAsync(DbConnection connection, DbTransaction? tx, ScanLogEntry e, CancellationToken ct)
    {
        await using var command = Command(connection, tx, LogSql,
            ("@edition", e.EditionId), ("@point", e.PointId), ("@nonce", e.Nonce), ("@outcome", e.Outcome.ToString()), ("@direction", e.Direction.ToString()),
            ("@reasonCode", e.ReasonCode), ("@reasonText", e.ReasonText), ("@codeText", e.CodeText), ("@ticket", e.TicketId), ("@issue", e.IssueNumber),
            ("@registration", e.RegistrationId), ("@user", e.UserId), ("@device", e.DeviceId), ("@scanned", e.ScannedUtc), ("@received", e.ReceivedUtc),
            ("@checkedIn", e.CheckedInUtc), ("@late", e.IsLateUpload));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<int> CountChangeAsync(DbConnection connection, DbTransaction tx, int pointId, int delta, CancellationToken ct)
    {
        await using var command = Command(connection, tx, CountChangeSql, ("@delta", delta), ("@point", pointId));
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task<int> CountAsync(DbConnection connection, DbTransaction? tx, int pointId, CancellationToken ct)
    {
        await using var command = Command(connection, tx, CountSql, ("@point", pointId));
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task<ScanResult> ReplayAsync(string nonce, CheckInPointInfo asked, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var stored = await StoredQuery.For(db)(db, nonce, ct) ?? throw new InvalidOperationException($"Scan {nonce} was reported stored but is not.");
        return await FromLogAsync(db, stored, asked, ct);
    }

    /// <summary>
    /// The stored answer to a re-sent nonce. Nonces are chosen by clients (and some are predictable), so a nonce stored by
    /// another edition's scan answers a bare refusal: never that scan's attendee.
    /// </summary>
    private async Task<ScanResult> FromLogAsync(AppDbContext db, ScanLogEntry stored, CheckInPointInfo asked, CancellationToken ct)
    {
        if (stored.EditionId != asked.EditionId)
            return new ScanResult(ScanOutcome.Refused, stored.Direction, ScanReasons.Invalid, "This scan id was used already; scan again", null, null, null,
                asked.Id, asked.Name, stored.Nonce, Replayed: true, stored.IsLateUpload, await CountAsync(db.Database.GetDbConnection(), null, asked.Id, ct));
        var point = await cache.PointAsync(stored.PointId, ct) ?? throw new InvalidOperationException($"Point {stored.PointId} of scan {stored.Nonce} is gone.");
        var attendee = stored.RegistrationId is { } id ? (await PersonQuery.For(db)(db, id, ct))?.Display : null;
        return Result(stored, point, attendee, replayed: true, await CountAsync(db.Database.GetDbConnection(), null, point.Id, ct));
    }

    private static ScanResult Result(ScanLogEntry entry, CheckInPointInfo point, AttendeeDisplay? attendee, bool replayed, int insideNow) =>
        new(entry.Outcome, entry.Direction, entry.ReasonCode, entry.ReasonText, attendee, entry.CheckedInUtc,
            entry.CheckedInUtc is { } at ? Local(at, point.TimeZoneId) : null, point.Id, point.Name, entry.Nonce, replayed, entry.IsLateUpload, insideNow);

    private static string? Truncate(string? text) =>
        text is null ? null : text.Length <= ScanLogEntryConfiguration.CodeTextMax ? text : text[..ScanLogEntryConfiguration.CodeTextMax];

    public static string Local(DateTime utc, string timeZoneId) =>
        EditionRules.ToLocal(utc, timeZoneId).ToString("HH:mm", CultureInfo.InvariantCulture);
}
