using System.Text;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Registrations;

public sealed class RegistrationQuestionsTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static readonly RegistrationCaller Attendee = RegistrationCaller.Attendee(null);

    private QuestionService Questions => app.Services.GetRequiredService<QuestionService>();

    /// <summary>
    /// dinner (checkbox) → menu (single choice, required, shown if dinner ticked; Fish has limited places) →
    /// allergies (long text, required, shown if menu = Fish); visit (single choice with limited places); topic (short text).
    /// </summary>
    private async Task<Form> CreateFormAsync(int? capacity = 1000, int fishPlaces = 50, int visitPlaces = 5)
    {
        var (edition, _) = await app.CreateEditionAsync(capacity);
        var dinner = await SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.Checkbox, Label = "I attend the conference dinner" });
        var menu = await SaveAsync(edition.Id, new QuestionDraft
        {
            Kind = QuestionKind.SingleChoice, Label = "Dinner menu", LabelSr = "Meni za večeru", IsRequired = true, ShowIfQuestionId = dinner.Id,
            Choices = [new() { Label = "Meat" }, new() { Label = "Fish", Capacity = fishPlaces }, new() { Label = "Vegetarian" }],
        });
        var fish = menu.Choices.Single(c => c.Label == "Fish");
        var allergies = await SaveAsync(edition.Id, new QuestionDraft
        {
            Kind = QuestionKind.LongText, Label = "Fish allergies", IsRequired = true, ShowIfQuestionId = menu.Id, ShowIfChoiceId = fish.Id,
        });
        var visit = await SaveAsync(edition.Id, new QuestionDraft
        {
            Kind = QuestionKind.SingleChoice, Label = "Site visit",
            Choices = [new() { Label = "Niš Tech Park", Capacity = visitPlaces }, new() { Label = "Niš Fortress" }],
        });
        var topic = await SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.ShortText, Label = "Topic you bring" });
        return new Form(edition, dinner, menu, fish, allergies, visit, visit.Choices[0], visit.Choices[1], topic);
    }

    private sealed record Form(
        Edition Edition, RegistrationQuestion Dinner, RegistrationQuestion Menu, QuestionChoice Fish, RegistrationQuestion Allergies,
        RegistrationQuestion Visit, QuestionChoice TechPark, QuestionChoice Fortress, RegistrationQuestion Topic);

    private async Task<RegistrationQuestion> SaveAsync(int editionId, QuestionDraft draft)
    {
        var errors = await Questions.SaveAsync(editionId, draft);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        return (await Questions.ListAsync(editionId)).Single(q => q.Id == draft.Id);
    }

    private static RegistrationInput WithAnswers(string email, Form form, params (int QuestionId, AnswerInput Answer)[] answers)
    {
        var input = RegistrationAppFactory.ValidInput(email, form.Edition);
        foreach (var (id, answer) in answers) input.Answers[id] = answer;
        return input;
    }

    private async Task<List<RegistrationAnswer>> AnswersAsync(int registrationId)
    {
        await using var db = await app.DbAsync();
        return await db.RegistrationAnswers.Where(a => a.RegistrationId == registrationId).ToListAsync();
    }

    private async Task<int> TakenAsync(int choiceId)
    {
        await using var db = await app.DbAsync();
        return await db.QuestionChoices.Where(c => c.Id == choiceId).Select(c => c.Taken).SingleAsync();
    }

    [Fact]
    public async Task RegisterAsync_WhenAnswersGiven_StoresThemAndExportsThemInJsonAndCsv()
    {
        var form = await CreateFormAsync();
        var input = WithAnswers("answers@example.org", form,
            (form.Dinner.Id, new AnswerInput { Checked = true }),
            (form.Menu.Id, new AnswerInput { ChoiceIds = [form.Fish.Id] }),
            (form.Allergies.Id, new AnswerInput { Value = "Shellfish, <b>not</b> cod" }),
            (form.Visit.Id, new AnswerInput { ChoiceIds = [form.Fortress.Id] }),
            (form.Topic.Id, new AnswerInput { Value = "Кластери и иновације" }));

        var result = await app.Writer.RegisterAsync(form.Edition.Id, input, Attendee);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var stored = await AnswersAsync(result.RegistrationId!.Value);
        Assert.Equal(5, stored.Count);
        Assert.Equal("yes", stored.Single(a => a.QuestionId == form.Dinner.Id).Value);
        Assert.Equal(form.Fish.Id, stored.Single(a => a.QuestionId == form.Menu.Id).ChoiceId);
        Assert.Equal("Shellfish, <b>not</b> cod", stored.Single(a => a.QuestionId == form.Allergies.Id).Value);
        Assert.Equal(1, await TakenAsync(form.Fish.Id));
        Assert.Equal(1, await TakenAsync(form.Fortress.Id));

        using var client = app.CreateClient();
        var json = await client.GetStringAsync($"/manage/{result.ManageToken}/data.json");
        Assert.Contains("\"question\": \"Dinner menu\"", json);
        Assert.Contains("\"answer\": \"Fish\"", json);
        Assert.Contains("Кластери и иновације", json);

        var csv = Encoding.UTF8.GetString(await app.Services.GetRequiredService<RegistrationDesk>().ExportCsvAsync(new DeskFilter(form.Edition.Id)));
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.EndsWith("I attend the conference dinner,Dinner menu,Fish allergies,Site visit,Topic you bring", lines[0]);
        Assert.EndsWith("yes,Fish,\"Shellfish, <b>not</b> cod\",Niš Fortress,Кластери и иновације", lines[1]);
    }

    [Fact]
    public async Task RegisterAsync_WhenConditionalQuestionsHidden_NeitherRequiresNorStoresTheirAnswers()
    {
        var form = await CreateFormAsync();
        // The menu and the allergies are answered, but the dinner is not ticked: both are hidden.
        var input = WithAnswers("hidden@example.org", form,
            (form.Menu.Id, new AnswerInput { ChoiceIds = [form.Fish.Id] }),
            (form.Allergies.Id, new AnswerInput { Value = "Shellfish" }));

        var result = await app.Writer.RegisterAsync(form.Edition.Id, input, Attendee);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Empty(await AnswersAsync(result.RegistrationId!.Value));
        Assert.Equal(0, await TakenAsync(form.Fish.Id));
    }

    [Fact]
    public async Task RegisterAsync_WhenShownConditionalQuestionUnanswered_ReturnsItsFieldErrorAndStoresNothing()
    {
        var form = await CreateFormAsync();
        var input = WithAnswers("shown@example.org", form,
            (form.Dinner.Id, new AnswerInput { Checked = true }),
            (form.Menu.Id, new AnswerInput { ChoiceIds = [form.Fish.Id] }));

        var result = await app.Writer.RegisterAsync(form.Edition.Id, input, Attendee);

        Assert.Equal(RegisterOutcome.Invalid, result.Outcome);
        Assert.Equal(["This field is required."], result.Errors[QuestionRules.FieldOf(form.Allergies.Id)]);
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Registrations.CountAsync(r => r.EditionId == form.Edition.Id));
        Assert.Equal(0, await TakenAsync(form.Fish.Id));
    }

    [Fact]
    public async Task RegisterAsync_WhenChoiceOfAnotherQuestionGiven_RefusesIt()
    {
        var form = await CreateFormAsync();
        var input = WithAnswers("foreign@example.org", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.Fish.Id] }));

        var result = await app.Writer.RegisterAsync(form.Edition.Id, input, Attendee);

        Assert.Equal(["Choose an option from the list."], result.Errors[QuestionRules.FieldOf(form.Visit.Id)]);
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Registrations.CountAsync(r => r.EditionId == form.Edition.Id));
    }

    [Fact]
    public async Task RegisterAsync_When40InParallelForAChoiceWith7Places_ExactlySevenGetItAndTheOthersStoreNothing()
    {
        const int places = 7, people = 40;
        var form = await CreateFormAsync(visitPlaces: places);
        var service = app.Writer;
        using var start = new ManualResetEventSlim(false);

        var tasks = Enumerable.Range(1, people).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await service.RegisterAsync(form.Edition.Id,
                WithAnswers($"visit{i}@parallel.example", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(places, results.Count(r => r.Succeeded));
        var refused = results.Where(r => !r.Succeeded).ToList();
        Assert.Equal(people - places, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(RegisterOutcome.Invalid, r.Outcome);
            Assert.Equal([QuestionRules.ChoiceFullMessage], r.Errors[QuestionRules.FieldOf(form.Visit.Id)]);
        });
        await using var db = await app.DbAsync();
        var stored = await db.Registrations.Where(r => r.EditionId == form.Edition.Id).Select(r => r.Id).ToListAsync();
        Assert.Equal(places, stored.Count);
        Assert.Equal(places, await db.RegistrationAnswers.CountAsync(a => a.ChoiceId == form.TechPark.Id));
        Assert.Equal(places, await TakenAsync(form.TechPark.Id));
        // The refused ones took no edition seat either.
        Assert.Equal(places, (await db.EditionSeatCounters.SingleAsync(c => c.EditionId == form.Edition.Id)).Confirmed);

        // A cancellation frees exactly one place, which the next person gets.
        Assert.True(await app.Lifecycle.CancelAsync(stored[0], Attendee));
        Assert.Equal(places - 1, await TakenAsync(form.TechPark.Id));
        var late = await service.RegisterAsync(form.Edition.Id,
            WithAnswers("late@parallel.example", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        Assert.True(late.Succeeded);
        Assert.Equal(places, await TakenAsync(form.TechPark.Id));
        var full = await service.RegisterAsync(form.Edition.Id,
            WithAnswers("later@parallel.example", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        Assert.Equal(RegisterOutcome.Invalid, full.Outcome);
    }

    [Fact]
    public async Task UpdateAsync_WhenAnswersChangedFromManageLink_MovesPlacesAndRefusesAFullChoice()
    {
        var form = await CreateFormAsync(visitPlaces: 1);
        var holder = await app.Writer.RegisterAsync(form.Edition.Id,
            WithAnswers("holder@example.org", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        var mover = await app.Writer.RegisterAsync(form.Edition.Id,
            WithAnswers("mover@example.org", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.Fortress.Id] })), Attendee);
        Assert.True(holder.Succeeded && mover.Succeeded);

        // Into the full choice: refused, nothing changes.
        var edit = WithAnswers("mover@example.org", form, (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] }));
        edit.Organisation = "Changed at the same time";
        var errors = await app.Lifecycle.UpdateAsync(mover.RegistrationId!.Value, edit, Attendee);
        Assert.Equal([QuestionRules.ChoiceFullMessage], errors[QuestionRules.FieldOf(form.Visit.Id)]);
        Assert.Equal(form.Fortress.Id, (await AnswersAsync(mover.RegistrationId.Value)).Single().ChoiceId);
        Assert.Equal("Klaster Niš", (await app.Registrations.FindAsync(mover.RegistrationId.Value))!.Organisation);
        Assert.Equal(1, await TakenAsync(form.TechPark.Id));
        Assert.Equal(1, await TakenAsync(form.Fortress.Id));

        // The holder moves away: the place is freed, then the mover can take it.
        Assert.Empty(await app.Lifecycle.UpdateAsync(holder.RegistrationId!.Value,
            WithAnswers("holder@example.org", form, (form.Topic.Id, new AnswerInput { Value = "Green transition" })), Attendee));
        Assert.Equal(0, await TakenAsync(form.TechPark.Id));
        Assert.Equal("Green transition", (await AnswersAsync(holder.RegistrationId.Value)).Single().Value);

        Assert.Empty(await app.Lifecycle.UpdateAsync(mover.RegistrationId.Value, edit, Attendee));
        Assert.Equal(form.TechPark.Id, (await AnswersAsync(mover.RegistrationId.Value)).Single().ChoiceId);
        Assert.Equal(1, await TakenAsync(form.TechPark.Id));
        Assert.Equal(0, await TakenAsync(form.Fortress.Id));
        await using var db = await app.DbAsync();
        Assert.Contains(await db.RegistrationAuditEntries.Where(a => a.RegistrationId == mover.RegistrationId && a.Action == "Edited").Select(a => a.Details).ToListAsync(),
            d => d!.Contains("Answers"));
    }

    [Fact]
    public async Task EraseAsync_WhenRegistrationHasAnswers_RemovesTypedAnswersKeepsChoicesAndFreesPlaces()
    {
        var form = await CreateFormAsync();
        var result = await app.Writer.RegisterAsync(form.Edition.Id, WithAnswers("erase@example.org", form,
            (form.Dinner.Id, new AnswerInput { Checked = true }),
            (form.Menu.Id, new AnswerInput { ChoiceIds = [form.Fish.Id] }),
            (form.Allergies.Id, new AnswerInput { Value = "Shellfish" }),
            (form.Topic.Id, new AnswerInput { Value = "My private topic" })), Attendee);
        Assert.Equal(1, await TakenAsync(form.Fish.Id));

        await app.Privacy.EraseAsync(result.RegistrationId!.Value, Attendee);

        var left = await AnswersAsync(result.RegistrationId.Value);
        Assert.DoesNotContain(left, a => a.QuestionId == form.Allergies.Id || a.QuestionId == form.Topic.Id);
        Assert.Contains(left, a => a.ChoiceId == form.Fish.Id);
        Assert.Contains(left, a => a.QuestionId == form.Dinner.Id);
        Assert.Equal(0, await TakenAsync(form.Fish.Id));
    }

    [Fact]
    public async Task SaveAsync_WhenDraftIsInvalid_ReturnsFieldErrorsAndStoresNothing()
    {
        var (edition, _) = await app.CreateEditionAsync(10);
        var later = await SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.Checkbox, Label = "Later" });

        Assert.Equal("This field is required.", (await Questions.SaveAsync(edition.Id, new QuestionDraft { Label = "  " }))["Label"]);
        Assert.Equal("Add at least one choice.", (await Questions.SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.MultipleChoice, Label = "Visits" }))["Choices"]);
        var duplicate = await Questions.SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.SingleChoice, Label = "Menu", Choices = [new() { Label = "Fish" }, new() { Label = "fish" }] });
        Assert.Equal("Another choice already has this label.", duplicate["Choice1"]);
        var negative = await Questions.SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.SingleChoice, Label = "Menu", Choices = [new() { Label = "Fish", Capacity = -1 }] });
        Assert.Contains("between 0 and 100,000", negative["Choice0"]);

        // A question may only depend on one above it; "later" is the last, so an existing question cannot depend on a new one.
        var first = await SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.Checkbox, Label = "First" });
        var backwards = QuestionDraft.From(later);
        backwards.ShowIfQuestionId = first.Id;
        Assert.Equal("A question can only depend on a question above it.", (await Questions.SaveAsync(edition.Id, backwards))["Condition"]);
        var onText = await SaveAsync(edition.Id, new QuestionDraft { Kind = QuestionKind.ShortText, Label = "Text" });
        Assert.Equal("Choose a choice or checkbox question of this edition.",
            (await Questions.SaveAsync(edition.Id, new QuestionDraft { Label = "Child", ShowIfQuestionId = onText.Id }))["Condition"]);

        Assert.Equal(["Later", "First", "Text"], (await Questions.ListAsync(edition.Id)).Select(q => q.Label));
    }

    [Fact]
    public async Task DeleteAndEdit_WhenQuestionOrChoiceHasAnswers_AreRefusedAndNoAnswerIsLost()
    {
        var form = await CreateFormAsync();
        var result = await app.Writer.RegisterAsync(form.Edition.Id, WithAnswers("keep@example.org", form,
            (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        Assert.True(result.Succeeded);

        Assert.Contains("cannot be deleted", await Questions.DeleteAsync(form.Edition.Id, form.Visit.Id));
        Assert.Contains("shown depending on this question", await Questions.DeleteAsync(form.Edition.Id, form.Dinner.Id));

        var withoutTechPark = QuestionDraft.From(form.Visit);
        withoutTechPark.Choices.RemoveAll(c => c.Id == form.TechPark.Id);
        Assert.Contains("cannot be removed", (await Questions.SaveAsync(form.Edition.Id, withoutTechPark))["Choices"]);
        var otherKind = QuestionDraft.From(form.Visit);
        otherKind.Kind = QuestionKind.ShortText;
        Assert.Equal("This question already has answers, so its type cannot change.", (await Questions.SaveAsync(form.Edition.Id, otherKind))["Kind"]);
        var fewer = QuestionDraft.From(form.Visit);
        fewer.Choices[0].Capacity = 0;
        Assert.Contains("already taken", (await Questions.SaveAsync(form.Edition.Id, fewer))["Choice0"]);

        Assert.Equal(form.TechPark.Id, (await AnswersAsync(result.RegistrationId!.Value)).Single().ChoiceId);
        Assert.Equal(5, (await Questions.ListAsync(form.Edition.Id)).Count);

        // Renaming a choice and raising its places is fine and keeps the answer and the count.
        var renamed = QuestionDraft.From(form.Visit);
        renamed.Choices[0].Label = "Niš Science and Technology Park";
        renamed.Choices[0].Capacity = 9;
        Assert.Empty(await Questions.SaveAsync(form.Edition.Id, renamed));
        Assert.Equal(1, await TakenAsync(form.TechPark.Id));

        // The unanswered topic question goes.
        Assert.Null(await Questions.DeleteAsync(form.Edition.Id, form.Topic.Id));
        Assert.Equal(4, (await Questions.ListAsync(form.Edition.Id)).Count);
    }

    [Fact]
    public async Task MoveAsync_WhenDependentWouldGoAboveItsCondition_IsRefused()
    {
        var form = await CreateFormAsync();

        Assert.NotNull(await Questions.MoveAsync(form.Edition.Id, form.Menu.Id, -1));
        Assert.Null(await Questions.MoveAsync(form.Edition.Id, form.Topic.Id, -1));

        Assert.Equal([form.Dinner.Id, form.Menu.Id, form.Allergies.Id, form.Topic.Id, form.Visit.Id], (await Questions.ListAsync(form.Edition.Id)).Select(q => q.Id));
    }

    [Fact]
    public async Task CloneAsync_WhenEditionHasQuestions_CopiesQuestionsChoicesAndConditionsButNoAnswersOrPlaces()
    {
        var form = await CreateFormAsync();
        await app.Writer.RegisterAsync(form.Edition.Id, WithAnswers("clone@example.org", form,
            (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] })), Attendee);
        var input = EditionService.ToInput(form.Edition);
        input.Ordinal = 10;
        input.Slug = "clone-" + Guid.NewGuid().ToString("N")[..8];
        input.StartDate = new DateTime(2028, 9, 20);
        input.EndDate = new DateTime(2028, 9, 21);
        input.RegistrationOpens = null;
        input.RegistrationCloses = null;

        var saved = await app.Services.GetRequiredService<EditionService>().CloneAsync(form.Edition.Id, input);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        var copies = await Questions.ListAsync(saved.EditionId!.Value);
        Assert.Equal(["I attend the conference dinner", "Dinner menu", "Fish allergies", "Site visit", "Topic you bring"], copies.Select(q => q.Label));
        var menu = copies[1];
        Assert.Equal("Meni za večeru", menu.LabelSr);
        Assert.Equal(copies[0].Id, menu.ShowIfQuestionId);
        var fish = menu.Choices.Single(c => c.Label == "Fish");
        Assert.NotEqual(form.Fish.Id, fish.Id);
        Assert.Equal(50, fish.Capacity);
        Assert.Equal(menu.Id, copies[2].ShowIfQuestionId);
        Assert.Equal(fish.Id, copies[2].ShowIfChoiceId);
        Assert.All(copies.SelectMany(q => q.Choices), c => Assert.Equal(0, c.Taken));
        await using var db = await app.DbAsync();
        var copyIds = copies.Select(q => q.Id).ToList();
        Assert.Equal(0, await db.RegistrationAnswers.CountAsync(a => copyIds.Contains(a.QuestionId)));
    }
    [Fact]
    public async Task Pages_WhenEditionHasQuestions_FormSaysWhenTheConditionalOnesApplyAndManagePageShowsTheAnswers()
    {
        var form = await CreateFormAsync(visitPlaces: 1);
        var result = await app.Writer.RegisterAsync(form.Edition.Id, WithAnswers("pages@example.org", form,
            (form.Visit.Id, new AnswerInput { ChoiceIds = [form.TechPark.Id] }),
            (form.Topic.Id, new AnswerInput { Value = "<i>Blue</i> economy" })), Attendee);
        Assert.True(result.Succeeded);
        using var client = app.CreateClient();

        var register = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/e/{form.Edition.Slug}/register"));
        Assert.Contains("I attend the conference dinner", register);
        // The static form cannot show a question live: the conditional ones are there, each saying when it applies.
        Assert.Contains("Dinner menu", register);
        Assert.Contains("Answer only if you ticked “I attend the conference dinner”.", register);
        Assert.Contains("Answer only if you chose “Fish” for “Dinner menu”.", register);
        Assert.Contains("Niš Tech Park (full)", register);

        var manageHtml = await client.GetStringAsync($"/manage/{result.ManageToken}");
        var manage = System.Net.WebUtility.HtmlDecode(manageHtml);
        Assert.Contains("Topic you bring", manage);
        Assert.Contains("<i>Blue</i> economy", manage);
        Assert.DoesNotContain("<i>Blue</i>", manageHtml);
        // The holder's own place is not shown to them as full.
        Assert.Contains("Niš Tech Park (0 places left)", manage);
    }
}
