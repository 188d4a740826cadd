using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaysOfClusters.IntegrationTests.Foundation;

/// <summary>
/// The reference and demo data a first start leaves, table by table: row counts and a digest of every row's values, on a
/// fixed clock. How the start stores them may change (bulk inserts, steps run side by side); what it stores may not. The
/// expected digests were taken from the seeders as they were before the start-up work of issue 19.
/// </summary>
public sealed class DemoDataContentTests
{
    /// <summary>The demo data depends on "now" (registration windows, creation times): a clock that stands still.</summary>
    private sealed class FixedClock : TimeProvider
    {
        public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// Without the registration worker: its pass at start fills the seat counters of the open editions it finds, which
    /// may or may not be in by then; those rows are the worker's, derived from the registrations, not demo data.
    /// </summary>
    private sealed class FixedClockApp() : AppFactory(demoDisabled: false, settings: new Dictionary<string, string?> { ["Registration:Worker:Disabled"] = "true" }, services: s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton<TimeProvider>(new FixedClock());
    });

    /// <summary>
    /// Values that differ from start to start by design: random tokens, hashes keyed with the install's own key, the
    /// first organiser's account and the data protection keys. Their tables and columns are left out of the digest.
    /// </summary>
    private static readonly HashSet<string> VolatileColumns = new(StringComparer.Ordinal)
    {
        "Registrations.ManageTokenHash", "Registrations.EmailHash", "StatisticsPeople.EmailHash",
    };

    private static readonly HashSet<string> VolatileTables = new(StringComparer.Ordinal)
    {
        "AspNetUsers", "AspNetUserRoles", "AspNetRoles", "AspNetUserClaims", "AspNetRoleClaims", "AspNetUserLogins", "AspNetUserTokens",
        "DataProtectionKeys", "__EFMigrationsHistory", "__EFMigrationsLock", "SigningKeys",
    };

