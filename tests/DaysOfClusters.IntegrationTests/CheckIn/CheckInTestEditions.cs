using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Badges;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>A started app's check-in edition (<see cref="CheckInSeed"/>) with each person's current badge QR text.</summary>
public static class CheckInTestEditions
{
    /// <param name="slugPrefix">Tells the test classes' editions apart in a shared database.</param>
    public static async Task<(SeededEdition Edition, List<string> Codes)> CheckInEditionAsync(this AppFactory app, string slugPrefix, int people)
    {
        app.CreateClient().Dispose(); // starts the app: migrations and countries
        var edition = await CheckInSeed.EditionAsync(app.Db, slugPrefix + Guid.NewGuid().ToString("N")[..10], people);
        var issuer = app.Get<BadgeIssuer>();
        var codes = new List<string>();
        foreach (var id in edition.RegistrationIds) codes.Add((await issuer.CurrentAsync(id))!.QrText);
        return (edition, codes);
    }
}
