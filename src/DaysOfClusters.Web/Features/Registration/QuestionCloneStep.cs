using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>Copies the source edition's questions and choices (not answers, and with no places taken) into a clone.</summary>
public sealed class QuestionCloneStep : IEditionCloneStep
{
    public async Task CloneAsync(Data.AppDbContext db, int sourceEditionId, Edition target, CancellationToken ct)
    {
        var source = await db.RegistrationQuestions.AsNoTracking().Include(q => q.Choices)
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
        db.RegistrationQuestions.AddRange(questions.Values);
    }
}
