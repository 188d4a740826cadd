namespace DaysOfClusters.Web.Features.Registration;

public enum QuestionKind
{
    ShortText = 1,
    LongText = 2,
    SingleChoice = 3,
    MultipleChoice = 4,
    Checkbox = 5,
    Number = 6,
    Date = 7,
}

/// <summary>
/// One of an edition's own questions on the registration form. It can be shown only when an earlier question's answer
/// has a given value: a ticked <see cref="QuestionKind.Checkbox"/>, or a given choice of a choice question.
/// </summary>
public sealed class RegistrationQuestion
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Label { get; set; }

    /// <summary>The Serbian (Latin) label; the English one is shown when it is empty.</summary>
    public string? LabelSr { get; set; }
    public string? HelpText { get; set; }
    public bool IsRequired { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The earlier question this one depends on; null means always shown.</summary>
    public int? ShowIfQuestionId { get; set; }

    /// <summary>The parent's choice that shows this question; null when the parent is a checkbox (shown when ticked).</summary>
    public int? ShowIfChoiceId { get; set; }

    public List<QuestionChoice> Choices { get; set; } = [];

    // Navigations only so that a cloned edition's conditions point at the clone's own rows in one SaveChanges.
    public RegistrationQuestion? ShowIfQuestion { get; set; }
    public QuestionChoice? ShowIfChoice { get; set; }

    public bool HasChoices => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
    public bool CanBeCondition => HasChoices || Kind == QuestionKind.Checkbox;

    public string DisplayLabel(bool serbian) => serbian && !string.IsNullOrWhiteSpace(LabelSr) ? LabelSr : Label;
}

/// <summary>A choice of a choice question, optionally with a limited number of places (a dinner, a site visit).</summary>
public sealed class QuestionChoice
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public required string Label { get; set; }
    public string? LabelSr { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Places; null means unlimited.</summary>
    public int? Capacity { get; set; }

    /// <summary>
    /// Places held by registrations that are not cancelled or rejected. Written only by the registration writes (<see cref="RegistrationWriter"/>,
    /// <see cref="RegistrationLifecycle"/>, <see cref="RegistrationSeats"/>)
    /// with conditional updates (WHERE Taken &lt; Capacity), never by the editor.
    /// </summary>
    public int Taken { get; set; }

    public string DisplayLabel(bool serbian) => serbian && !string.IsNullOrWhiteSpace(LabelSr) ? LabelSr : Label;
}

/// <summary>
/// One answer of a registration: a typed value (text, number as invariant decimal, date as yyyy-MM-dd, "yes" for a
/// ticked checkbox) or one chosen choice (one row per choice of a multiple-choice question).
/// </summary>
public sealed class RegistrationAnswer
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public int? ChoiceId { get; set; }
    public string? Value { get; set; }
}
