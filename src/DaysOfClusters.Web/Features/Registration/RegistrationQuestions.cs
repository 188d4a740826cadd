using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

public sealed class RegistrationQuestionConfiguration : IEntityTypeConfiguration<RegistrationQuestion>
{
    public void Configure(EntityTypeBuilder<RegistrationQuestion> builder)
    {
        builder.ToTable("RegistrationQuestions");
        builder.Property(q => q.Label).HasMaxLength(QuestionRules.LabelMaxLength);
        builder.Property(q => q.LabelSr).HasMaxLength(QuestionRules.LabelMaxLength);
        builder.Property(q => q.HelpText).HasMaxLength(QuestionRules.HelpMaxLength);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(q => q.HasChoices);
        builder.Ignore(q => q.CanBeCondition);
        builder.HasIndex(q => new { q.EditionId, q.SortOrder });
        builder.HasOne<Edition>().WithMany().HasForeignKey(q => q.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(q => q.Choices).WithOne().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        // No action (checked at the end of the statement): a question others depend on is not deleted from under them
        // (the editor refuses first), while a cascade that removes both rows still works.
        builder.HasOne(q => q.ShowIfQuestion).WithMany().HasForeignKey(q => q.ShowIfQuestionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(q => q.ShowIfChoice).WithMany().HasForeignKey(q => q.ShowIfChoiceId).OnDelete(DeleteBehavior.NoAction);
    }
}

public sealed class QuestionChoiceConfiguration : IEntityTypeConfiguration<QuestionChoice>
{
    public void Configure(EntityTypeBuilder<QuestionChoice> builder)
    {
        builder.ToTable("QuestionChoices");
        builder.Property(c => c.Label).HasMaxLength(QuestionRules.ChoiceMaxLength);
        builder.Property(c => c.LabelSr).HasMaxLength(QuestionRules.ChoiceMaxLength);
    }
}

public sealed class RegistrationAnswerConfiguration : IEntityTypeConfiguration<RegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<RegistrationAnswer> builder)
    {
        builder.ToTable("RegistrationAnswers");
        builder.Property(a => a.Value).HasMaxLength(QuestionRules.LongTextMaxLength);
        builder.HasIndex(a => new { a.RegistrationId, a.QuestionId });
        builder.HasIndex(a => a.QuestionId);
        builder.HasIndex(a => a.ChoiceId);
        builder.HasOne<Registration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: answers are never lost by deleting a question or a choice (the editor refuses first).
        builder.HasOne<RegistrationQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionChoice>().WithMany().HasForeignKey(a => a.ChoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Copies the source edition's questions and choices (not answers, and with no places taken) into a clone.</summary>
public sealed class QuestionCloneStep : IEditionCloneStep
{
    public async Task CloneAsync(Data.AppDbContext db, int sourceEditionId, Edition target, CancellationToken ct)
    {
        var source = await db.Set<RegistrationQuestion>().AsNoTracking().Include(q => q.Choices)
            .Where(q => q.EditionId == sourceEditionId).OrderBy(q => q.SortOrder).ToListAsync(ct);
        var questions = new Dictionary<int, RegistrationQuestion>();
        var choices = new Dictionary<int, QuestionChoice>();
        foreach (var q in source)
        {
            var copy = new RegistrationQuestion
            {
                EditionId = target.Id, Kind = q.Kind, Label = q.Label, LabelSr = q.LabelSr, HelpText = q.HelpText, IsRequired = q.IsRequired,
                SortOrder = q.SortOrder,
                Choices = q.Choices.Select(c => new QuestionChoice { Label = c.Label, LabelSr = c.LabelSr, SortOrder = c.SortOrder, Capacity = c.Capacity }).ToList(),
            };
            for (var i = 0; i < q.Choices.Count; i++) choices[q.Choices[i].Id] = copy.Choices[i];
            questions[q.Id] = copy;
        }
        foreach (var q in source)
        {
            if (q.ShowIfQuestionId is { } parent && questions.TryGetValue(parent, out var parentCopy)) questions[q.Id].ShowIfQuestion = parentCopy;
            if (q.ShowIfChoiceId is { } choice && choices.TryGetValue(choice, out var choiceCopy)) questions[q.Id].ShowIfChoice = choiceCopy;
        }
        db.Set<RegistrationQuestion>().AddRange(questions.Values);
    }
}
