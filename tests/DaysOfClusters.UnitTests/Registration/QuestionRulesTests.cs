using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.UnitTests.Registrations;

public sealed class QuestionRulesTests
{
    // 1 dinner (checkbox) → 2 menu (single choice, shown if dinner ticked) → 3 allergy details (long text, shown if menu = Fish)
    // 4 site visits (multiple choice), 5 guests (number, required), 6 arrival (date), 7 topic (short text, required)
    private static readonly RegistrationQuestion Dinner = new() { Id = 1, Kind = QuestionKind.Checkbox, Label = "Conference dinner", SortOrder = 1 };

    private static readonly RegistrationQuestion Menu = new()
    {
        Id = 2, Kind = QuestionKind.SingleChoice, Label = "Menu", SortOrder = 2, IsRequired = true, ShowIfQuestionId = 1,
        Choices = [new() { Id = 21, QuestionId = 2, Label = "Meat" }, new() { Id = 22, QuestionId = 2, Label = "Fish" }, new() { Id = 23, QuestionId = 2, Label = "Vegetarian" }],
    };

    private static readonly RegistrationQuestion FishDetails = new()
    {
        Id = 3, Kind = QuestionKind.LongText, Label = "Fish allergies", SortOrder = 3, IsRequired = true, ShowIfQuestionId = 2, ShowIfChoiceId = 22,
    };

    private static readonly RegistrationQuestion Visits = new()
    {
        Id = 4, Kind = QuestionKind.MultipleChoice, Label = "Site visits", SortOrder = 4,
        Choices = [new() { Id = 41, QuestionId = 4, Label = "Tech park" }, new() { Id = 42, QuestionId = 4, Label = "Fortress" }],
    };

    private static readonly RegistrationQuestion Guests = new() { Id = 5, Kind = QuestionKind.Number, Label = "Guests", SortOrder = 5, IsRequired = true };
    private static readonly RegistrationQuestion Arrival = new() { Id = 6, Kind = QuestionKind.Date, Label = "Arrival", SortOrder = 6 };
    private static readonly RegistrationQuestion Topic = new() { Id = 7, Kind = QuestionKind.ShortText, Label = "Topic", SortOrder = 7, IsRequired = true };

    private static readonly IReadOnlyList<RegistrationQuestion> All = [Dinner, Menu, FishDetails, Visits, Guests, Arrival, Topic];

    private static Dictionary<int, AnswerInput> Minimal() => new()
    {
        [5] = new() { Value = "0" },
        [7] = new() { Value = "Smart specialisation" },
    };

    [Fact]
    public void Visible_WhenParentCheckboxUnticked_HidesTheWholeChain()
    {
        var visible = QuestionRules.Visible(All, Minimal()).Select(q => q.Id);

        Assert.Equal([1, 4, 5, 6, 7], visible);
    }

    [Fact]
    public void Visible_WhenCheckboxTicked_ShowsChildButNotGrandchildUntilItsChoiceIsPicked()
    {
        var answers = Minimal();
        answers[1] = new() { Checked = true };
        Assert.Equal([1, 2, 4, 5, 6, 7], QuestionRules.Visible(All, answers).Select(q => q.Id));

        answers[2] = new() { ChoiceIds = [21] };
        Assert.DoesNotContain(3, QuestionRules.Visible(All, answers).Select(q => q.Id));

        answers[2] = new() { ChoiceIds = [22] };
        Assert.Contains(3, QuestionRules.Visible(All, answers).Select(q => q.Id));
    }

    [Fact]
    public void IsVisible_WhenParentHiddenEvenThoughItsAnswerMatches_IsHidden()
    {
        // Menu = Fish is still in the input from before, but the dinner was unticked afterwards.
        var answers = Minimal();
        answers[1] = new() { Checked = false };
        answers[2] = new() { ChoiceIds = [22] };

        Assert.False(QuestionRules.IsVisible(FishDetails, All.ToDictionary(q => q.Id), answers));
    }

    [Fact]
    public void Evaluate_WhenConditionalQuestionHidden_NeitherRequiresNorStoresIt()
    {
        var answers = Minimal();
        answers[2] = new() { ChoiceIds = [22] };            // answered, but dinner not ticked: hidden
        answers[3] = new() { Value = "Shellfish" };          // hidden too

        var (errors, stored) = QuestionRules.Evaluate(All, answers);

        Assert.Empty(errors);
        Assert.DoesNotContain(stored, a => a.QuestionId is 2 or 3);
        Assert.Equal([5, 7], stored.Select(a => a.QuestionId).Order());
    }

    [Fact]
    public void Evaluate_WhenShownConditionalRequiredQuestionIsEmpty_ReturnsItsFieldError()
    {
        var answers = Minimal();
        answers[1] = new() { Checked = true };

        var (errors, stored) = QuestionRules.Evaluate(All, answers);

        Assert.Equal(["Choose an option."], errors[QuestionRules.FieldOf(2)]);
        Assert.Empty(stored);
    }

