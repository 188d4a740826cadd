using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Foundation;

/// <summary>
/// The registration writer stores its rows through <see cref="PreparedInserts"/> instead of SaveChanges (issue 19): a row
/// must come out of the database exactly as SaveChanges would have stored it, on each provider.
/// </summary>
public sealed class PreparedInsertsTests
{
    private static readonly DateTime Moment = new DateTime(2026, 12, 7, 13, 45, 12, 345, DateTimeKind.Utc).AddTicks(6789);

    private static Registration Row(int editionId, int categoryId, string email, string tokenHash, int waitlistNumber) => new()
    {
        EditionId = editionId, CategoryId = categoryId, FirstName = "Ђорђе 'O''Brien'", LastName = "Παπαδόπουλος; DROP TABLE x", Email = email,
        EmailNormalized = email, EmailHash = new string('a', 64), Organisation = "Klaster \"Jug\" — Niš", OrganisationType = OrganisationType.AcademiaResearch,
        JobTitle = "Direktorka", CountryCode = "RS", Phone = "+381 18 123 456", DaysAttending = "2027-10-14,2027-10-15", DietaryNeeds = "vegan",
        AccessibilityNeeds = "ramp", PrivacyConsentUtc = Moment, PrivacyNoticeVersion = "3", NetworkingConsent = true,
        NetworkNewsConsentUtc = Moment.AddDays(1), Language = "sr-Latn", Status = RegistrationStatus.Waitlisted, WaitlistNumber = waitlistNumber,
        OfferExpiresUtc = Moment.AddHours(48), ManageTokenHash = tokenHash, ManageTokenProtected = "CfDJ8protected", CreatedUtc = Moment,
        UpdatedUtc = Moment.AddSeconds(1), ConfirmedUtc = Moment.AddMinutes(2), CancelledUtc = Moment.AddMinutes(3), AnonymisedUtc = null,
        InternalNotes = null, InvitationId = null,
    };

    private static async Task<Dictionary<string, object?>> ReadRowAsync(AppDbContext db, int id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"Registrations\" WHERE \"Id\" = " + id;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    [Fact]
    public async Task InsertAsync_When_ComparedWithSaveChanges_StoresEveryColumnTheSame()
    {
        await using var app = new AppFactory().Started();
        var editions = app.Get<EditionService>();
        var saved = await editions.SaveAsync(null, EditionInputs.Valid(8, "prepared-inserts"));
        Assert.True(saved.Succeeded);
        var editionId = saved.EditionId!.Value;
        var categoryId = await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == editionId).Select(c => c.Id).FirstAsync());

        await using var db = await app.DbAsync();
        var byEf = Row(editionId, categoryId, "ef@example.org", new string('1', 64), 1);
        db.Registrations.Add(byEf);
        await db.SaveChangesAsync();
        var prepared = Row(editionId, categoryId, "prepared@example.org", new string('2', 64), 2);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await PreparedInserts.InsertAsync(db, [prepared]);
            await tx.CommitAsync();
        }

        Assert.NotEqual(0, prepared.Id);
        Assert.NotEqual(byEf.Id, prepared.Id);
        var expected = await ReadRowAsync(db, byEf.Id);
        var actual = await ReadRowAsync(db, prepared.Id);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        string[] differByDesign = ["Id", "Email", "EmailNormalized", "ManageTokenHash", "WaitlistNumber"];
        foreach (var column in expected.Keys.Except(differByDesign))
            Assert.True(Equals(expected[column], actual[column]), $"{column}: SaveChanges stored '{expected[column]}', the prepared insert '{actual[column]}'");
        Assert.Equal("prepared@example.org", actual["Email"]);
        Assert.Equal(new string('2', 64), actual["ManageTokenHash"]);
        // And EF reads both back alike (PostgreSQL keeps microseconds, for both).
        var read = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == prepared.Id);
        var readEf = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == byEf.Id);
        Assert.Equal((readEf.FirstName, readEf.Status, readEf.CreatedUtc, readEf.CreatedUtc.Kind, readEf.OrganisationType, readEf.OfferExpiresUtc),
            (read.FirstName, read.Status, read.CreatedUtc, read.CreatedUtc.Kind, read.OrganisationType, read.OfferExpiresUtc));
        Assert.Equal(prepared.FirstName, read.FirstName);
        Assert.Equal(RegistrationStatus.Waitlisted, read.Status);
    }

    [Fact]
    public async Task InsertAsync_When_TheUniqueIndexRefuses_ReportsItAsSaveChangesDoesAndStoresNothing()
    {
        await using var app = new AppFactory().Started();
        var saved = await app.Get<EditionService>().SaveAsync(null, EditionInputs.Valid(8, "prepared-duplicate"));
        var editionId = saved.EditionId!.Value;
        var categoryId = await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == editionId).Select(c => c.Id).FirstAsync());
        await using var db = await app.DbAsync();
        await PreparedInserts.InsertAsync(db, [Row(editionId, categoryId, "same@example.org", new string('3', 64), 1)]);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            // The writer's caller tells a duplicate e-mail by DbUpdateException, as from SaveChanges.
            await Assert.ThrowsAsync<DbUpdateException>(() =>
                PreparedInserts.InsertAsync(db, [Row(editionId, categoryId, "other@example.org", new string('4', 64), 2), Row(editionId, categoryId, "same@example.org", new string('5', 64), 3)]));
            await tx.RollbackAsync();
        }
        Assert.Equal(1, await db.Registrations.CountAsync(r => r.EditionId == editionId));
    }

    [Fact]
    public async Task InsertAsync_When_TheKeyIsComposite_InsertsWithoutReadingAKeyBack()
    {
        await using var app = new AppFactory().Started();
        var saved = await app.Get<EditionService>().SaveAsync(null, EditionInputs.Valid(8, "prepared-links"));
        var editionId = saved.EditionId!.Value;
        var categoryId = await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == editionId).Select(c => c.Id).FirstAsync());
        await using var db = await app.DbAsync();
        var registration = Row(editionId, categoryId, "linked@example.org", new string('6', 64), 1);
        var organisation = new Organisation { Name = "Klaster Jug", CountryCode = "RS", SearchKey = "klaster jug", NameKey = "klaster jug", CreatedUtc = Moment };
        db.Add(organisation);
        await db.SaveChangesAsync();
        await PreparedInserts.InsertAsync(db, [registration]);
        await PreparedInserts.InsertAsync(db, [new RegistrationOrganisation { RegistrationId = registration.Id, OrganisationId = organisation.Id }]);
        Assert.True(await db.RegistrationOrganisations.AnyAsync(l => l.RegistrationId == registration.Id && l.OrganisationId == organisation.Id));
    }
}