    /// <summary>Table: rows and SHA-256 (first 16 hex digits) of their values.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["AgendaNotifications"] = "0 e3b0c44298fc1c14",
        ["AgendaPublications"] = "2 61114db7352d20aa",
        ["AgendaSessions"] = "23 15dd8db86d3200fd",
        ["Bookmarks"] = "0 e3b0c44298fc1c14",
        ["CategorySeatCounter"] = "0 e3b0c44298fc1c14",
        ["Certificates"] = "0 e3b0c44298fc1c14",
        ["CheckInPoints"] = "0 e3b0c44298fc1c14",
        ["ConflictAcceptances"] = "0 e3b0c44298fc1c14",
        ["Countries"] = "250 029dc9af8cb72c75",
        ["EditionSeatCounter"] = "0 e3b0c44298fc1c14",
        ["EditionSigningKeys"] = "0 e3b0c44298fc1c14",
        ["Editions"] = "6 f38eabf7e17bb6c0",
        ["EventDocuments"] = "0 e3b0c44298fc1c14",
        ["EventPartners"] = "6 a43a7cf83c8db2b1",
        ["Invitation"] = "0 e3b0c44298fc1c14",
        ["IssuedBadges"] = "0 e3b0c44298fc1c14",
        ["MatchmakingAvailability"] = "0 e3b0c44298fc1c14",
        ["MatchmakingBlock"] = "0 e3b0c44298fc1c14",
        ["MatchmakingProfile"] = "0 e3b0c44298fc1c14",
        ["MatchmakingProfileSector"] = "0 e3b0c44298fc1c14",
        ["MatchmakingSettings"] = "0 e3b0c44298fc1c14",
        ["MatchmakingTable"] = "0 e3b0c44298fc1c14",
        ["MeetingAssignment"] = "0 e3b0c44298fc1c14",
        ["MeetingFeedback"] = "0 e3b0c44298fc1c14",
        ["MeetingRequest"] = "0 e3b0c44298fc1c14",
        ["NetworkInvitation"] = "0 e3b0c44298fc1c14",
        ["NetworkOptOut"] = "0 e3b0c44298fc1c14",
        ["Organisation"] = "456 399cce1612e084ae",
        ["OrganisationSector"] = "15 44959a80c1203fa6",
        ["PastEdition"] = "6 5c0c5d55ca767de5",
        ["PastEditionFigure"] = "286 0f4e9e4b05f7c01e",
        ["Presences"] = "0 e3b0c44298fc1c14",
        ["QuestionChoices"] = "0 e3b0c44298fc1c14",
        ["RegionCountries"] = "58 8d37b11dc904f692",
        ["Regions"] = "4 c25b9c70ea7298df",
        ["RegistrationAnswers"] = "0 e3b0c44298fc1c14",
        ["RegistrationAuditEntry"] = "0 e3b0c44298fc1c14",
        ["RegistrationCategories"] = "29 c8d66808d1bc0e4b",
        ["RegistrationOrganisation"] = "442 8515c6ebaf6c2021",
        ["RegistrationQuestions"] = "0 e3b0c44298fc1c14",
        ["Registrations"] = "442 03ac26f8c0c5db3d",
        ["Rooms"] = "4 e0a948865b96e3da",
        ["ScanLog"] = "0 e3b0c44298fc1c14",
        ["ScannerDevices"] = "0 e3b0c44298fc1c14",
        ["SeatBookings"] = "0 e3b0c44298fc1c14",
        ["SeatHolders"] = "0 e3b0c44298fc1c14",
        ["Sector"] = "15 85cc09637f585775",
        ["Series"] = "5 fee4c8791b9aa37b",
        ["SessionSpeakers"] = "10 e1220101ffc70cc3",
        ["Speakers"] = "5 21e03845b8f0d6b7",
        ["StatisticsArrivalHours"] = "0 e3b0c44298fc1c14",
        ["StatisticsCells"] = "277 a0bf9b34ad01813c",
        ["StatisticsNewPeople"] = "2 338b6e44e5ec4c6a",
        ["StatisticsOrganisationCells"] = "448 5f6d4afae2d5b694",
        ["StatisticsPeople"] = "300 06bf15296d8058f1",
        ["StatisticsRegistrationHours"] = "430 00d3ab66bdfd3f6d",
        ["StatisticsRegistrationStates"] = "442 540081880d0b12e8",
        ["Tracks"] = "3 f925b4d45e0f748f",
    };

    [Fact]
    public async Task DemoData_When_FirstStart_IsTheSameRowsAndValuesTableByTable()
    {
        if (TestDatabase.SuiteIsPostgreSql) return; // the digests read SQLite's stored values; the seeders are the same code on both
        await using var app = new FixedClockApp();
        var actual = await app.WithDbAsync(DigestAsync);

        var report = string.Join(Environment.NewLine, actual.Select(t => $"[\"{t.Key}\"] = \"{t.Value}\","));
        Assert.True(Expected.Count > 0 && actual.Count == Expected.Count && actual.All(t => Expected.TryGetValue(t.Key, out var e) && e == t.Value),
            "The first start's data differs from before. Per table now:" + Environment.NewLine + report);
    }

    private static async Task<Dictionary<string, string>> DigestAsync(AppDbContext db)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in (await TestDatabase.TableNamesAsync(db)).Order(StringComparer.Ordinal))
            {
                if (VolatileTables.Contains(table)) continue;
                await using var command = connection.CreateCommand();
                // The name comes from the database's own catalog, not from input.
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    var text = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (VolatileColumns.Contains($"{table}.{reader.GetName(i)}")) continue;
                        text.Append(reader.GetName(i)).Append('=').Append(Value(reader, i)).Append('\u001f');
                    }
                    rows.Add(text.ToString());
                }
                // Sorted: a row's key is among its values, so the order the rows went in does not matter, only what they hold.
                rows.Sort(StringComparer.Ordinal);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16];
                result[table] = $"{rows.Count} {hash}";
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    private static string Value(DbDataReader reader, int i) => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
