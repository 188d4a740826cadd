using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Staff rights are not per edition (issue 15, low): badge links are unguessable and walk-ins follow the edition's status.</summary>
public sealed class StaffBadgeAndWalkInTests(WalkInFixture fixture) : CheckInAttackTestBase(fixture), IClassFixture<WalkInFixture>
{
    [Fact]
    public async Task GetCheckInBadge_WhenStaffGuessesASequentialRegistrationId_IsRefused()
    {
        var edition = await EditionAsync(2);
        using var staff = await App.CreateLoggedInClientAsync(Roles.Staff);
        foreach (var id in edition.RegistrationIds)
        {
            var guessed = await staff.GetAsync(new Uri($"/checkin/badge/{id}.pdf?format=A6", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, guessed.StatusCode);
            Assert.NotEqual("application/pdf", guessed.Content.Headers.ContentType?.MediaType);
        }
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.IssuedBadges.AnyAsync(b => b.EditionId == edition.EditionId && b.PrintCount > 0));
    }

    [Fact]
    public async Task PostWalkIn_WhenEditionIsClosed_RefusedForStaff_AllowedForAnOrganiserWhoOverrides()
    {
        var edition = await EditionAsync(1);
        await using (var db = await Db.CreateDbContextAsync())
            await db.Editions.Where(e => e.Id == edition.EditionId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Closed));
        object Body(string email, bool overrideClosed) => new
        {
            point = edition.PointId, firstName = "Milica", lastName = "Jovanović", email, organisation = "Vojvodina ICT Cluster",
            organisationType = (int)OrganisationType.ClusterOrganisation, jobTitle = "Manager", countryCode = "RS", categoryId = edition.DelegateCategoryId,
            privacyConsent = true, overrideClosedEdition = overrideClosed,
        };

        using var staff = await App.CreateLoggedInClientAsync(Roles.Staff);
        var byStaff = await staff.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), Body("staff-walkin@example.org", overrideClosed: true));
        Assert.Equal(HttpStatusCode.BadRequest, byStaff.StatusCode);
        Assert.Contains(WalkInService.PointField, (await byStaff.Content.ReadFromJsonAsync<WalkInApiResponse>())!.Errors.Keys);

        using var organiser = await App.CreateLoggedInClientAsync(Roles.Organiser);
        var withoutOverride = await organiser.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), Body("organiser-walkin@example.org", overrideClosed: false));
        Assert.Equal(HttpStatusCode.BadRequest, withoutOverride.StatusCode);
        await using (var db = await Db.CreateDbContextAsync())
            Assert.Equal(1, await db.Registrations.CountAsync(r => r.EditionId == edition.EditionId));

        var overridden = await organiser.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), Body("organiser-walkin@example.org", overrideClosed: true));
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var answer = (await overridden.Content.ReadFromJsonAsync<WalkInApiResponse>())!;
        Assert.Equal("checkedIn", answer.Outcome);
        // The badge link names no registration id, and it opens for the desk.
        Assert.DoesNotContain($"/{answer.Person!.RegistrationId}.pdf", answer.BadgeUrl, StringComparison.Ordinal);
        var pdf = await organiser.GetAsync(new Uri(answer.BadgeUrl!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }
}
