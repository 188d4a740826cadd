using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>
/// The public form and the manage page are static pages posting plain HTML forms: what a browser without JavaScript does,
/// done here with HTTP (GET the page, take the antiforgery token and the form's hidden fields, POST the fields by name).
/// </summary>
public sealed partial class StaticRegistrationFormTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private QuestionService Questions => app.Services.GetRequiredService<QuestionService>();

    [Fact]
    public async Task RegisterPost_WhenEveryRequiredFieldAndTheShownQuestionsAreAnswered_StoresTheRegistrationAndItsAnswers()
    {
        var (edition, dinner, menu, fish) = await EditionWithQuestionsAsync();
        using var client = app.CreateClient();
        var form = await OpenFormAsync(client, $"/e/{edition.Slug}/register");
        var email = $"ana.{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsync($"/e/{edition.Slug}/register", Fields(form, ValidFields(email, edition),
            (RegistrationFormReader.NameOf(dinner.Id), "false"), (RegistrationFormReader.NameOf(dinner.Id), "true"),
            (RegistrationFormReader.NameOf(menu.Id), fish.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-status=\"Confirmed\"", html);
        await using var db = await app.DbAsync();
        var stored = await db.Registrations.SingleAsync(r => r.EditionId == edition.Id && r.Email == email);
        Assert.Equal(("Ana", "Đorđević", "Klaster Jug", "Cluster manager", "RS"), (stored.FirstName, stored.LastName, stored.Organisation, stored.JobTitle, stored.CountryCode));
        Assert.Equal(OrganisationType.ClusterOrganisation, stored.OrganisationType);
        Assert.Equal("2027-10-14,2027-10-15", stored.DaysAttending);
        Assert.Equal("Vegan, no nuts\nand a second line", stored.DietaryNeeds?.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(stored.NetworkingConsent);
        var answers = await Questions.AnswersOfAsync(stored.Id);
        Assert.Contains(answers, a => a.QuestionId == dinner.Id);
        Assert.Contains(answers, a => a.QuestionId == menu.Id && a.ChoiceId == fish.Id);
    }

    [Fact]
    public async Task RegisterPost_WhenFieldsAreMissingOrWrong_AnswersThePageWithErrorsBesideTheFieldsKeepsTheValuesAndStoresNothing()
    {
        var (edition, dinner, menu, _) = await EditionWithQuestionsAsync();
        using var client = app.CreateClient();
        var form = await OpenFormAsync(client, $"/e/{edition.Slug}/register");
        var email = $"broken.{Guid.NewGuid():N}@example.org";
        var fields = ValidFields(email, edition).Where(f => f.Name is not ("JobTitle" or "PrivacyConsent")).ToList();
        fields.RemoveAll(f => f.Name == "Phone");
        fields.Add(("Phone", "call me"));

        // Dinner ticked makes the required menu question apply; it is left unanswered.
        var response = await client.PostAsync($"/e/{edition.Slug}/register", Fields(form, fields, (RegistrationFormReader.NameOf(dinner.Id), "true")));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"form-errors\"", html);
        Assert.Matches(@"data-error=""JobTitle""[^>]*>This field is required\.", html);
        Assert.Matches(@"data-error=""PrivacyConsent""[^>]*>Please accept the privacy notice to register\.", html);
        Assert.Matches(@"data-error=""Phone""[^>]*>Enter a phone number", html);
        Assert.Matches($@"data-error=""{QuestionRules.FieldOf(menu.Id)}""", html);
        // What was typed is back in the fields, the picks are still picked.
        Assert.Matches(@"name=""FirstName""[^>]*value=""Ana""", html);
        Assert.Matches(@"name=""LastName""[^>]*value=""Đorđević""", html);
        Assert.Matches(@"name=""Phone""[^>]*value=""call me""", html);
        Assert.Matches(@"<option value=""RS"" selected", html);
        Assert.Matches(@"<option value=""ClusterOrganisation"" selected", html);
        Assert.Matches(@"name=""DaysAttending"" value=""2027-10-15""[^>]*checked", html);
        Assert.Contains("Vegan, no nuts", html);
        await using var db = await app.DbAsync();
        Assert.False(await db.Registrations.AnyAsync(r => r.EditionId == edition.Id && r.Email == email));
    }

    /// <summary>
    /// A person fills the form while registration is open and sends it after it closed (a deadline passed, an organiser
    /// closed it): the page says so, in the page, and nothing is stored. Before, Blazor answered 400 "no form named
    /// 'register'" in plain text, because the closed page has no form to hand the post to.
    /// </summary>
    [Fact]
    public async Task RegisterPost_WhenRegistrationClosedWhileTheFormWasOpen_AnswersTheClosedPageAndStoresNothing()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        using var client = app.CreateClient();
        var form = await OpenFormAsync(client, $"/e/{edition.Slug}/register");
        await using (var db = await app.DbAsync())
            await db.Editions.Where(e => e.Id == edition.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Closed));
        var email = $"late.{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsync($"/e/{edition.Slug}/register", Fields(form, ValidFields(email, edition)));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("data-testid=\"registration-closed\"", html);
        Assert.Contains("Registration for this edition is not open.", html);
        Assert.Contains("Nothing was registered", html);
        Assert.DoesNotContain("data-testid=\"registration-result\"", html);
        await using var check = await app.DbAsync();
        Assert.False(await check.Registrations.AnyAsync(r => r.EditionId == edition.Id && r.Email == email));
    }

    [Fact]
    public async Task RegisterPost_WhenTheAntiforgeryTokenIsMissing_IsRefusedAndStoresNothing()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        using var client = app.CreateClient();
        var email = $"forged.{Guid.NewGuid():N}@example.org";
        var fields = new List<(string, string)> { ("_handler", "register") };
        fields.AddRange(ValidFields(email, edition));

        var response = await client.PostAsync($"/e/{edition.Slug}/register", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await app.DbAsync();
        Assert.False(await db.Registrations.AnyAsync(r => r.EditionId == edition.Id && r.Email == email));
    }

    [Fact]
    public async Task ManagePost_WhenTheJobTitleIsChanged_SavesItAndAnswersTheUpdatedPage()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"m.{Guid.NewGuid():N}@example.org", edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();
        var page = $"/manage/{result.ManageToken}";
        var form = await OpenFormAsync(client, page, "save");
        var fields = ManageFields(form.Html);
        fields.RemoveAll(f => f.Name == "JobTitle");
        fields.Add(("JobTitle", "Head of innovation"));

        var response = await client.PostAsync(page, Fields(form, fields));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your changes are saved.", html);
        Assert.Matches(@"name=""JobTitle""[^>]*value=""Head of innovation""", html);
        await using var db = await app.DbAsync();
        var stored = await db.Registrations.SingleAsync(r => r.Id == result.RegistrationId);
        Assert.Equal("Head of innovation", stored.JobTitle);
        // Nothing else moved: the fields the page posted back are the ones it showed.
        Assert.Equal(("Milica", "Klaster Niš", "RS", "2027-10-14,2027-10-15"), (stored.FirstName, stored.Organisation, stored.CountryCode, stored.DaysAttending));
    }

    [Fact]
    public async Task ManagePost_WhenCancelIsConfirmedOnTheSecondStep_CancelsTheRegistration()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput($"c.{Guid.NewGuid():N}@example.org", edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();
        var page = $"/manage/{result.ManageToken}";

        // The first step only asks; nothing changes until the confirmation is posted.
        var form = await OpenFormAsync(client, page + "?confirm=cancel", "cancel");
        await using (var db = await app.DbAsync())
            Assert.Equal(RegistrationStatus.Confirmed, (await db.Registrations.SingleAsync(r => r.Id == result.RegistrationId)).Status);
        var response = await client.PostAsync(page + "?confirm=cancel", Fields(form, []));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-status=\"Cancelled\"", html);
        await using var after = await app.DbAsync();
        Assert.Equal(RegistrationStatus.Cancelled, (await after.Registrations.SingleAsync(r => r.Id == result.RegistrationId)).Status);
    }

    [Fact]
    public async Task ManagePost_WhenErasureIsConfirmedOnTheSecondStep_ErasesThePersonalData()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var email = $"e.{Guid.NewGuid():N}@example.org";
        var result = await app.Writer.RegisterAsync(edition.Id, RegistrationAppFactory.ValidInput(email, edition), RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();
        var page = $"/manage/{result.ManageToken}";

        var form = await OpenFormAsync(client, page + "?confirm=erase", "erase");
        var response = await client.PostAsync(page + "?confirm=erase", Fields(form, []));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"erased\"", html);
        Assert.DoesNotContain(email, html);
        await using var db = await app.DbAsync();
        var stored = await db.Registrations.SingleAsync(r => r.Id == result.RegistrationId);
        Assert.NotNull(stored.AnonymisedUtc);
        Assert.NotEqual(email, stored.Email);
    }

    [Fact]
    public async Task OrganisationSuggestions_WhenTwoLettersAreTyped_AnswerDirectoryOrganisationsAsJson()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 10);
        var input = RegistrationAppFactory.ValidInput($"o.{Guid.NewGuid():N}@example.org", edition);
        input.Organisation = "Zlatiborski klaster turizma";
        await app.Writer.RegisterAsync(edition.Id, input, RegistrationCaller.Attendee(null));
        using var client = app.CreateClient();

        var found = await client.GetFromJsonAsync<List<OrganisationSuggestionDto>>("/api/organisations/suggest?q=zlatib");
        var tooShort = await client.GetFromJsonAsync<List<OrganisationSuggestionDto>>("/api/organisations/suggest?q=z");

        Assert.Contains(found!, s => s.Name == "Zlatiborski klaster turizma" && s.Kind == nameof(OrganisationType.ClusterOrganisation));
        Assert.Empty(tooShort!);
    }

    [Fact]
    public async Task Countries_WhenAskedInSerbian_AnswerTheSerbianNamesInSerbianOrder()
    {
        using var client = app.CreateClient();
        using var english = await client.GetAsync("/api/countries");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/countries");
        request.Headers.AcceptLanguage.ParseAdd("sr-Latn");
        using var serbian = await client.SendAsync(request);

        var en = await english.Content.ReadFromJsonAsync<List<CountryDto>>();
        var sr = await serbian.Content.ReadFromJsonAsync<List<CountryDto>>();
        Assert.Contains(en!, c => c.Code == "DE" && c.Name == "Germany");
        Assert.Contains(sr!, c => c.Code == "DE" && c.Name == "Nemačka");
        Assert.Equal(en!.Count, sr!.Count);
    }

    private async Task<(Edition Edition, RegistrationQuestion Dinner, RegistrationQuestion Menu, QuestionChoice Fish)> EditionWithQuestionsAsync()
    {
        var (edition, _) = await app.CreateEditionAsync(capacity: 100);
        await Questions.SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.Checkbox, Label = "I attend the conference dinner" });
        var dinner = (await Questions.ListAsync(edition.Id)).Single();
        await Questions.SaveAsync(edition.Id, new QuestionDraft
        {
            Kind = QuestionKind.SingleChoice, Label = "Dinner menu", IsRequired = true, ShowIfQuestionId = dinner.Id,
            Choices = [new() { Label = "Meat" }, new() { Label = "Fish" }],
        });
        var menu = (await Questions.ListAsync(edition.Id)).Single(q => q.Id != dinner.Id);
        return (edition, dinner, menu, menu.Choices.Single(c => c.Label == "Fish"));
    }

    private static List<(string Name, string Value)> ValidFields(string email, Edition edition) =>
    [
        ("FirstName", "Ana"), ("LastName", "Đorđević"), ("Email", email), ("Phone", "+381 18 123 456"), ("Organisation", "Klaster Jug"),
        ("OrganisationType", nameof(OrganisationType.ClusterOrganisation)), ("JobTitle", "Cluster manager"), ("CountryCode", "RS"),
        ("DaysAttending", edition.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("DaysAttending", edition.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("DietaryNeeds", "Vegan, no nuts\r\nand a second line"), ("NetworkingConsent", "true"), ("PrivacyConsent", "true"),
    ];

    private sealed record OpenForm(string Handler, string Token, string Html);

    /// <summary>GETs the page and takes what the browser would send back: the form's handler name and its antiforgery token.</summary>
    private static async Task<OpenForm> OpenFormAsync(HttpClient client, string path, string handler = "register")
    {
        var html = await client.GetStringAsync(path);
        var form = FormElement().Matches(html).Select(m => m.Value).FirstOrDefault(f => f.Contains($"name=\"_handler\" value=\"{handler}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form {handler} on {path}.");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, $"The form {handler} carries no antiforgery token.");
        return new OpenForm(handler, token.Groups[1].Value, WebUtility.HtmlDecode(form));
    }

    /// <summary>The values the manage form shows, as a browser would post them unchanged.</summary>
    private static List<(string Name, string Value)> ManageFields(string formHtml)
    {
        var fields = new List<(string, string)>();
        foreach (Match input in Regex.Matches(formHtml, @"<input [^>]*>"))
        {
            var tag = input.Value;
            var name = Regex.Match(tag, @"name=""([^""]+)""").Groups[1].Value;
            if (name.Length == 0 || name is "_handler" or "__RequestVerificationToken") continue;
            var value = Regex.Match(tag, @"value=""([^""]*)""").Groups[1].Value;
            var type = Regex.Match(tag, @"type=""([^""]+)""").Groups[1].Value;
            if (type is "checkbox" or "radio" && !Regex.IsMatch(tag, @"\schecked[\s/>]")) continue;
            fields.Add((name, value));
        }
        foreach (Match select in Regex.Matches(formHtml, @"<select [^>]*name=""([^""]+)""[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var selected = Regex.Match(select.Groups[2].Value, @"<option value=""([^""]*)"" selected");
            fields.Add((select.Groups[1].Value, selected.Success ? selected.Groups[1].Value : ""));
        }
        foreach (Match area in Regex.Matches(formHtml, @"<textarea [^>]*name=""([^""]+)""[^>]*>(.*?)</textarea>", RegexOptions.Singleline))
            fields.Add((area.Groups[1].Value, area.Groups[2].Value));
        return fields;
    }

    private static FormUrlEncodedContent Fields(OpenForm form, IEnumerable<(string Name, string Value)> fields, params (string Name, string Value)[] more) =>
        new(new[] { ("_handler", form.Handler), ("__RequestVerificationToken", form.Token) }.Concat(fields).Concat(more)
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [GeneratedRegex(@"<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
