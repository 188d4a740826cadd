using Bunit;
using Microsoft.AspNetCore.Components;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Registration.Pages;

namespace DaysOfClusters.ComponentTests.Registration;

public sealed class RegistrationFieldsQuestionsTests : MudComponentTestBase
{
    private static readonly Edition Edition = new()
    {
        Title = "Clusters for resilience", Slug = "t", HostCity = "Niš", CountryCode = "RS", TimeZoneId = "Europe/Belgrade",
        StartDate = new DateOnly(2027, 10, 14), EndDate = new DateOnly(2027, 10, 15),
    };

    private static readonly IReadOnlyList<Country> Countries = [new() { Code = "RS", Name = "Serbia", Continent = Continent.Europe }];

    private static readonly RegistrationQuestion Dinner = new() { Id = 1, Kind = QuestionKind.Checkbox, Label = "I attend the conference dinner", SortOrder = 1 };

    private static readonly RegistrationQuestion Menu = new()
    {
        Id = 2, Kind = QuestionKind.SingleChoice, Label = "Dinner menu", SortOrder = 2, IsRequired = true, ShowIfQuestionId = 1,
        Choices =
        [
            new() { Id = 21, QuestionId = 2, Label = "Meat", SortOrder = 1 },
            new() { Id = 22, QuestionId = 2, Label = "Fish", SortOrder = 2, Capacity = 10, Taken = 3 },
            new() { Id = 23, QuestionId = 2, Label = "Vegan", SortOrder = 3, Capacity = 5, Taken = 5 },
        ],
    };

    private static readonly RegistrationQuestion Allergies = new()
    {
        Id = 3, Kind = QuestionKind.LongText, Label = "Fish allergies", SortOrder = 3, ShowIfQuestionId = 2, ShowIfChoiceId = 22,
    };

    // The organisers' desk dialog renders the fields interactively; the public form and the manage page render them statically.
    private static readonly RendererInfo Interactive = new("Server", isInteractive: true);
    private static readonly RendererInfo Static = new("Static", isInteractive: false);

    private IRenderedComponent<RegistrationFields> RenderFields(RegistrationInput input, RendererInfo? renderer = null)
    {
        SetRendererInfo(renderer ?? Interactive);
        return Render<RegistrationFields>(p => p
            .Add(f => f.Input, input)
            .Add(f => f.Edition, Edition)
            .Add(f => f.Countries, Countries)
            .Add(f => f.Questions, new List<RegistrationQuestion> { Dinner, Menu, Allergies }));
    }

    private static bool Shows(IRenderedComponent<RegistrationFields> cut, int questionId) => cut.FindAll($"[data-question='{questionId}']").Count > 0;

    [Fact]
    public void Render_WhenCheckboxTickedAndUnticked_ShowsAndHidesTheConditionalQuestionLive()
    {
        var input = new RegistrationInput();
        var cut = RenderFields(input);

        Assert.True(Shows(cut, 1));
        Assert.False(Shows(cut, 2));
        Assert.DoesNotContain("Dinner menu", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-question='1'] input[type=checkbox]").Change(true);

        cut.WaitForAssertion(() => Assert.True(Shows(cut, 2)));
        Assert.Contains("Dinner menu", cut.Markup, StringComparison.Ordinal);
        Assert.True(input.Answers[1].Checked);

        cut.Find("[data-question='1'] input[type=checkbox]").Change(false);

        cut.WaitForAssertion(() => Assert.False(Shows(cut, 2)));
    }

