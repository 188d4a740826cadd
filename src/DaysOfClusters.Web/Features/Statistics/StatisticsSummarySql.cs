namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// The database code that keeps the statistics summaries (<see cref="StatisticsCell"/> and the other tables in
/// StatisticsEntities.cs) exact: triggers on every table a figure depends on, so each write, by whatever code path, updates
/// the summaries in its own transaction. Applied by the migration "StatisticsSummaries" (SQLite); <see cref="PostgreSql"/> is
/// the same for the PostgreSQL provider's migrations.
/// <para>Method: a trigger "refreshes" the registrations (or e-mail hashes) a row change touches: it subtracts their stored
/// contribution (<see cref="StatisticsRegistrationState"/>, <see cref="StatisticsPerson"/>), recomputes it from the source
/// tables, stores it and adds it again. That is idempotent and independent of the order of writes, cascades and upserts
/// (only AFTER triggers: an INSERT ... ON CONFLICT DO UPDATE fires the UPDATE triggers only).</para>
/// </summary>
public static class StatisticsSummarySql
{
    /// <summary>SQLite statements that refresh the registrations whose ids <paramref name="ids"/> lists (SQL expressions).</summary>
    private static string RefreshRegistrations(string ids) => $"""
        UPDATE StatisticsCells SET Registrations = Registrations - d.n, Attended = Attended - d.a
        FROM (SELECT EditionId, CountryCode, OrganisationType, CategoryId, Status, COUNT(*) AS n, SUM(Attended) AS a
              FROM StatisticsRegistrationStates WHERE RegistrationId IN ({ids})
              GROUP BY EditionId, CountryCode, OrganisationType, CategoryId, Status) AS d
        WHERE StatisticsCells.EditionId = d.EditionId AND StatisticsCells.CountryCode = d.CountryCode AND StatisticsCells.OrganisationType = d.OrganisationType
          AND StatisticsCells.CategoryId = d.CategoryId AND StatisticsCells.Status = d.Status;
        UPDATE StatisticsOrganisationCells SET Registrations = Registrations - d.n, Attended = Attended - d.a
        FROM (SELECT EditionId, OrganisationId, Status, COUNT(*) AS n, SUM(Attended) AS a
              FROM StatisticsRegistrationStates WHERE RegistrationId IN ({ids})
              GROUP BY EditionId, OrganisationId, Status) AS d
        WHERE StatisticsOrganisationCells.EditionId = d.EditionId AND StatisticsOrganisationCells.OrganisationId = d.OrganisationId AND StatisticsOrganisationCells.Status = d.Status;
        UPDATE StatisticsRegistrationHours SET Registrations = Registrations - d.n
        FROM (SELECT EditionId, CreatedHour, COUNT(*) AS n FROM StatisticsRegistrationStates
              WHERE RegistrationId IN ({ids}) AND Status = 'Confirmed' GROUP BY EditionId, CreatedHour) AS d
        WHERE StatisticsRegistrationHours.EditionId = d.EditionId AND StatisticsRegistrationHours.Hour = d.CreatedHour;
        UPDATE StatisticsArrivalHours SET Arrivals = Arrivals - d.n
        FROM (SELECT EditionId, ArrivalHour, COUNT(*) AS n FROM StatisticsRegistrationStates
              WHERE RegistrationId IN ({ids}) AND ArrivalHour IS NOT NULL AND Status NOT IN ('Cancelled', 'Rejected') GROUP BY EditionId, ArrivalHour) AS d
        WHERE StatisticsArrivalHours.EditionId = d.EditionId AND StatisticsArrivalHours.Hour = d.ArrivalHour;
        DELETE FROM StatisticsRegistrationStates WHERE RegistrationId IN ({ids});
        INSERT INTO StatisticsRegistrationStates (RegistrationId, EditionId, CountryCode, OrganisationType, CategoryId, Status, OrganisationId, Attended, ArrivalHour, CreatedHour)
        SELECT r.Id, r.EditionId, r.CountryCode, r.OrganisationType, r.CategoryId, r.Status, COALESCE(l.OrganisationId, 0),
               EXISTS (SELECT 1 FROM Presences AS p WHERE p.RegistrationId = r.Id AND p.EntryCount > 0),
               (SELECT substr(CAST(MIN(p.FirstEntryUtc) AS TEXT), 1, 13) FROM Presences AS p WHERE p.RegistrationId = r.Id AND p.EntryCount > 0 AND p.FirstEntryUtc IS NOT NULL),
               substr(CAST(r.CreatedUtc AS TEXT), 1, 13)
        FROM Registrations AS r LEFT JOIN RegistrationOrganisation AS l ON l.RegistrationId = r.Id
        WHERE r.Id IN ({ids});
        INSERT INTO StatisticsCells (EditionId, CountryCode, OrganisationType, CategoryId, Status, Registrations, Attended)
        SELECT EditionId, CountryCode, OrganisationType, CategoryId, Status, COUNT(*), SUM(Attended)
        FROM StatisticsRegistrationStates WHERE RegistrationId IN ({ids})
        GROUP BY EditionId, CountryCode, OrganisationType, CategoryId, Status
        ON CONFLICT (EditionId, CountryCode, OrganisationType, CategoryId, Status) DO UPDATE SET Registrations = Registrations + excluded.Registrations, Attended = Attended + excluded.Attended;
        INSERT INTO StatisticsOrganisationCells (EditionId, OrganisationId, Status, Registrations, Attended)
        SELECT EditionId, OrganisationId, Status, COUNT(*), SUM(Attended)
        FROM StatisticsRegistrationStates WHERE RegistrationId IN ({ids})
        GROUP BY EditionId, OrganisationId, Status
        ON CONFLICT (EditionId, OrganisationId, Status) DO UPDATE SET Registrations = Registrations + excluded.Registrations, Attended = Attended + excluded.Attended;
        INSERT INTO StatisticsRegistrationHours (EditionId, Hour, Registrations)
        SELECT EditionId, CreatedHour, COUNT(*) FROM StatisticsRegistrationStates
        WHERE RegistrationId IN ({ids}) AND Status = 'Confirmed' GROUP BY EditionId, CreatedHour
        ON CONFLICT (EditionId, Hour) DO UPDATE SET Registrations = Registrations + excluded.Registrations;
        INSERT INTO StatisticsArrivalHours (EditionId, Hour, Arrivals)
        SELECT EditionId, ArrivalHour, COUNT(*) FROM StatisticsRegistrationStates
        WHERE RegistrationId IN ({ids}) AND ArrivalHour IS NOT NULL AND Status NOT IN ('Cancelled', 'Rejected') GROUP BY EditionId, ArrivalHour
        ON CONFLICT (EditionId, Hour) DO UPDATE SET Arrivals = Arrivals + excluded.Arrivals;
        """;

