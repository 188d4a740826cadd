using System.Globalization;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Reads the posted public form and manage form (static pages, Pages/RegistrationFields.razor names every input) into a
/// RegistrationInput. Everything the person typed comes back from the post itself: no form state on the server, so a post
/// made after a restart loses nothing. Anything malformed is left empty and the service's validation says so beside the field.
/// </summary>
public static class RegistrationFormReader
{
    public static string NameOf(int questionId) => $"Answer{questionId.ToString(CultureInfo.InvariantCulture)}";

    public static void Read(IFormCollection form, RegistrationInput input, IReadOnlyList<RegistrationQuestion> questions)
    {
        input.FirstName = Text(form, "FirstName");
        input.LastName = Text(form, "LastName");
        input.Email = Text(form, "Email");
        input.Phone = NullIfEmpty(Text(form, "Phone"));
        input.Organisation = Text(form, "Organisation");
        input.OrganisationId = null;
        input.OrganisationType = Enum.TryParse<OrganisationType>(Text(form, "OrganisationType"), ignoreCase: false, out var type) && Enum.IsDefined(type)
            && !int.TryParse(Text(form, "OrganisationType"), out _) ? type : null;
        input.JobTitle = Text(form, "JobTitle");
        input.CountryCode = Text(form, "CountryCode");
        if (form.ContainsKey("CategoryId"))
            input.CategoryId = int.TryParse(Text(form, "CategoryId"), NumberStyles.None, CultureInfo.InvariantCulture, out var category) ? category : null;
        input.DaysAttending = form["DaysAttending"]
            .Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : (DateOnly?)null)
            .OfType<DateOnly>().Distinct().ToList();
        input.DietaryNeeds = NullIfEmpty(Text(form, "DietaryNeeds"));
        input.AccessibilityNeeds = NullIfEmpty(Text(form, "AccessibilityNeeds"));
        input.NetworkingConsent = Ticked(form, "NetworkingConsent");
        input.NetworkNewsConsent = Ticked(form, "NetworkNewsConsent");
        if (form.ContainsKey("PrivacyConsent")) input.PrivacyConsent = Ticked(form, "PrivacyConsent");
        input.Website = NullIfEmpty(Text(form, "website"));

        var answers = new Dictionary<int, AnswerInput>();
        foreach (var q in questions)
        {
            var values = form[NameOf(q.Id)];
            var answer = new AnswerInput();
            switch (q.Kind)
            {
                case QuestionKind.Checkbox:
                    answer.Checked = values.Contains("true");
                    break;
                case QuestionKind.SingleChoice:
                case QuestionKind.MultipleChoice:
                    var ids = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
                        .Where(id => id > 0 && q.Choices.Any(c => c.Id == id)).Distinct();
                    answer.ChoiceIds = (q.Kind == QuestionKind.SingleChoice ? ids.Take(1) : ids).ToList();
                    break;
                default:
                    answer.Value = NullIfEmpty(values.FirstOrDefault() ?? "");
                    break;
            }
            answers[q.Id] = answer;
        }
        input.Answers = answers;
    }

    private static string Text(IFormCollection form, string name) => form[name].FirstOrDefault() ?? "";

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static bool Ticked(IFormCollection form, string name) => form[name].Contains("true");
}