    [Fact]
    public void Render_WhenTheGivenChoiceIsPicked_ShowsItsDependentQuestionAndMarksFullChoices()
    {
        var input = new RegistrationInput { Answers = { [1] = new AnswerInput { Checked = true } } };
        var cut = RenderFields(input);
        Assert.True(Shows(cut, 2));
        Assert.False(Shows(cut, 3));

        // The full vegan menu is offered but cannot be picked; the fish menu says how many places are left.
        var menu = cut.Find("[data-question='2']");
        Assert.Contains("Vegan (full)", menu.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fish (7 places left)", menu.TextContent, StringComparison.Ordinal);
        var radios = cut.FindAll("[data-question='2'] input[type=radio]");
        Assert.Equal(3, radios.Count);
        Assert.True(radios[2].HasAttribute("disabled"));
        Assert.False(radios[1].HasAttribute("disabled"));

        radios[1].Change(true);
        cut.WaitForAssertion(() => Assert.True(Shows(cut, 3)));
        Assert.Equal([22], input.Answers[2].ChoiceIds);

        cut.FindAll("[data-question='2'] input[type=radio]")[0].Change(true);
        cut.WaitForAssertion(() => Assert.False(Shows(cut, 3)));
        Assert.Equal([21], input.Answers[2].ChoiceIds);
    }

    [Fact]
    public void Render_WhenServiceReportsAFullChoice_ShowsTheErrorUnderTheQuestion()
    {
        var input = new RegistrationInput { Answers = { [1] = new AnswerInput { Checked = true }, [2] = new AnswerInput { ChoiceIds = [22] } } };
        SetRendererInfo(Interactive);
        var cut = Render<RegistrationFields>(p => p
            .Add(f => f.Input, input)
            .Add(f => f.Edition, Edition)
            .Add(f => f.Countries, Countries)
            .Add(f => f.Questions, new List<RegistrationQuestion> { Dinner, Menu, Allergies })
            .Add(f => f.Errors, new Dictionary<string, List<string>> { [QuestionRules.FieldOf(2)] = [QuestionRules.ChoiceFullMessage] }));

        Assert.Contains(QuestionRules.ChoiceFullMessage, cut.Find("[data-error='Question2']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenStatic_ShowsEveryQuestionWithWhenItAppliesAndNamesEachInputForThePost()
    {
        var input = new RegistrationInput { FirstName = "Ana", CountryCode = "RS", Answers = { [2] = new AnswerInput { ChoiceIds = [22] } } };
        var cut = RenderFields(input, Static);

        // Without a circuit nothing can appear live: the conditional questions are all there, each saying when it applies.
        Assert.True(Shows(cut, 1) && Shows(cut, 2) && Shows(cut, 3));
        Assert.Contains("Answer only if you ticked “I attend the conference dinner”.", cut.Find("[data-question='2']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Answer only if you chose “Fish” for “Dinner menu”.", cut.Find("[data-question='3']").TextContent, StringComparison.Ordinal);
        // A conditional question is not required by the browser: the server decides from the answers it is sent.
        Assert.False(cut.Find("[data-question='3'] textarea").HasAttribute("required"));

        // Every input posts by the name RegistrationFormReader reads, with the value kept.
        Assert.Equal("Ana", cut.Find("input[name=FirstName]").GetAttribute("value"));
        Assert.Equal(RegistrationFormReader.NameOf(2), cut.Find("[data-question='2'] input[data-choice='22']").GetAttribute("name"));
        Assert.True(cut.Find("[data-question='2'] input[data-choice='22']").HasAttribute("checked"));
        Assert.True(cut.Find("select[name=CountryCode] option[value=RS]").HasAttribute("selected"));
        Assert.Equal(2, cut.FindAll("input[name=DaysAttending]").Count);
    }

    [Fact]
    public void Render_WhenInteractiveInTheDesk_BindsTypedTextAndPickedListsToTheInput()
    {
        var input = new RegistrationInput();
        var cut = RenderFields(input);

        cut.Find("input[name=JobTitle]").Change("Cluster manager");
        cut.Find("select[name=CountryCode]").Change("RS");
        cut.Find("select[name=OrganisationType]").Change(nameof(OrganisationType.AcademiaResearch));
        cut.FindAll("input[name=DaysAttending]")[1].Change(true);

        Assert.Equal("Cluster manager", input.JobTitle);
        Assert.Equal("RS", input.CountryCode);
        Assert.Equal(OrganisationType.AcademiaResearch, input.OrganisationType);
        Assert.Equal([Edition.EndDate], input.DaysAttending);
    }
}
