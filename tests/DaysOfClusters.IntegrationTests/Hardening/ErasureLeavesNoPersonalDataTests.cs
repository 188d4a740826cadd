using System.Data.Common;
using System.Text;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// GDPR erasure: after a person used every feature and asked to be erased, neither the database (every table, every
/// column) nor the data folder (every file, the mail pickup folder included) holds their name or e-mail address, nor
/// the unkeyed SHA-256 of the address that anyone with a list of addresses could compute and look up.
/// </summary>
public sealed class ErasureLeavesNoPersonalDataTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private const string First = "Zorblax", Last = "Quendrith", Email = "zorblax.quendrith@example.org";

    [Fact]
    public async Task EraseAsync_WhenThePersonUsedEveryFeature_LeavesNoNameEmailOrUnkeyedHashInDatabaseOrDataFolder()
    {
        var (edition, categories) = await app.CreateEditionAsync(capacity: 100);
        var organiser = RegistrationCaller.Organiser("organiser@example.org");

        // Invited by name and address, registers through the invitation (confirmation mail to the pickup folder).
        var link = await app.Invitations.CreateAsync(edition.Id, categories[0].Id, Email, $"Personal invitation for {First} {Last}", organiser);
        var input = RegistrationAppFactory.ValidInput(Email, edition);
        (input.FirstName, input.LastName, input.Organisation) = (First, Last, "Neutral Cluster Ltd");
        input.InvitationToken = link[(link.IndexOf("invitation=", StringComparison.Ordinal) + "invitation=".Length)..];
        var person = await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        Assert.True(person.Succeeded, string.Join("; ", person.Errors.SelectMany(e => e.Value)));
        var other = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("other.person@example.org", edition), RegistrationCaller.Attendee(null));
        var personId = person.RegistrationId!.Value;
        var otherId = other.RegistrationId!.Value;

        // Matchmaking: profile texts, a request with a message both ways, a published past meeting with feedback.
        var profiles = app.Services.GetRequiredService<MatchmakingProfiles>();
        var requests = app.Services.GetRequiredService<MeetingRequests>();
        Assert.True((await profiles.OptInAsync(personId, new ProfileInput(null, $"{First} offers", $"{Last} seeks", CooperationTypes.None, $"I am {First} {Last}, {Email}", "en"))).Ok);
        Assert.True((await profiles.OptInAsync(otherId, new ProfileInput(null, "Offer", "Seek", CooperationTypes.None, "Other", "en"))).Ok);
        var request = await requests.SendRequestAsync(personId, otherId, $"Hello, {First} {Last} here, write to {Email}");
        Assert.True(request.Ok, request.Error);
        var back = await requests.SendRequestAsync(otherId, personId, $"Dear {First} {Last}");
        Assert.False(back.Ok); // one open request between two people; the reply mail below greets them instead
        Assert.True((await requests.RespondAsync(otherId, request.Id!.Value, accept: true)).Ok);
        await using (var db = await app.DbAsync())
        {
            var table = new MatchmakingTable { EditionId = edition.Id, Number = 1 };
            db.Add(table);
            await db.SaveChangesAsync();
            db.Add(new MeetingAssignment { EditionId = edition.Id, RequestId = request.Id!.Value, TableId = table.Id, SlotStartUtc = app.Clock.GetUtcNow().UtcDateTime.AddHours(-2), Published = true });
            await db.SaveChangesAsync();
        }
        var insights = app.Services.GetRequiredService<MatchmakingInsights>();
        Assert.True((await insights.SubmitFeedbackAsync(personId, request.Id!.Value, new FeedbackInput(true, 5, ExpectedFollowUp.None, $"{First} {Last} was pleased"))).Ok);
        Assert.True((await insights.SubmitFeedbackAsync(otherId, request.Id!.Value, new FeedbackInput(true, 4, ExpectedFollowUp.None, $"Met {First} {Last}"))).Ok);

        // Agenda: a bookmark and a round-table seat.
        Session panel, roundTable;
        await using (var db = await app.DbAsync())
        {
            var start = app.Clock.GetUtcNow().UtcDateTime.AddDays(30);
            panel = new Session { EditionId = edition.Id, Title = "Panel", StartUtc = start, EndUtc = start.AddHours(1), Kind = SessionKind.Panel, Status = SessionStatus.Published, UpdatedUtc = start };
            roundTable = new Session { EditionId = edition.Id, Title = "Round table", StartUtc = start.AddHours(2), EndUtc = start.AddHours(3), Kind = SessionKind.RoundTable, SeatCapacity = 5, Status = SessionStatus.Published, UpdatedUtc = start };
            db.Sessions.AddRange(panel, roundTable);
            await db.SaveChangesAsync();
        }
        Assert.True(await app.Services.GetRequiredService<BookmarkService>().ToggleAsync(personId, panel.Id));
        await app.Services.GetRequiredService<RoundTableService>().BookAsync(personId, roundTable.Id);

        Assert.NotEmpty(await FindInDatabaseAsync(Needles));    // the search finds them before erasure
        Assert.NotEmpty(FindInDataFolder(Needles));

        await app.Privacy.EraseAsync(personId, RegistrationCaller.Attendee(null));

        Assert.Empty(await FindInDatabaseAsync(Needles));
        Assert.Empty(FindInDataFolder(Needles));
        await using (var db = await app.DbAsync())
        {
            Assert.NotNull((await db.Registrations.SingleAsync(r => r.Id == personId)).AnonymisedUtc);
            Assert.Equal(2, await db.Registrations.CountAsync(r => r.EditionId == edition.Id)); // statistics keep counting
        }
    }

    [Fact]
    public async Task ConvertLegacyHashesAsync_WhenRowsHoldUnkeyedHashes_RekeysLiveAndErasedRowsSoThePersonStaysOne()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        var (older, _) = await app.CreateEditionAsync(capacity: 100);
        var hasher = app.Services.GetRequiredService<EmailHasher>();
        var live = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput("legacy.person@example.org", edition), RegistrationCaller.Attendee(null));
        var erased = await app.Writer.RegisterAsync(older.Id, RegistrationAppFactory.ValidInput("legacy.person@example.org", older), RegistrationCaller.Attendee(null));
        await app.Privacy.EraseAsync(erased.RegistrationId!.Value, RegistrationCaller.Attendee(null));
        var legacy = RegistrationRules.Sha256Hex("legacy.person@example.org");
        await using (var db = await app.DbAsync())
        {
            // As an older version stored them: the plain SHA-256 hex of the address.
            var ids = new[] { live.RegistrationId!.Value, erased.RegistrationId!.Value };
            await db.Registrations.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailHash, legacy));
        }

        await hasher.ConvertLegacyHashesAsync(app.Services.GetRequiredService<IDbContextFactory<DaysOfClusters.Web.Data.AppDbContext>>());

        await using var check = await app.DbAsync();
        var hashes = await check.Registrations.Where(r => r.Id == live.RegistrationId || r.Id == erased.RegistrationId).Select(r => r.EmailHash).ToListAsync();
        Assert.All(hashes, h => Assert.Equal(hasher.Hash("legacy.person@example.org"), h)); // the erased row still matches the live one
        Assert.DoesNotContain(await check.Registrations.Select(r => r.EmailHash).ToListAsync(), h => h == legacy);
        Assert.NotEqual(hasher.Hash("legacy.person@example.org"), new EmailHasher(new byte[32]).Hash("legacy.person@example.org")); // keyed
    }

    /// <summary>The name, the address and the address's unkeyed SHA-256 (which a list of addresses re-identifies).</summary>
    private static readonly string[] Needles = [First, Last, Email, RegistrationRules.Sha256Hex(Email)];

    /// <summary>Every value of every column of every table, as text.</summary>
    private async Task<List<string>> FindInDatabaseAsync(string[] needles)
    {
        await using var db = await app.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = db.Database.IsSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains(tables, t => t == "Registrations");
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = Text(reader, i);
                    foreach (var needle in needles)
                        if (text.Contains(needle, StringComparison.OrdinalIgnoreCase)) found.Add($"{table}.{reader.GetName(i)}: {needle}");
                }
            }
        }
        return found;
    }

    private static string Text(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) return "";
        var value = reader.GetValue(i);
        return value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Every file under the data folder (the SQLite file and its WAL included), read raw and, for messages, decoded.</summary>
    private List<string> FindInDataFolder(string[] needles)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(app.DataFolder, "*", SearchOption.AllDirectories))
        {
            string text;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
                text = reader.ReadToEnd();
            if (path.EndsWith(".eml", StringComparison.Ordinal))
            {
                using var message = MimeKit.MimeMessage.Load(path);
                text += message.Subject + message.TextBody + message.HtmlBody + string.Join(' ', message.To.Mailboxes.Select(m => m.Name + m.Address));
            }
            foreach (var needle in needles)
                if (text.Contains(needle, StringComparison.OrdinalIgnoreCase)) found.Add($"{Path.GetRelativePath(app.DataFolder, path)}: {needle}");
        }
        return found;
    }
}