    /// <summary>
    /// SQLite statements that refresh the new-people counts of the e-mail hashes <paramref name="hashes"/> lists. Ordinals
    /// number Days of Clusters' editions; since the network's other series have their own ordinals, only that series counts
    /// (<paramref name="conferenceOnly"/>; off only in the first summaries' migration, which ran before editions had a series).
    /// </summary>
    private static string RefreshPeople(string hashes, bool conferenceOnly = true) => $"""
        UPDATE StatisticsNewPeople SET People = People - d.n
        FROM (SELECT FirstOrdinal, COUNT(*) AS n FROM StatisticsPeople WHERE EmailHash IN ({hashes}) GROUP BY FirstOrdinal) AS d
        WHERE StatisticsNewPeople.Ordinal = d.FirstOrdinal;
        DELETE FROM StatisticsPeople WHERE EmailHash IN ({hashes});
        INSERT INTO StatisticsPeople (EmailHash, FirstOrdinal)
        SELECT r.EmailHash, MIN(e.Ordinal) FROM Registrations AS r JOIN Editions AS e ON e.Id = r.EditionId{(conferenceOnly ? $" AND e.SeriesId = {ConferenceSeriesId}" : "")}
        WHERE r.EmailHash IN ({hashes}) AND r.Status = 'Confirmed' GROUP BY r.EmailHash;
        INSERT INTO StatisticsNewPeople (Ordinal, People)
        SELECT FirstOrdinal, COUNT(*) FROM StatisticsPeople WHERE EmailHash IN ({hashes}) GROUP BY FirstOrdinal
        ON CONFLICT (Ordinal) DO UPDATE SET People = People + excluded.People;
        """;

    private const int ConferenceSeriesId = Editions.SeriesCatalogue.DaysOfClustersId;

    /// <summary>
    /// A new presence that is its registration's first entry anywhere: it has an entry and its time, and no other presence of
    /// the registration has an entry. Only NEW and Presences decide, which neither Presences insert trigger writes, so the two
    /// triggers' conditions stay exclusive whichever fires first.
    /// </summary>
    private const string FirstEntry =
        "NEW.EntryCount > 0 AND NEW.FirstEntryUtc IS NOT NULL AND NOT EXISTS " +
        "(SELECT 1 FROM Presences AS o WHERE o.RegistrationId = NEW.RegistrationId AND o.EntryCount > 0 AND o.Id <> NEW.Id)";

