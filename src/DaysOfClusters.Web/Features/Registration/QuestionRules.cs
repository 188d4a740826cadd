using System.Globalization;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>What a person gives for one question on the form; which part counts depends on the question's kind.</summary>
public sealed class AnswerInput
{
    /// <summary>Short or long text, a number (as typed) or a date (yyyy-MM-dd).</summary>
    public string? Value { get; set; }
    public List<int> ChoiceIds { get; set; } = [];
    public bool Checked { get; set; }
}

/// <summary>Conditional display and answer validation, shared by the form (live) and the service (on submit and edit).</summary>
public static class QuestionRules
{
    public const int LabelMaxLength = 300;
    public const int HelpMaxLength = 500;
    public const int ChoiceMaxLength = 200;
    public const int ShortTextMaxLength = 200;
    public const int LongTextMaxLength = 2000;
    public const int MaxQuestions = 50;
    public const int MaxChoices = 50;

    public const string ChoiceFullMessage = "This option is full. Please choose another.";

    /// <summary>The error key of a question's field, next to the <see cref="RegistrationInput"/> property names.</summary>
    public static string FieldOf(int questionId) => $"Question{questionId}";

    /// <summary>
    /// Shown when it has no condition, or when the question it depends on is itself shown and answered with the given
    /// value (a chosen choice, or a ticked checkbox). A hidden parent hides its children, so chains work.
    /// </summary>
    public static bool IsVisible(RegistrationQuestion question, IReadOnlyDictionary<int, RegistrationQuestion> byId, IReadOnlyDictionary<int, AnswerInput> answers)
    {
        var current = question;
        // The editor only lets a question depend on an earlier one, so there are no cycles; the bound is a guard.
        for (var depth = 0; depth <= byId.Count; depth++)
        {
            if (current.ShowIfQuestionId is not { } parentId) return true;
            if (!byId.TryGetValue(parentId, out var parent)) return false;
            answers.TryGetValue(parentId, out var answer);
            var satisfied = parent.Kind == QuestionKind.Checkbox
                ? answer?.Checked == true
                : current.ShowIfChoiceId is { } choiceId && answer is not null && answer.ChoiceIds.Contains(choiceId);
            if (!satisfied) return false;
            current = parent;
        }
        return false;
    }

    /// <summary>The questions shown for these answers, in form order.</summary>
    public static List<RegistrationQuestion> Visible(IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<int, AnswerInput> answers)
    {
        var byId = questions.ToDictionary(q => q.Id);
        return questions.OrderBy(q => q.SortOrder).ThenBy(q => q.Id).Where(q => IsVisible(q, byId, answers)).ToList();
    }

    /// <summary>
    /// Checks the answers of the shown questions and returns what to store. Hidden questions are neither required nor
    /// stored; answers to questions that are not the edition's are ignored. Errors are keyed by <see cref="FieldOf"/>.
    /// Organisers, the import and the desk may leave required questions empty (they may not know the answer).
    /// </summary>
    public static (Dictionary<string, List<string>> Errors, List<RegistrationAnswer> Answers) Evaluate(
        IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<int, AnswerInput> answers, bool enforceRequired = true)
    {
        var errors = new Dictionary<string, List<string>>();
        var stored = new List<RegistrationAnswer>();
        foreach (var q in Visible(questions, answers))
        {
            answers.TryGetValue(q.Id, out var answer);
            var error = Check(q, q.IsRequired && enforceRequired, answer, stored);
            if (error is not null) errors[FieldOf(q.Id)] = [error];
        }
        // Nothing of a question with an error is stored (the caller stores nothing at all when there are errors).
        return (errors, errors.Count == 0 ? stored : []);
    }

