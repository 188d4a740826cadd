using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Registrations;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>
/// What a round table's kind sets up: the public form is shut to anyone without an invitation, and each member
/// organisation gets only its seats, also when colleagues register at the same moment.
/// </summary>
public sealed partial class EventKindRulesTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private async Task<Edition> RoundTableAsync(bool invitationOnly, int? seatsPerOrganisation)
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 40);
        await using var db = await app.DbAsync();
        await db.Editions.Where(e => e.Id == edition.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Kind, EventKind.RoundTable).SetProperty(e => e.SeriesId, 2)
            .SetProperty(e => e.InvitationOnly, invitationOnly).SetProperty(e => e.SeatsPerOrganisation, seatsPerOrganisation));
        return (await db.Editions.AsNoTracking().SingleAsync(e => e.Id == edition.Id));
    }

    [Fact]
    public async Task RegisterPage_WhenTheRoundTableIsInvitationOnly_SaysSoAndOffersNoForm()
    {
        var edition = await RoundTableAsync(invitationOnly: true, seatsPerOrganisation: 1);
        using var client = app.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/e/{edition.Slug}/register"));

        Assert.Contains("data-testid=\"registration-closed\"", html);
        Assert.Contains("by invitation only", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("name=\"_handler\" value=\"register\"", html);
    }

    [Fact]
    public async Task RegisterApi_WhenTheRoundTableIsInvitationOnly_RefusesWithConflictAndStoresNothing()
    {
        var edition = await RoundTableAsync(invitationOnly: true, seatsPerOrganisation: null);
        using var client = app.CreateClient();
        var email = $"uninvited.{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsJsonAsync($"/api/editions/{edition.Slug}/registrations", Request(email, edition, "Klaster Jug"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(RegistrationWriter.InvitationOnlyMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.EditionId == edition.Id)));
    }

    /// <summary>
    /// An attacker opens the form through someone's invitation link, keeps its antiforgery token and posts to the plain
    /// address: the invitation comes from the address only, so the post is a public one and is refused.
    /// </summary>
    [Fact]
    public async Task RegisterPost_WhenAnInvitationFormIsPostedWithoutTheInvitation_IsRefusedAndStoresNothing()
    {
        var edition = await RoundTableAsync(invitationOnly: true, seatsPerOrganisation: null);
        var categoryId = await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == edition.Id).Select(c => c.Id).FirstAsync());
        var link = await app.Invitations.CreateAsync(edition.Id, categoryId, null, "Round table guest", RegistrationCaller.Organiser("organiser"));
        using var client = app.CreateClient();
        var invited = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(link).PathAndQuery));
        var token = AntiforgeryToken().Match(invited);
        Assert.True(token.Success, "The invitation link opens a form.");
        var email = $"forged.{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsync($"/e/{edition.Slug}/register", new FormUrlEncodedContent(
            new[] { ("_handler", "register"), ("__RequestVerificationToken", token.Groups[1].Value) }.Concat(FormFields(email, edition))
                .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("by invitation only", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.EditionId == edition.Id)));
    }

    [Fact]
    public async Task RegisterApi_WhenTheInvitationTokenComesWithTheRequest_RegistersTheGuest()
    {
        var edition = await RoundTableAsync(invitationOnly: true, seatsPerOrganisation: 1);
        var categoryId = await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == edition.Id).Select(c => c.Id).FirstAsync());
        var link = await app.Invitations.CreateAsync(edition.Id, categoryId, null, "Round table guest", RegistrationCaller.Organiser("organiser"));
        var token = Uri.UnescapeDataString(InvitationParameter().Match(link).Groups[1].Value);
        using var client = app.CreateClient();
        var email = $"guest.{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsJsonAsync($"/api/editions/{edition.Slug}/registrations", Request(email, edition, "Klaster Jug") with { InvitationToken = token });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.EditionId == edition.Id && r.EmailNormalized == email)));
    }

    /// <summary>Twelve colleagues of one cluster (spelled as people spell it) register at once for a table of two seats per organisation.</summary>
    [Fact]
    public async Task Register_WhenColleaguesRegisterInParallel_StoresOnlyTheirOrganisationsSeats()
    {
        const int colleagues = 12;
        var edition = await RoundTableAsync(invitationOnly: false, seatsPerOrganisation: 2);
        string[] spellings = ["Klaster Jug", "klaster jug", "  KLASTER JUG ", "Klaster  Jug"];
        using var start = new Barrier(colleagues);
        var results = await Task.WhenAll(Enumerable.Range(0, colleagues).Select(i => Task.Run(() =>
        {
            var input = RegistrationAppFactory.ValidInput($"colleague{i}.{Guid.NewGuid():N}@example.org", edition);
            input.Organisation = spellings[i % spellings.Length];
            start.SignalAndWait();
            return app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        })));
        var other = RegistrationAppFactory.ValidInput($"other.{Guid.NewGuid():N}@example.org", edition);
        other.Organisation = "Vojvođanski IKT klaster";
        var otherResult = await app.Writer.RegisterAsync(edition.Id, other, RegistrationCaller.Attendee(null));

        Assert.Equal(2, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r =>
            Assert.Equal([RegistrationWriter.OrganisationFullMessage], r.Errors[nameof(RegistrationInput.Organisation)]));
        Assert.True(otherResult.Succeeded);
        Assert.Equal(3, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EditionId == edition.Id)));
    }

    [Fact]
    public async Task Register_WhenAnOrganiserAddsAThirdColleague_IsNotHeldToTheSeatLimit()
    {
        var edition = await RoundTableAsync(invitationOnly: true, seatsPerOrganisation: 1);
        var first = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"a.{Guid.NewGuid():N}@example.org", edition), RegistrationCaller.Organiser("organiser"));
        var second = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"b.{Guid.NewGuid():N}@example.org", edition), RegistrationCaller.Organiser("organiser"));

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(2, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EditionId == edition.Id)));
    }

    [Fact]
    public async Task Update_WhenAnAttendeeMovesToAnOrganisationWhoseSeatsAreTaken_IsRefusedAndNothingChanges()
    {
        var edition = await RoundTableAsync(invitationOnly: false, seatsPerOrganisation: 1);
        var holder = RegistrationAppFactory.ValidInput($"holder.{Guid.NewGuid():N}@example.org", edition);
        holder.Organisation = "Klaster Jug";
        var mover = RegistrationAppFactory.ValidInput($"mover.{Guid.NewGuid():N}@example.org", edition);
        mover.Organisation = "Klaster Sever";
        Assert.True((await app.Writer.RegisterAsync(edition.Id, holder, RegistrationCaller.Attendee(null))).Succeeded);
        var moved = await app.Writer.RegisterAsync(edition.Id, mover, RegistrationCaller.Attendee(null));
        var stored = (await app.Registrations.FindByTokenAsync(moved.ManageToken!))!;
        var edit = RegistrationInput.From(stored);
        edit.Organisation = "  KLASTER jug ";

        var errors = await app.Lifecycle.UpdateAsync(stored.Id, edit, RegistrationCaller.Attendee(null));

        Assert.Equal([RegistrationWriter.OrganisationFullMessage], errors[nameof(RegistrationInput.Organisation)]);
        Assert.Equal("Klaster Sever", await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == stored.Id).Select(r => r.Organisation).SingleAsync()));
        // Another free organisation is fine.
        edit.Organisation = "Klaster Istok";
        Assert.Empty(await app.Lifecycle.UpdateAsync(stored.Id, edit, RegistrationCaller.Attendee(null)));
    }

    private static PublicRegistrationRequest Request(string email, Edition edition, string organisation) => new(
        "Jelena", "Marković", email, organisation, OrganisationType.ClusterOrganisation, "Cluster manager", "RS", null, null,
        [edition.StartDate], null, null, PrivacyConsent: true, NetworkingConsent: false, "en");

    private static IEnumerable<(string, string)> FormFields(string email, Edition edition) =>
    [
        ("FirstName", "Ana"), ("LastName", "Đorđević"), ("Email", email), ("Organisation", "Klaster Jug"),
        ("OrganisationType", nameof(OrganisationType.ClusterOrganisation)), ("JobTitle", "Cluster manager"), ("CountryCode", "RS"),
        ("DaysAttending", edition.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("PrivacyConsent", "true"),
    ];

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"[?&]invitation=([^&]+)")]
    private static partial Regex InvitationParameter();
}