    /// <summary>
    /// What <see cref="RefreshRegistrations"/> would change for a <see cref="FirstEntry"/>, changed directly: before it the
    /// registration's stored state was not attended and had no arrival hour (no presence had an entry); after it, it is
    /// attended and arrived in the hour of this entry, the only one. So its cells gain one attended, its arrival hour one
    /// arrival (not for a cancelled or rejected registration), and the state row the new values; its other columns and
    /// every registration count stay. Check-in's hot path: every scan of the day is a first entry, and the full refresh was
    /// about half of a scan's database time (issue 19).
    /// </summary>
    private const string CountFirstEntry = """
        UPDATE StatisticsCells SET Attended = StatisticsCells.Attended + 1
        FROM StatisticsRegistrationStates AS s
        WHERE s.RegistrationId = NEW.RegistrationId AND StatisticsCells.EditionId = s.EditionId AND StatisticsCells.CountryCode = s.CountryCode
          AND StatisticsCells.OrganisationType = s.OrganisationType AND StatisticsCells.CategoryId = s.CategoryId AND StatisticsCells.Status = s.Status;
        UPDATE StatisticsOrganisationCells SET Attended = StatisticsOrganisationCells.Attended + 1
        FROM StatisticsRegistrationStates AS s
        WHERE s.RegistrationId = NEW.RegistrationId AND StatisticsOrganisationCells.EditionId = s.EditionId
          AND StatisticsOrganisationCells.OrganisationId = s.OrganisationId AND StatisticsOrganisationCells.Status = s.Status;
        INSERT INTO StatisticsArrivalHours (EditionId, Hour, Arrivals)
        SELECT EditionId, substr(CAST(NEW.FirstEntryUtc AS TEXT), 1, 13), 1 FROM StatisticsRegistrationStates
        WHERE RegistrationId = NEW.RegistrationId AND Status NOT IN ('Cancelled', 'Rejected')
        ON CONFLICT (EditionId, Hour) DO UPDATE SET Arrivals = Arrivals + 1;
        UPDATE StatisticsRegistrationStates SET Attended = 1, ArrivalHour = substr(CAST(NEW.FirstEntryUtc AS TEXT), 1, 13)
        WHERE RegistrationId = NEW.RegistrationId;
        """;

    /// <summary>Fills the (empty) summaries from the existing rows, as editions were before series (the first summaries' migration).</summary>
    public static string SqliteBackfillBeforeSeries =>
        RefreshRegistrations("SELECT Id FROM Registrations") + "\n" + RefreshPeople("SELECT EmailHash FROM Registrations", conferenceOnly: false);

    /// <summary>Counts the new people again from scratch, Days of Clusters' editions only (migration ConferencePeopleBySeries).</summary>
    public static string SqliteRebuildPeople =>
        "DELETE FROM StatisticsPeople;\nDELETE FROM StatisticsNewPeople;\n" + RefreshPeople("SELECT EmailHash FROM Registrations");

    /// <param name="firstEntry">A first entry counted directly (<see cref="CountFirstEntry"/>), not by the full refresh;
    /// off for the migrations before "StatisticsFirstEntry".</param>
    private static (string Name, string Definition)[] Triggers(bool conferenceOnly, bool firstEntry) =>
    [
        ("Statistics_Registrations_Insert", $"AFTER INSERT ON Registrations BEGIN\n{RefreshRegistrations("NEW.Id")}\n{RefreshPeople("NEW.EmailHash", conferenceOnly)}\nEND"),
        // Every column a summary groups by; erasure (names, e-mail) and other edits do not fire it.
        ("Statistics_Registrations_Update", $"AFTER UPDATE OF Id, EditionId, CountryCode, OrganisationType, CategoryId, Status, CreatedUtc ON Registrations BEGIN\n{RefreshRegistrations("OLD.Id, NEW.Id")}\nEND"),
        ("Statistics_Registrations_UpdatePeople", $"AFTER UPDATE OF EditionId, Status, EmailHash ON Registrations BEGIN\n{RefreshPeople("OLD.EmailHash, NEW.EmailHash", conferenceOnly)}\nEND"),
        ("Statistics_Registrations_Delete", $"AFTER DELETE ON Registrations BEGIN\n{RefreshRegistrations("OLD.Id")}\n{RefreshPeople("OLD.EmailHash", conferenceOnly)}\nEND"),
        ("Statistics_Presences_Insert", $"AFTER INSERT ON Presences {(firstEntry ? $"WHEN NOT ({FirstEntry}) " : "")}BEGIN\n{RefreshRegistrations("NEW.RegistrationId")}\nEND"),
        .. (firstEntry ? [("Statistics_Presences_FirstEntry", $"AFTER INSERT ON Presences WHEN {FirstEntry} BEGIN\n{CountFirstEntry}\nEND")] : Array.Empty<(string, string)>()),
        // Scans bump EntryCount and exits touch other columns on every scan: refresh only when "attended" or the first entry can change.
        ("Statistics_Presences_Update", $"AFTER UPDATE OF RegistrationId, EntryCount, FirstEntryUtc ON Presences " +
            $"WHEN OLD.RegistrationId IS NOT NEW.RegistrationId OR (OLD.EntryCount > 0) IS NOT (NEW.EntryCount > 0) OR OLD.FirstEntryUtc IS NOT NEW.FirstEntryUtc BEGIN\n{RefreshRegistrations("OLD.RegistrationId, NEW.RegistrationId")}\nEND"),
        ("Statistics_Presences_Delete", $"AFTER DELETE ON Presences BEGIN\n{RefreshRegistrations("OLD.RegistrationId")}\nEND"),
        ("Statistics_RegistrationOrganisation_Insert", $"AFTER INSERT ON RegistrationOrganisation BEGIN\n{RefreshRegistrations("NEW.RegistrationId")}\nEND"),
        ("Statistics_RegistrationOrganisation_Update", $"AFTER UPDATE ON RegistrationOrganisation BEGIN\n{RefreshRegistrations("OLD.RegistrationId, NEW.RegistrationId")}\nEND"),
        ("Statistics_RegistrationOrganisation_Delete", $"AFTER DELETE ON RegistrationOrganisation BEGIN\n{RefreshRegistrations("OLD.RegistrationId")}\nEND"),
        // A renumbered edition (or one moved to another series) can change who was first seen where.
        ("Statistics_Editions_Ordinal", $"AFTER UPDATE OF Ordinal{(conferenceOnly ? ", SeriesId" : "")} ON Editions BEGIN\n{RefreshPeople("SELECT EmailHash FROM Registrations WHERE EditionId = NEW.Id", conferenceOnly)}\nEND"),
    ];

