using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Statistics;

/// <summary>
/// The statistics over the app's real attendance source (the check-in feature's presence rows), on the hand-counted fixture:
/// a person with entries at two points counts once and arrives on their first day; a presence without an entry is not
/// attendance; a cancelled person's check-in counts nowhere.
/// </summary>
public sealed class StatisticsCheckInSourceTests
{
    [Fact]
    public async Task Report_WhenPresencesAtTwoPointsEmptyAndCancelled_CountsEachPersonOnceFromFirstEntry()
    {
        await using var fixture = await StatisticsDatabase.CreateAsync(withCheckIns: false);
        int serbia, kosovo, egypt, cancelledJapan;
        await using (var db = await fixture.Factory.CreateDbContextAsync())
        {
            int Id(string email) => db.Registrations.Single(r => r.EditionId == fixture.Edition8Id && r.EmailHash == Web.Features.Registration.RegistrationRules.Sha256Hex(email)).Id;
            (serbia, kosovo, egypt, cancelledJapan) = (Id("p1@example.org"), Id("p8@example.org"), Id("p7@example.org"), Id("p12@example.org"));
            var created = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);
            var entrance = new CheckInPoint { EditionId = fixture.Edition8Id, Name = "Entrance", Kind = CheckInPointKind.Entrance, CreatedUtc = created };
            var hall = new CheckInPoint { EditionId = fixture.Edition8Id, Name = "Hall A", Kind = CheckInPointKind.SessionDoor, CreatedUtc = created };
            db.CheckInPoints.AddRange(entrance, hall);
            await db.SaveChangesAsync();
            Presence At(CheckInPoint point, int registrationId, string? firstEntryUtc, int entries) => new()
            {
                EditionId = fixture.Edition8Id, PointId = point.Id, RegistrationId = registrationId, EntryCount = entries,
                FirstEntryUtc = firstEntryUtc is null ? null : DateTime.SpecifyKind(DateTime.Parse(firstEntryUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
            };
            db.Presences.AddRange(
                At(entrance, serbia, "2025-09-24 06:30:00", 2), // 08:30 on 24 Sep in Belgrade
                At(hall, serbia, "2025-09-25 09:00:00", 1),     // the same person again the next day
                At(hall, kosovo, "2025-09-25 07:00:00", 1),
                At(hall, egypt, null, 0),                        // a presence row without an accepted entry
                At(entrance, cancelledJapan, "2025-09-24 08:00:00", 1));
            await db.SaveChangesAsync();
        }

        var service = fixture.Service;
        var report = (await service.ReportAsync(fixture.Edition8Id))!;

        Assert.Equal(new Headline(5, 2, 5, 3, 2, 1, 0.6), report.Headline);
        Assert.Equal(1, report.Countries.Single(c => c.Key == "RS").Attended);
        Assert.Equal(1, report.Countries.Single(c => c.Key == "XK").Attended);
        Assert.Equal(0, report.Countries.Single(c => c.Key == "EG").Attended);
        Assert.DoesNotContain(report.Countries, c => c.Key == "JP");
        Assert.Equal([(new DateOnly(2025, 9, 24), 1), (new DateOnly(2025, 9, 25), 1)], report.Arrivals.Select(a => (a.Date, a.Arrivals)));

        var all = (await service.ReportAsync(null))!;
        Assert.Equal(2, all.Headline.Attended);
        Assert.Equal(2, all.Arrivals.Sum(a => a.Arrivals));
        Assert.Equal(2, (await service.HeadlineAsync([fixture.Edition8Id])).Attended);
    }
}