    private static string? Check(RegistrationQuestion q, bool required, AnswerInput? answer, List<RegistrationAnswer> stored)
    {
        switch (q.Kind)
        {
            case QuestionKind.Checkbox:
                if (answer?.Checked != true) return required ? "Please tick this box." : null;
                stored.Add(new RegistrationAnswer { QuestionId = q.Id, Value = "yes" });
                return null;

            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                var chosen = (answer?.ChoiceIds ?? []).Distinct().ToList();
                if (chosen.Count == 0) return required ? "Choose an option." : null;
                if (chosen.Any(id => q.Choices.All(c => c.Id != id))) return "Choose an option from the list.";
                if (q.Kind == QuestionKind.SingleChoice && chosen.Count > 1) return "Choose only one option.";
                stored.AddRange(chosen.Select(id => new RegistrationAnswer { QuestionId = q.Id, ChoiceId = id }));
                return null;

            default:
                var value = answer?.Value?.Trim();
                if (string.IsNullOrEmpty(value)) return required ? "This field is required." : null;
                var (normalized, error) = q.Kind switch
                {
                    QuestionKind.ShortText => CheckText(value, ShortTextMaxLength, multiline: false),
                    QuestionKind.LongText => CheckText(value, LongTextMaxLength, multiline: true),
                    QuestionKind.Number => ParseNumber(value),
                    QuestionKind.Date => ParseDate(value),
                    _ => (null, "This question cannot be answered."),
                };
                if (error is not null) return error;
                stored.Add(new RegistrationAnswer { QuestionId = q.Id, Value = normalized });
                return null;
        }
    }

    private static (string?, string?) CheckText(string value, int max, bool multiline)
    {
        if (value.Length > max) return (null, max == ShortTextMaxLength ? "At most 200 characters." : "At most 2000 characters.");
        if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))) return (null, "Remove the control characters.");
        return (value, null);
    }

    /// <summary>Accepts a decimal point or comma (Serbian writes 3,5); stored invariant.</summary>
    public static (string?, string?) ParseNumber(string value)
    {
        var text = value.Replace(" ", "", StringComparison.Ordinal);
        if (!text.Contains('.') && text.Count(c => c == ',') == 1) text = text.Replace(',', '.');
        return text.Length <= 30 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? (number.ToString(CultureInfo.InvariantCulture), null)
            : (null, "Enter a number, like 12 or 3.5.");
    }

    public static (string?, string?) ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
            : (null, "Enter a date as YYYY-MM-DD.");

    /// <summary>The form's answers from stored ones (manage page, desk).</summary>
    public static Dictionary<int, AnswerInput> ToInput(IEnumerable<RegistrationAnswer> answers, IReadOnlyList<RegistrationQuestion> questions)
    {
        var kinds = questions.ToDictionary(q => q.Id, q => q.Kind);
        var result = new Dictionary<int, AnswerInput>();
        foreach (var a in answers)
        {
            if (!result.TryGetValue(a.QuestionId, out var input)) result[a.QuestionId] = input = new AnswerInput();
            if (a.ChoiceId is { } choice) input.ChoiceIds.Add(choice);
            else if (kinds.GetValueOrDefault(a.QuestionId) == QuestionKind.Checkbox) input.Checked = a.Value == "yes";
            else input.Value = a.Value;
        }
        return result;
    }

    /// <summary>One answer as text for people (detail, CSV, data export): choices by label, joined with "; ".</summary>
    public static string Describe(RegistrationQuestion question, IEnumerable<RegistrationAnswer> answers, bool serbian = false)
    {
        var mine = answers.Where(a => a.QuestionId == question.Id).ToList();
        if (question.HasChoices)
            return string.Join("; ", question.Choices.OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
                .Where(c => mine.Any(a => a.ChoiceId == c.Id)).Select(c => c.DisplayLabel(serbian)));
        if (question.Kind == QuestionKind.Checkbox) return mine.Any(a => a.Value == "yes") ? "yes" : "";
        return mine.FirstOrDefault()?.Value ?? "";
    }

    /// <summary>Whether a stored answer of this kind is typed by the person (removed on erasure) rather than picked from the organiser's list.</summary>
    public static bool IsPersonal(QuestionKind kind) => kind is QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Number or QuestionKind.Date;
}