    /// <summary>CREATE TRIGGER statements, one per string (SQLite): the current ones.</summary>
    public static IEnumerable<string> SqliteCreateTriggers => Create(Triggers(conferenceOnly: true, firstEntry: true));

    /// <summary>The triggers as migration "ConferencePeopleBySeries" created them, before first entries were counted directly.</summary>
    public static IEnumerable<string> SqliteCreateTriggersBeforeFirstEntry => Create(Triggers(conferenceOnly: true, firstEntry: false));

    /// <summary>The triggers as the first summaries' migration created them, before editions had a series.</summary>
    public static IEnumerable<string> SqliteCreateTriggersBeforeSeries => Create(Triggers(conferenceOnly: false, firstEntry: false));

    /// <summary>Drops every trigger any of the versions above created.</summary>
    public static IEnumerable<string> SqliteDropTriggers => Triggers(conferenceOnly: true, firstEntry: true).Select(t => $"DROP TRIGGER IF EXISTS {t.Name};");

    private static IEnumerable<string> Create((string Name, string Definition)[] triggers) => triggers.Select(t => $"CREATE TRIGGER {t.Name} {t.Definition};");

    /// <summary>
    /// The trigger function for an edition's new ordinal. It takes the advisory lock before it lists the edition's e-mail
    /// hashes: a list made before the lock (as a function argument is) missed a registration that a parallel writer committed
    /// while this one waited, and that writer had counted the person under the old ordinal (seen in CI: one person new in 6,
    /// not 7). The lock is re-entrant within the transaction, so the refresh taking it again does not wait.
    /// Migration "PostgreSqlEditionOrdinalLock" replaces the older function on existing databases.
    /// </summary>
    public const string PostgreSqlEditionOrdinalChanged = """
        CREATE OR REPLACE FUNCTION statistics_edition_ordinal_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('DaysOfClusters.Statistics'));
            PERFORM statistics_refresh_people(ARRAY(SELECT "EmailHash"::text FROM "Registrations" WHERE "EditionId" = NEW."Id"));
            RETURN NULL;
        END
        $fn$;
        """;

    /// <summary>
    /// When a presence's update can change its registration's figures (PostgreSQL): scans bump EntryCount on every entry,
    /// and only "attended" (an entry or none) and the first entry count.
    /// </summary>
    /// <summary>A registration's update that can change who counts as a person where (PostgreSQL trigger condition).</summary>
    private const string PostgreSqlPeopleMayMove =
        "OLD.\"EditionId\" IS DISTINCT FROM NEW.\"EditionId\" OR OLD.\"Status\" IS DISTINCT FROM NEW.\"Status\" OR OLD.\"EmailHash\" IS DISTINCT FROM NEW.\"EmailHash\"";

    private const string PostgreSqlPresenceCountsChanged =
        "OLD.\"RegistrationId\" IS DISTINCT FROM NEW.\"RegistrationId\" OR (OLD.\"EntryCount\" > 0) IS DISTINCT FROM (NEW.\"EntryCount\" > 0) " +
        "OR OLD.\"FirstEntryUtc\" IS DISTINCT FROM NEW.\"FirstEntryUtc\"";

