using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Registration;

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
