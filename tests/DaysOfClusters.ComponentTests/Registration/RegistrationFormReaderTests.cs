using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DaysOfClusters.ComponentTests.Registration;

public sealed class RegistrationFormReaderTests
{
    private static readonly List<RegistrationQuestion> Questions =
    [
        new() { Id = 1, Kind = QuestionKind.Checkbox, Label = "Dinner" },
        new() { Id = 2, Kind = QuestionKind.SingleChoice, Label = "Menu", Choices = [new() { Id = 21, QuestionId = 2, Label = "Meat" }, new() { Id = 22, QuestionId = 2, Label = "Fish" }] },
        new() { Id = 3, Kind = QuestionKind.MultipleChoice, Label = "Tours", Choices = [new() { Id = 31, QuestionId = 3, Label = "A" }, new() { Id = 32, QuestionId = 3, Label = "B" }] },
        new() { Id = 4, Kind = QuestionKind.ShortText, Label = "Nickname" },
    ];

    private static FormCollection Form(Dictionary<string, StringValues> fields) => new(fields);

    [Fact]
    public void Read_WhenEveryFieldIsPosted_FillsTheInputExactly()
    {
        var input = new RegistrationInput();
        RegistrationFormReader.Read(Form(new()
        {
            ["FirstName"] = "Jelena", ["LastName"] = "Đorđević", ["Email"] = "j@example.org", ["Phone"] = "+381 11 123",
            ["Organisation"] = "Klaster Jug", ["OrganisationType"] = "ClusterOrganisation", ["JobTitle"] = "Manager", ["CountryCode"] = "RS",
            ["CategoryId"] = "7", ["DaysAttending"] = new(["2027-10-14", "2027-10-15", "2027-10-15"]), ["DietaryNeeds"] = "Vegan",
            ["NetworkingConsent"] = "true", ["PrivacyConsent"] = "true",
            ["Answer1"] = new(["false", "true"]), ["Answer2"] = "22", ["Answer3"] = new(["31", "32"]), ["Answer4"] = "JJ",
        }), input, Questions);

        Assert.Equal(("Jelena", "Đorđević", "j@example.org", "+381 11 123"), (input.FirstName, input.LastName, input.Email, input.Phone));
        Assert.Equal(("Klaster Jug", OrganisationType.ClusterOrganisation, "Manager", "RS"), (input.Organisation, input.OrganisationType, input.JobTitle, input.CountryCode));
        Assert.Equal(7, input.CategoryId);
        Assert.Equal([new DateOnly(2027, 10, 14), new DateOnly(2027, 10, 15)], input.DaysAttending);
        Assert.Equal("Vegan", input.DietaryNeeds);
        Assert.Null(input.AccessibilityNeeds);
        Assert.True(input.NetworkingConsent && input.PrivacyConsent);
        Assert.False(input.NetworkNewsConsent);
        Assert.True(input.Answers[1].Checked);
        Assert.Equal([22], input.Answers[2].ChoiceIds);
        Assert.Equal([31, 32], input.Answers[3].ChoiceIds);
        Assert.Equal("JJ", input.Answers[4].Value);
    }

    [Fact]
    public void Read_WhenValuesAreHostileOrMalformed_LeavesThemEmptyForValidationToReport()
    {
        var input = new RegistrationInput();
        RegistrationFormReader.Read(Form(new()
        {
            ["OrganisationType"] = "999", ["CategoryId"] = "-1", ["DaysAttending"] = new(["yesterday", "2027-13-01"]),
            ["Answer1"] = "false", ["Answer2"] = new(["21", "22"]), ["Answer3"] = new(["99", "x", "31"]),
        }), input, Questions);

        Assert.Null(input.OrganisationType);
        Assert.Null(input.CategoryId);
        Assert.Empty(input.DaysAttending);
        Assert.False(input.Answers[1].Checked);
        // One choice for a single-choice question, and only the question's own choices.
        Assert.Equal([21], input.Answers[2].ChoiceIds);
        Assert.Equal([31], input.Answers[3].ChoiceIds);
        Assert.Null(input.Answers[4].Value);
    }
}