    /// <summary>
    /// The per-row refresh (PostgreSQL) of the first summaries' migration: each changed row's deferred trigger refreshed its
    /// registration (and e-mail hash) at COMMIT. Replaced by <see cref="PostgreSqlOncePerTransaction"/>; kept for that
    /// migration's Down.
    /// </summary>
    public const string PostgreSqlPerRowTriggers = $"""
        CREATE OR REPLACE FUNCTION statistics_registrations_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                PERFORM statistics_refresh_registrations(ARRAY[NEW."Id"]);
                PERFORM statistics_refresh_people(ARRAY[NEW."EmailHash"]::text[]);
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM statistics_refresh_registrations(ARRAY[OLD."Id", NEW."Id"]);
                IF {PostgreSqlPeopleMayMove} THEN
                    PERFORM statistics_refresh_people(ARRAY[OLD."EmailHash", NEW."EmailHash"]::text[]);
                END IF;
            ELSE
                PERFORM statistics_refresh_registrations(ARRAY[OLD."Id"]);
                PERFORM statistics_refresh_people(ARRAY[OLD."EmailHash"]::text[]);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE OR REPLACE FUNCTION statistics_registration_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- Presences and RegistrationOrganisation: the registration(s) the row belongs to.
            IF TG_OP = 'INSERT' THEN
                PERFORM statistics_refresh_registrations(ARRAY[NEW."RegistrationId"]);
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM statistics_refresh_registrations(ARRAY[OLD."RegistrationId", NEW."RegistrationId"]);
            ELSE
                PERFORM statistics_refresh_registrations(ARRAY[OLD."RegistrationId"]);
            END IF;
            RETURN NULL;
        END
        $fn$;

        DROP TRIGGER IF EXISTS statistics_registrations ON "Registrations";
        CREATE CONSTRAINT TRIGGER statistics_registrations
            AFTER INSERT OR DELETE OR UPDATE OF "Id", "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", "CreatedUtc", "EmailHash" ON "Registrations"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_registrations_changed();
        DROP TRIGGER IF EXISTS statistics_presences ON "Presences";
        CREATE CONSTRAINT TRIGGER statistics_presences
            AFTER INSERT OR DELETE ON "Presences"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_registration_rows_changed();
        -- Scans bump EntryCount on every entry: refresh only when "attended" or the first entry can change.
        DROP TRIGGER IF EXISTS statistics_presences_update ON "Presences";
        CREATE CONSTRAINT TRIGGER statistics_presences_update
            AFTER UPDATE OF "RegistrationId", "EntryCount", "FirstEntryUtc" ON "Presences"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN ({PostgreSqlPresenceCountsChanged})
            EXECUTE FUNCTION statistics_registration_rows_changed();
        DROP TRIGGER IF EXISTS statistics_registration_organisation ON "RegistrationOrganisation";
        CREATE CONSTRAINT TRIGGER statistics_registration_organisation
            AFTER INSERT OR UPDATE OR DELETE ON "RegistrationOrganisation"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_registration_rows_changed();
        """;