    [Fact]
    public void Evaluate_WhenEverythingAnswered_StoresNormalisedValuesAndOneRowPerChoice()
    {
        var answers = new Dictionary<int, AnswerInput>
        {
            [1] = new() { Checked = true },
            [2] = new() { ChoiceIds = [22] },
            [3] = new() { Value = "  No shellfish,\nplease  " },
            [4] = new() { ChoiceIds = [42, 41] },
            [5] = new() { Value = "2,5" },
            [6] = new() { Value = "2027-10-13" },
            [7] = new() { Value = "Клaстери" },
        };

        var (errors, stored) = QuestionRules.Evaluate(All, answers);

        Assert.Empty(errors);
        Assert.Equal("yes", stored.Single(a => a.QuestionId == 1).Value);
        Assert.Equal(22, stored.Single(a => a.QuestionId == 2).ChoiceId);
        Assert.Equal("No shellfish,\nplease", stored.Single(a => a.QuestionId == 3).Value);
        Assert.Equal([41, 42], stored.Where(a => a.QuestionId == 4).Select(a => a.ChoiceId!.Value).Order());
        Assert.Equal("2.5", stored.Single(a => a.QuestionId == 5).Value);
        Assert.Equal("2027-10-13", stored.Single(a => a.QuestionId == 6).Value);
        Assert.Equal("Клaстери", stored.Single(a => a.QuestionId == 7).Value);
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("--3")]
    public void Evaluate_WhenNumberMalformed_ReturnsNumberError(string value)
    {
        var answers = Minimal();
        answers[5] = new() { Value = value };

        var (errors, stored) = QuestionRules.Evaluate(All, answers);

        Assert.Equal(["Enter a number, like 12 or 3.5."], errors[QuestionRules.FieldOf(5)]);
        Assert.Empty(stored);
    }

    [Theory]
    [InlineData("13.10.2027")]
    [InlineData("2027-02-30")]
    [InlineData("tomorrow")]
    public void Evaluate_WhenDateMalformed_ReturnsDateError(string value)
    {
        var answers = Minimal();
        answers[6] = new() { Value = value };

        var (errors, _) = QuestionRules.Evaluate(All, answers);

        Assert.Equal(["Enter a date as YYYY-MM-DD."], errors[QuestionRules.FieldOf(6)]);
    }

    [Fact]
    public void Evaluate_WhenChoiceBelongsToAnotherQuestion_RefusesIt()
    {
        var answers = Minimal();
        answers[4] = new() { ChoiceIds = [41, 22] }; // 22 is a menu choice

        var (errors, _) = QuestionRules.Evaluate(All, answers);

        Assert.Equal(["Choose an option from the list."], errors[QuestionRules.FieldOf(4)]);
    }

    [Fact]
    public void Evaluate_WhenSingleChoiceHasTwoChoices_RefusesIt()
    {
        var answers = Minimal();
        answers[1] = new() { Checked = true };
        answers[2] = new() { ChoiceIds = [21, 23] };

        var (errors, _) = QuestionRules.Evaluate(All, answers);

        Assert.Equal(["Choose only one option."], errors[QuestionRules.FieldOf(2)]);
    }

    [Fact]
    public void Evaluate_WhenRequiredFieldsEmpty_ReturnsRequiredErrors()
    {
        var (errors, _) = QuestionRules.Evaluate(All, new Dictionary<int, AnswerInput> { [7] = new() { Value = "   " } });

        Assert.Equal(["This field is required."], errors[QuestionRules.FieldOf(5)]);
        Assert.Equal(["This field is required."], errors[QuestionRules.FieldOf(7)]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Evaluate_WhenRequiredNotEnforced_AcceptsEmptyButStillChecksFormat()
    {
        var (errors, stored) = QuestionRules.Evaluate(All, new Dictionary<int, AnswerInput>(), enforceRequired: false);
        Assert.Empty(errors);
        Assert.Empty(stored);

        var (formatErrors, _) = QuestionRules.Evaluate(All, new Dictionary<int, AnswerInput> { [5] = new() { Value = "many" } }, enforceRequired: false);
        Assert.Single(formatErrors);
    }

    [Fact]
    public void Evaluate_WhenRequiredCheckboxUnticked_AsksToTickIt()
    {
        RegistrationQuestion photo = new() { Id = 9, Kind = QuestionKind.Checkbox, Label = "Photo policy", IsRequired = true, SortOrder = 1 };

        var (errors, _) = QuestionRules.Evaluate([photo], new Dictionary<int, AnswerInput>());

        Assert.Equal(["Please tick this box."], errors[QuestionRules.FieldOf(9)]);
    }

    [Fact]
    public void Evaluate_WhenTextTooLongOrHasControlCharacters_RefusesIt()
    {
        var answers = Minimal();
        answers[7] = new() { Value = new string('a', 201) };
        Assert.Equal(["At most 200 characters."], QuestionRules.Evaluate(All, answers).Errors[QuestionRules.FieldOf(7)]);

        answers[7] = new() { Value = "line\nbreak" };
        Assert.Equal(["Remove the control characters."], QuestionRules.Evaluate(All, answers).Errors[QuestionRules.FieldOf(7)]);
    }

    [Fact]
    public void Evaluate_WhenAnswerForUnknownQuestion_IgnoresIt()
    {
        var answers = Minimal();
        answers[999] = new() { Value = "injected" };

        var (errors, stored) = QuestionRules.Evaluate(All, answers);

        Assert.Empty(errors);
        Assert.DoesNotContain(stored, a => a.QuestionId == 999);
    }

    [Fact]
    public void ToInputAndDescribe_RoundTripStoredAnswers()
    {
        List<RegistrationAnswer> stored =
        [
            new() { QuestionId = 1, Value = "yes" }, new() { QuestionId = 4, ChoiceId = 42 }, new() { QuestionId = 4, ChoiceId = 41 }, new() { QuestionId = 5, Value = "3" },
        ];

        var input = QuestionRules.ToInput(stored, All);

        Assert.True(input[1].Checked);
        Assert.Equal([42, 41], input[4].ChoiceIds);
        Assert.Equal("3", input[5].Value);
        Assert.Equal("Tech park; Fortress", QuestionRules.Describe(Visits, stored));
        Assert.Equal("yes", QuestionRules.Describe(Dinner, stored));
        Assert.Equal("", QuestionRules.Describe(Topic, stored));
    }
}