    /// <summary>
    /// PostgreSQL: the summaries refreshed once per transaction instead of once per changed row (migration
    /// "PostgreSqlStatisticsOncePerTransaction"). A group commit of 30 registrations made 90 refreshes of a dozen statements
    /// each at COMMIT (~2.5 ms a row, issue 19's log), holding the seat counters' row locks meanwhile. Now an immediate row
    /// trigger only notes what changed in <c>StatisticsPendingRefreshes</c>, under the transaction's id; at COMMIT the first
    /// deferred trigger takes every note of its transaction and refreshes them all at once, through the same functions and
    /// advisory lock (so still after all the transaction's row locks), and the later ones find nothing left. The notes are
    /// rows of the transaction itself: a rollback, or a rolled-back savepoint, takes them away with the changes they note.
    /// The table is unlogged (no WAL: it is empty outside a transaction) and outside the EF model.
    /// </summary>
    public const string PostgreSqlOncePerTransaction = $"""
        CREATE UNLOGGED TABLE IF NOT EXISTS "StatisticsPendingRefreshes" (
            "TransactionId" bigint NOT NULL,
            "RegistrationId" integer NULL,
            "EmailHash" text NULL);
        CREATE INDEX IF NOT EXISTS "IX_StatisticsPendingRefreshes_TransactionId" ON "StatisticsPendingRefreshes" ("TransactionId");

        CREATE OR REPLACE FUNCTION statistics_note_registration() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), NEW."Id", NEW."EmailHash");
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), OLD."Id", OLD."EmailHash");
            -- The people only when who counts where can change, as the per-row trigger did.
            ELSIF {PostgreSqlPeopleMayMove} THEN
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), OLD."Id", OLD."EmailHash"), (txid_current(), NEW."Id", NEW."EmailHash");
            ELSE
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), OLD."Id", NULL), (txid_current(), NEW."Id", NULL);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE OR REPLACE FUNCTION statistics_note_registration_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- Presences and RegistrationOrganisation: the registration(s) the row belongs to.
            IF TG_OP <> 'INSERT' THEN
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), OLD."RegistrationId", NULL);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO "StatisticsPendingRefreshes" VALUES (txid_current(), NEW."RegistrationId", NULL);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE OR REPLACE FUNCTION statistics_refresh_pending() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            ids integer[];
            hashes text[];
        BEGIN
            WITH taken AS (DELETE FROM "StatisticsPendingRefreshes" WHERE "TransactionId" = txid_current() RETURNING "RegistrationId", "EmailHash")
            SELECT array_agg(DISTINCT "RegistrationId") FILTER (WHERE "RegistrationId" IS NOT NULL),
                   array_agg(DISTINCT "EmailHash") FILTER (WHERE "EmailHash" IS NOT NULL)
            INTO ids, hashes FROM taken;
            IF ids IS NOT NULL THEN
                PERFORM statistics_refresh_registrations(ids);
            END IF;
            IF hashes IS NOT NULL THEN
                PERFORM statistics_refresh_people(hashes);
            END IF;
            RETURN NULL;
        END
        $fn$;

        DROP TRIGGER IF EXISTS statistics_registrations ON "Registrations";
        CREATE TRIGGER statistics_registrations_note
            AFTER INSERT OR DELETE OR UPDATE OF "Id", "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", "CreatedUtc", "EmailHash" ON "Registrations"
            FOR EACH ROW EXECUTE FUNCTION statistics_note_registration();
        CREATE CONSTRAINT TRIGGER statistics_registrations
            AFTER INSERT OR DELETE OR UPDATE OF "Id", "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", "CreatedUtc", "EmailHash" ON "Registrations"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_refresh_pending();

        DROP TRIGGER IF EXISTS statistics_presences ON "Presences";
        CREATE TRIGGER statistics_presences_note
            AFTER INSERT OR DELETE ON "Presences"
            FOR EACH ROW EXECUTE FUNCTION statistics_note_registration_row();
        CREATE CONSTRAINT TRIGGER statistics_presences
            AFTER INSERT OR DELETE ON "Presences"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_refresh_pending();
        -- Scans bump EntryCount on every entry: refresh only when "attended" or the first entry can change.
        DROP TRIGGER IF EXISTS statistics_presences_update ON "Presences";
        CREATE TRIGGER statistics_presences_update_note
            AFTER UPDATE OF "RegistrationId", "EntryCount", "FirstEntryUtc" ON "Presences" FOR EACH ROW
            WHEN ({PostgreSqlPresenceCountsChanged})
            EXECUTE FUNCTION statistics_note_registration_row();
        CREATE CONSTRAINT TRIGGER statistics_presences_update
            AFTER UPDATE OF "RegistrationId", "EntryCount", "FirstEntryUtc" ON "Presences"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN ({PostgreSqlPresenceCountsChanged})
            EXECUTE FUNCTION statistics_refresh_pending();

        DROP TRIGGER IF EXISTS statistics_registration_organisation ON "RegistrationOrganisation";
        CREATE TRIGGER statistics_registration_organisation_note
            AFTER INSERT OR UPDATE OR DELETE ON "RegistrationOrganisation"
            FOR EACH ROW EXECUTE FUNCTION statistics_note_registration_row();
        CREATE CONSTRAINT TRIGGER statistics_registration_organisation
            AFTER INSERT OR UPDATE OR DELETE ON "RegistrationOrganisation"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_refresh_pending();

        DROP FUNCTION IF EXISTS statistics_registrations_changed();
        DROP FUNCTION IF EXISTS statistics_registration_rows_changed();
        """;

    /// <summary>Undoes <see cref="PostgreSqlOncePerTransaction"/>: the per-row refresh again.</summary>
    public const string PostgreSqlOncePerTransactionDown = $"""
        DROP TRIGGER IF EXISTS statistics_registrations_note ON "Registrations";
        DROP TRIGGER IF EXISTS statistics_presences_note ON "Presences";
        DROP TRIGGER IF EXISTS statistics_presences_update_note ON "Presences";
        DROP TRIGGER IF EXISTS statistics_registration_organisation_note ON "RegistrationOrganisation";
        {PostgreSqlPerRowTriggers}
        DROP FUNCTION IF EXISTS statistics_refresh_pending();
        DROP FUNCTION IF EXISTS statistics_note_registration();
        DROP FUNCTION IF EXISTS statistics_note_registration_row();
        DROP TABLE IF EXISTS "StatisticsPendingRefreshes";
        """;

    /// <summary>
    /// The same for PostgreSQL (plpgsql), to run in the PostgreSQL provider's migration after its tables exist (the summary
    /// tables come from the EF model like any other); it ends by filling the summaries from the existing rows.
    /// Differences from SQLite: the refresh is a function over id and hash arrays; it first takes a transaction-scoped
    /// advisory lock, so concurrent writers refresh one at a time and each sees the committed work of the ones before it
    /// (READ COMMITTED gives every statement a new snapshot), which keeps the subtract-recompute-add exact under parallel
    /// writes. The triggers are deferred constraint triggers, so the refresh (and with it the advisory lock) comes at COMMIT,
    /// after all of the transaction's own row locks: a writer holding the lock then never waits for a row another writer
    /// holds while that one waits for the lock (a deadlock that immediate triggers produced between parallel edits).
    /// Hours are cut in UTC from the timestamptz columns.
    /// </summary>
    public static string PostgreSql => $$"""
        CREATE OR REPLACE FUNCTION statistics_refresh_registrations(ids integer[]) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('DaysOfClusters.Statistics'));
            UPDATE "StatisticsCells" AS c SET "Registrations" = c."Registrations" - d.n, "Attended" = c."Attended" - d.a
            FROM (SELECT "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", COUNT(*) AS n, SUM("Attended") AS a
                  FROM "StatisticsRegistrationStates" WHERE "RegistrationId" = ANY(ids)
                  GROUP BY "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status") AS d
            WHERE c."EditionId" = d."EditionId" AND c."CountryCode" = d."CountryCode" AND c."OrganisationType" = d."OrganisationType"
              AND c."CategoryId" = d."CategoryId" AND c."Status" = d."Status";
            UPDATE "StatisticsOrganisationCells" AS c SET "Registrations" = c."Registrations" - d.n, "Attended" = c."Attended" - d.a
            FROM (SELECT "EditionId", "OrganisationId", "Status", COUNT(*) AS n, SUM("Attended") AS a
                  FROM "StatisticsRegistrationStates" WHERE "RegistrationId" = ANY(ids)
                  GROUP BY "EditionId", "OrganisationId", "Status") AS d
            WHERE c."EditionId" = d."EditionId" AND c."OrganisationId" = d."OrganisationId" AND c."Status" = d."Status";
            UPDATE "StatisticsRegistrationHours" AS h SET "Registrations" = h."Registrations" - d.n
            FROM (SELECT "EditionId", "CreatedHour", COUNT(*) AS n FROM "StatisticsRegistrationStates"
                  WHERE "RegistrationId" = ANY(ids) AND "Status" = 'Confirmed' GROUP BY "EditionId", "CreatedHour") AS d
            WHERE h."EditionId" = d."EditionId" AND h."Hour" = d."CreatedHour";
            UPDATE "StatisticsArrivalHours" AS h SET "Arrivals" = h."Arrivals" - d.n
            FROM (SELECT "EditionId", "ArrivalHour", COUNT(*) AS n FROM "StatisticsRegistrationStates"
                  WHERE "RegistrationId" = ANY(ids) AND "ArrivalHour" IS NOT NULL AND "Status" NOT IN ('Cancelled', 'Rejected')
                  GROUP BY "EditionId", "ArrivalHour") AS d
            WHERE h."EditionId" = d."EditionId" AND h."Hour" = d."ArrivalHour";
            DELETE FROM "StatisticsRegistrationStates" WHERE "RegistrationId" = ANY(ids);
            INSERT INTO "StatisticsRegistrationStates" ("RegistrationId", "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", "OrganisationId", "Attended", "ArrivalHour", "CreatedHour")
            SELECT r."Id", r."EditionId", r."CountryCode", r."OrganisationType", r."CategoryId", r."Status", COALESCE(l."OrganisationId", 0),
                   CASE WHEN EXISTS (SELECT 1 FROM "Presences" AS p WHERE p."RegistrationId" = r."Id" AND p."EntryCount" > 0) THEN 1 ELSE 0 END,
                   (SELECT to_char(MIN(p."FirstEntryUtc") AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') FROM "Presences" AS p
                    WHERE p."RegistrationId" = r."Id" AND p."EntryCount" > 0 AND p."FirstEntryUtc" IS NOT NULL),
                   to_char(r."CreatedUtc" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')
            FROM "Registrations" AS r LEFT JOIN "RegistrationOrganisation" AS l ON l."RegistrationId" = r."Id"
            WHERE r."Id" = ANY(ids);
            INSERT INTO "StatisticsCells" AS c ("EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", "Registrations", "Attended")
            SELECT "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status", COUNT(*), SUM("Attended")
            FROM "StatisticsRegistrationStates" WHERE "RegistrationId" = ANY(ids)
            GROUP BY "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status"
            ON CONFLICT ("EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status")
            DO UPDATE SET "Registrations" = c."Registrations" + EXCLUDED."Registrations", "Attended" = c."Attended" + EXCLUDED."Attended";
            INSERT INTO "StatisticsOrganisationCells" AS c ("EditionId", "OrganisationId", "Status", "Registrations", "Attended")
            SELECT "EditionId", "OrganisationId", "Status", COUNT(*), SUM("Attended")
            FROM "StatisticsRegistrationStates" WHERE "RegistrationId" = ANY(ids)
            GROUP BY "EditionId", "OrganisationId", "Status"
            ON CONFLICT ("EditionId", "OrganisationId", "Status")
            DO UPDATE SET "Registrations" = c."Registrations" + EXCLUDED."Registrations", "Attended" = c."Attended" + EXCLUDED."Attended";
            INSERT INTO "StatisticsRegistrationHours" AS h ("EditionId", "Hour", "Registrations")
            SELECT "EditionId", "CreatedHour", COUNT(*) FROM "StatisticsRegistrationStates"
            WHERE "RegistrationId" = ANY(ids) AND "Status" = 'Confirmed' GROUP BY "EditionId", "CreatedHour"
            ON CONFLICT ("EditionId", "Hour") DO UPDATE SET "Registrations" = h."Registrations" + EXCLUDED."Registrations";
            INSERT INTO "StatisticsArrivalHours" AS h ("EditionId", "Hour", "Arrivals")
            SELECT "EditionId", "ArrivalHour", COUNT(*) FROM "StatisticsRegistrationStates"
            WHERE "RegistrationId" = ANY(ids) AND "ArrivalHour" IS NOT NULL AND "Status" NOT IN ('Cancelled', 'Rejected')
            GROUP BY "EditionId", "ArrivalHour"
            ON CONFLICT ("EditionId", "Hour") DO UPDATE SET "Arrivals" = h."Arrivals" + EXCLUDED."Arrivals";
        END
        $fn$;

        {{PostgreSqlRefreshPeople(conferenceOnly: false)}}

        {{PostgreSqlPerRowTriggers}}

        {{PostgreSqlEditionOrdinalChanged}}

        DROP TRIGGER IF EXISTS statistics_edition_ordinal ON "Editions";
        CREATE CONSTRAINT TRIGGER statistics_edition_ordinal
            AFTER UPDATE OF "Ordinal" ON "Editions"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_edition_ordinal_changed();

        -- Fill the summaries from the rows already there.
        SELECT statistics_refresh_registrations(ARRAY(SELECT "Id" FROM "Registrations"));
        SELECT statistics_refresh_people(ARRAY(SELECT DISTINCT "EmailHash"::text FROM "Registrations"));
        """;
    /// <summary>
    /// PostgreSQL: new people counted in Days of Clusters' editions only (the network's other series number their events
    /// on their own), the edition trigger also firing when an event moves to another series, and the counts rebuilt.
    /// Migration "PostgreSqlConferencePeopleBySeries"; the first summaries' function stays in <see cref="PostgreSql"/>.
    /// </summary>
    public static string PostgreSqlConferencePeople => $$"""
        {{PostgreSqlRefreshPeople(conferenceOnly: true)}}

        DROP TRIGGER IF EXISTS statistics_edition_ordinal ON "Editions";
        CREATE CONSTRAINT TRIGGER statistics_edition_ordinal
            AFTER UPDATE OF "Ordinal", "SeriesId" ON "Editions"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_edition_ordinal_changed();

        SELECT pg_advisory_xact_lock(hashtext('DaysOfClusters.Statistics'));
        DELETE FROM "StatisticsPeople";
        DELETE FROM "StatisticsNewPeople";
        SELECT statistics_refresh_people(ARRAY(SELECT DISTINCT "EmailHash"::text FROM "Registrations"));
        """;

    /// <summary>
    /// The new-people refresh (PostgreSQL): <paramref name="conferenceOnly"/> counts Days of Clusters' editions only, as
    /// every database does since migration "PostgreSqlConferencePeopleBySeries"; off only for the first summaries' migration.
    /// </summary>
    private static string PostgreSqlRefreshPeople(bool conferenceOnly) => $$"""
        CREATE OR REPLACE FUNCTION statistics_refresh_people(hashes text[]) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('DaysOfClusters.Statistics'));
            UPDATE "StatisticsNewPeople" AS n SET "People" = n."People" - d.k
            FROM (SELECT "FirstOrdinal", COUNT(*) AS k FROM "StatisticsPeople" WHERE "EmailHash" = ANY(hashes) GROUP BY "FirstOrdinal") AS d
            WHERE n."Ordinal" = d."FirstOrdinal";
            DELETE FROM "StatisticsPeople" WHERE "EmailHash" = ANY(hashes);
            INSERT INTO "StatisticsPeople" ("EmailHash", "FirstOrdinal")
            SELECT r."EmailHash", MIN(e."Ordinal") FROM "Registrations" AS r JOIN "Editions" AS e ON e."Id" = r."EditionId"{{(conferenceOnly ? $" AND e.\"SeriesId\" = {ConferenceSeriesId}" : "")}}
            WHERE r."EmailHash" = ANY(hashes) AND r."Status" = 'Confirmed' GROUP BY r."EmailHash";
            INSERT INTO "StatisticsNewPeople" AS n ("Ordinal", "People")
            SELECT "FirstOrdinal", COUNT(*) FROM "StatisticsPeople" WHERE "EmailHash" = ANY(hashes) GROUP BY "FirstOrdinal"
            ON CONFLICT ("Ordinal") DO UPDATE SET "People" = n."People" + EXCLUDED."People";
        END
        $fn$;
        """;
}
