using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>A question as the editor edits it (Id 0 for a new one).</summary>
public sealed class QuestionDraft
{
    public int Id { get; set; }
    public QuestionKind Kind { get; set; } = QuestionKind.ShortText;
    public string Label { get; set; } = "";
    public string? LabelSr { get; set; }
    public string? HelpText { get; set; }
    public bool IsRequired { get; set; }
    public int? ShowIfQuestionId { get; set; }
    public int? ShowIfChoiceId { get; set; }
    public List<ChoiceDraft> Choices { get; set; } = [];

    public bool HasChoices => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    public static QuestionDraft From(RegistrationQuestion q) => new()
    {
        Id = q.Id, Kind = q.Kind, Label = q.Label, LabelSr = q.LabelSr, HelpText = q.HelpText, IsRequired = q.IsRequired,
        ShowIfQuestionId = q.ShowIfQuestionId, ShowIfChoiceId = q.ShowIfChoiceId,
        Choices = q.Choices.OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ChoiceDraft { Id = c.Id, Label = c.Label, LabelSr = c.LabelSr, Capacity = c.Capacity, Taken = c.Taken }).ToList(),
    };
}

public sealed class ChoiceDraft
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public string? LabelSr { get; set; }
    public int? Capacity { get; set; }

    /// <summary>Shown to the organiser; never written back.</summary>
    public int Taken { get; set; }
}

/// <summary>A question with how many registrations answered it (the editor's list).</summary>
public sealed record QuestionSummary(RegistrationQuestion Question, int Answers);

/// <summary>
/// The organisers' questions editor and the read side of answers. Answers themselves are written by
/// <see cref="RegistrationWriter"/> and <see cref="RegistrationLifecycle"/> through <see cref="RegistrationAnswers"/>, in the registration's transaction.
/// </summary>
public sealed class QuestionService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The edition's questions with their choices, in form order.</summary>
    public async Task<List<RegistrationQuestion>> ListAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, editionId, ct);
    }

    // Precompiled: every registration loads its edition's questions.
    private static readonly PerModel<Func<AppDbContext, int, IAsyncEnumerable<RegistrationQuestion>>> QuestionsQuery = new(() => EF.CompileAsyncQuery<AppDbContext, int, RegistrationQuestion>(
        (AppDbContext db, int editionId) => db.RegistrationQuestions.AsNoTracking().Include(q => q.Choices)
            .Where(q => q.EditionId == editionId).OrderBy(q => q.SortOrder).ThenBy(q => q.Id)));

    internal static async Task<List<RegistrationQuestion>> LoadAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        var questions = new List<RegistrationQuestion>();
        await foreach (var q in QuestionsQuery.For(db)(db, editionId).WithCancellation(ct)) questions.Add(q);
        foreach (var q in questions) q.Choices = q.Choices.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToList();
        return questions;
    }

    public async Task<List<QuestionSummary>> SummariesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var questions = await LoadAsync(db, editionId, ct);
        var ids = questions.Select(q => q.Id).ToList();
        var counts = await db.RegistrationAnswers.Where(a => ids.Contains(a.QuestionId))
            .GroupBy(a => a.QuestionId).Select(g => new { g.Key, Count = g.Select(a => a.RegistrationId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return questions.Select(q => new QuestionSummary(q, counts.GetValueOrDefault(q.Id))).ToList();
    }

    public async Task<List<RegistrationAnswer>> AnswersOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RegistrationAnswers.AsNoTracking().Where(a => a.RegistrationId == registrationId).OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Creates (Id 0) or updates a question and its choices. Returns field errors (Label, Kind, Choices, Choice{i}, Condition); empty when saved.</summary>
    public async Task<Dictionary<string, string>> SaveAsync(int editionId, QuestionDraft draft, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        draft.Label = (draft.Label ?? "").Trim();
        draft.LabelSr = string.IsNullOrWhiteSpace(draft.LabelSr) ? null : draft.LabelSr.Trim();
        draft.HelpText = string.IsNullOrWhiteSpace(draft.HelpText) ? null : draft.HelpText.Trim();
        CheckLabel(errors, nameof(draft.Label), draft.Label, QuestionRules.LabelMaxLength, required: true);
        CheckLabel(errors, nameof(draft.LabelSr), draft.LabelSr, QuestionRules.LabelMaxLength, required: false);
        CheckLabel(errors, nameof(draft.HelpText), draft.HelpText, QuestionRules.HelpMaxLength, required: false);
        if (!Enum.IsDefined(draft.Kind)) errors[nameof(draft.Kind)] = "Choose the type of answer.";

        if (draft.HasChoices)
        {
            if (draft.Choices.Count == 0) errors[nameof(draft.Choices)] = "Add at least one choice.";
            else if (draft.Choices.Count > QuestionRules.MaxChoices) errors[nameof(draft.Choices)] = $"At most {QuestionRules.MaxChoices} choices.";
            for (var i = 0; i < draft.Choices.Count; i++)
            {
                var c = draft.Choices[i];
                c.Label = (c.Label ?? "").Trim();
                c.LabelSr = string.IsNullOrWhiteSpace(c.LabelSr) ? null : c.LabelSr.Trim();
                CheckLabel(errors, $"Choice{i}", c.Label, QuestionRules.ChoiceMaxLength, required: true);
                if (!errors.ContainsKey($"Choice{i}")) CheckLabel(errors, $"Choice{i}", c.LabelSr, QuestionRules.ChoiceMaxLength, required: false);
                if (c.Capacity is < 0 or > 100_000) errors[$"Choice{i}"] = "Places are between 0 and 100,000, or empty for no limit.";
                else if (!errors.ContainsKey($"Choice{i}") && draft.Choices.Take(i).Any(o => string.Equals(o.Label, c.Label, StringComparison.OrdinalIgnoreCase)))
                    errors[$"Choice{i}"] = "Another choice already has this label.";
            }
        }
        if (errors.Count > 0) return errors;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.RegistrationQuestions.Include(q => q.Choices).Where(q => q.EditionId == editionId).ToListAsync(ct);
        var question = draft.Id == 0 ? null : all.FirstOrDefault(q => q.Id == draft.Id);
        if (draft.Id != 0 && question is null) return new() { [nameof(draft.Label)] = "This question no longer exists; reload the page." };
        if (question is null && all.Count >= QuestionRules.MaxQuestions) return new() { [nameof(draft.Label)] = $"An edition has at most {QuestionRules.MaxQuestions} questions." };
        var answered = question is not null && await db.RegistrationAnswers.AnyAsync(a => a.QuestionId == question.Id, ct);
        if (question is not null && answered && question.Kind != draft.Kind)
            errors[nameof(draft.Kind)] = "This question already has answers, so its type cannot change.";

        // The condition: an earlier question that can be one, with one of its own choices.
        var sortOrder = question?.SortOrder ?? (all.Count == 0 ? 1 : all.Max(q => q.SortOrder) + 1);
        if (draft.ShowIfQuestionId is { } parentId)
        {
            var parent = all.FirstOrDefault(q => q.Id == parentId);
            if (parent is null || parent.Id == draft.Id || !parent.CanBeCondition)
                errors["Condition"] = "Choose a choice or checkbox question of this edition.";
            else if (parent.SortOrder >= sortOrder)
                errors["Condition"] = "A question can only depend on a question above it.";
            else if (parent.HasChoices && (draft.ShowIfChoiceId is not { } choiceId || parent.Choices.All(c => c.Id != choiceId)))
                errors["Condition"] = "Choose which answer shows this question.";
            else if (parent.Kind == QuestionKind.Checkbox) draft.ShowIfChoiceId = null;
        }
        else draft.ShowIfChoiceId = null;

        // Choices that go away: never one somebody chose, nor one another question depends on.
        var keptIds = draft.HasChoices ? draft.Choices.Where(c => c.Id != 0).Select(c => c.Id).ToHashSet() : [];
        var removed = question?.Choices.Where(c => !keptIds.Contains(c.Id)).ToList() ?? [];
        if (removed.Count > 0)
        {
            var removedIds = removed.Select(c => c.Id).ToList();
            var chosen = await db.RegistrationAnswers.Where(a => a.ChoiceId != null && removedIds.Contains(a.ChoiceId.Value))
                .GroupBy(a => a.ChoiceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            if (chosen.Count > 0)
            {
                var c = removed.First(r => r.Id == chosen[0].Key);
                errors[nameof(draft.Choices)] = $"“{c.Label}” was chosen by {chosen[0].Count} registration(s), so it cannot be removed. Rename it or lower its places instead.";
            }
            else if (all.FirstOrDefault(q => q.ShowIfChoiceId is { } sc && removedIds.Contains(sc)) is { } dependent)
                errors[nameof(draft.Choices)] = $"“{dependent.Label}” is shown depending on a choice you removed; change that question first.";
        }
        if (question is not null && !draft.CanBeCondition() && all.FirstOrDefault(q => q.ShowIfQuestionId == question.Id) is { } child)
            errors[nameof(draft.Kind)] = $"“{child.Label}” is shown depending on this question, so it must stay a choice or checkbox question.";
        for (var i = 0; i < draft.Choices.Count && draft.HasChoices; i++)
        {
            var c = draft.Choices[i];
            if (c.Id == 0) continue;
            var existing = question?.Choices.FirstOrDefault(x => x.Id == c.Id);
            if (existing is null) errors[$"Choice{i}"] = "This choice no longer exists; reload the page.";
            else if (c.Capacity is { } cap && cap < existing.Taken)
                errors[$"Choice{i}"] = $"{existing.Taken} places are already taken; the places cannot be fewer.";
        }
        if (errors.Count > 0) return errors;

        if (question is null)
        {
            question = new RegistrationQuestion { EditionId = editionId, Label = draft.Label, SortOrder = sortOrder };
            db.Add(question);
        }
        question.Kind = draft.Kind;
        question.Label = draft.Label;
        question.LabelSr = draft.LabelSr;
        question.HelpText = draft.HelpText;
        question.IsRequired = draft.IsRequired;
        question.ShowIfQuestionId = draft.ShowIfQuestionId;
        question.ShowIfChoiceId = draft.ShowIfChoiceId;
        foreach (var c in removed) question.Choices.Remove(c);
        db.RemoveRange(removed);
        if (draft.HasChoices)
        {
            for (var i = 0; i < draft.Choices.Count; i++)
            {
                var d = draft.Choices[i];
                var choice = d.Id == 0 ? null : question.Choices.First(c => c.Id == d.Id);
                if (choice is null)
                {
                    choice = new QuestionChoice { Label = d.Label };
                    question.Choices.Add(choice);
                }
                // Only these columns change, so a concurrent registration's Taken is never overwritten.
                choice.Label = d.Label;
                choice.LabelSr = d.LabelSr;
                choice.Capacity = d.Capacity;
                choice.SortOrder = i + 1;
            }
        }
        await db.SaveChangesAsync(ct);
        draft.Id = question.Id;
        return errors;
    }

    private static void CheckLabel(Dictionary<string, string> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) errors[field] = "This field is required.";
            return;
        }
        if (value.Length > max) errors[field] = $"At most {max} characters.";
        else if (value.Any(char.IsControl)) errors[field] = "Remove the control characters.";
    }

    /// <summary>Deletes a question nobody answered and nothing depends on; otherwise says why not and changes nothing.</summary>
    public async Task<string?> DeleteAsync(int editionId, int questionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var question = await db.RegistrationQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.EditionId == editionId, ct);
        if (question is null) return "This question no longer exists.";
        var answers = await db.RegistrationAnswers.Where(a => a.QuestionId == questionId).Select(a => a.RegistrationId).Distinct().CountAsync(ct);
        if (answers > 0) return $"{answers} registration(s) answered this question, so it cannot be deleted without losing their answers.";
        if (await db.RegistrationQuestions.Where(q => q.ShowIfQuestionId == questionId).Select(q => q.Label).FirstOrDefaultAsync(ct) is { } dependent)
            return $"“{dependent}” is shown depending on this question; change or delete that question first.";
        db.Remove(question);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Somebody answered it between the check and the delete: the restricting foreign key kept the answers.
            return "This question was answered just now, so it cannot be deleted.";
        }
        return null;
    }

    /// <summary>Moves a question one place up (-1) or down (+1); a question never moves above the one it depends on.</summary>
    public async Task<string?> MoveAsync(int editionId, int questionId, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var questions = await db.RegistrationQuestions.Where(q => q.EditionId == editionId).OrderBy(q => q.SortOrder).ThenBy(q => q.Id).ToListAsync(ct);
        var index = questions.FindIndex(q => q.Id == questionId);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= questions.Count) return null;
        var (upper, lower) = other < index ? (questions[other], questions[index]) : (questions[index], questions[other]);
        if (lower.ShowIfQuestionId == upper.Id)
            return $"“{lower.Label}” is shown depending on “{upper.Label}”, so it must stay below it.";
        // Renumber all so equal sort orders from older data cannot stall a move.
        (questions[index], questions[other]) = (questions[other], questions[index]);
        for (var i = 0; i < questions.Count; i++) questions[i].SortOrder = i + 1;
        await db.SaveChangesAsync(ct);
        return null;
    }
}

internal static class QuestionDraftExtensions
{
    public static bool CanBeCondition(this QuestionDraft draft) => draft.HasChoices || draft.Kind == QuestionKind.Checkbox;
}

/// <summary>
/// Answer writes inside a registration transaction. Choice places are taken first with a conditional UPDATE
/// (WHERE Taken &lt; Capacity), the same write-first pattern as the seat counters, so parallel registrations cannot
/// over-fill a choice; a full choice throws <see cref="ChoiceFullException"/> and the caller's transaction stores nothing.
/// </summary>
public static class RegistrationAnswers
{
    /// <summary>Registrations in these states no longer hold choice places.</summary>
    public static bool HoldsPlaces(RegistrationStatus status) => status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected);

    public static async Task TakePlacesAsync(AppDbContext db, IEnumerable<RegistrationAnswer> answers, CancellationToken ct)
    {
        foreach (var answer in answers.Where(a => a.ChoiceId is not null).OrderBy(a => a.ChoiceId))
        {
            var choiceId = answer.ChoiceId!.Value;
            var taken = await db.QuestionChoices.Where(c => c.Id == choiceId && (c.Capacity == null || c.Taken < c.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Taken, c => c.Taken + 1), ct);
            if (taken == 0) throw new ChoiceFullException(answer.QuestionId, choiceId);
        }
    }

    /// <summary>
    /// Takes every chosen place or none: on a full choice the places this call took are given back (same transaction) and
    /// the full choice's question is returned, so a batch writer can refuse one row without rolling back the others.
    /// </summary>
    /// <remarks>Synchronous: its one caller is the group commit, on its own thread.</remarks>
    public static int? TryTakePlaces(AppDbContext db, IEnumerable<RegistrationAnswer> answers)
    {
        var took = new List<int>();
        foreach (var answer in answers.Where(a => a.ChoiceId is not null).OrderBy(a => a.ChoiceId))
        {
            var choiceId = answer.ChoiceId!.Value;
            var taken = db.QuestionChoices.Where(c => c.Id == choiceId && (c.Capacity == null || c.Taken < c.Capacity))
                .ExecuteUpdate(s => s.SetProperty(c => c.Taken, c => c.Taken + 1));
            if (taken == 0)
            {
                ReleasePlaces(db, took);
                return answer.QuestionId;
            }
            took.Add(choiceId);
        }
        return null;
    }

    public static Task<int> ReleasePlacesAsync(AppDbContext db, IEnumerable<int> choiceIds, CancellationToken ct) =>
        ReleasePlacesAsync(db, choiceIds, sync: false, ct);

    public static int ReleasePlaces(AppDbContext db, IEnumerable<int> choiceIds) =>
        ReleasePlacesAsync(db, choiceIds, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    private static Task<int> ReleasePlacesAsync(AppDbContext db, IEnumerable<int> choiceIds, bool sync, CancellationToken ct)
    {
        var ids = choiceIds.ToList();
        return ids.Count == 0 ? Task.FromResult(0) : db.QuestionChoices.Where(c => ids.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Taken, c => c.Taken - 1), sync, ct);
    }

    /// <summary>Frees the places of a registration that just ended (cancelled, rejected, lapsed offer).</summary>
    public static async Task ReleasePlacesOfAsync(AppDbContext db, int registrationId, CancellationToken ct)
    {
        var choiceIds = await db.RegistrationAnswers.Where(a => a.RegistrationId == registrationId && a.ChoiceId != null)
            .Select(a => a.ChoiceId!.Value).ToListAsync(ct);
        await ReleasePlacesAsync(db, choiceIds, ct);
    }

    public static void Add(AppDbContext db, int registrationId, IEnumerable<RegistrationAnswer> answers) =>
        db.AddRange(answers.Select(a => new RegistrationAnswer { RegistrationId = registrationId, QuestionId = a.QuestionId, ChoiceId = a.ChoiceId, Value = a.Value }));

    /// <summary>Whether the stored answers differ from the new ones (same questions, choices and values).</summary>
    public static bool Differ(IEnumerable<RegistrationAnswer> stored, IEnumerable<RegistrationAnswer> next)
    {
        static IEnumerable<string> Keys(IEnumerable<RegistrationAnswer> answers) =>
            answers.Select(a => $"{a.QuestionId}|{a.ChoiceId}|{a.Value}").Order(StringComparer.Ordinal);
        return !Keys(stored).SequenceEqual(Keys(next));
    }

    /// <summary>
    /// Replaces a registration's answers of the given questions (answers to other questions stay): places of newly
    /// chosen choices are taken first, places of dropped ones freed, when the registration holds places.
    /// </summary>
    public static async Task ReplaceAsync(AppDbContext db, int registrationId, bool holdsPlaces, IReadOnlyCollection<int> questionIds,
        List<RegistrationAnswer> stored, List<RegistrationAnswer> next, CancellationToken ct)
    {
        var before = stored.Where(a => a.ChoiceId is not null).Select(a => a.ChoiceId!.Value).ToHashSet();
        var after = next.Where(a => a.ChoiceId is not null).Select(a => a.ChoiceId!.Value).ToHashSet();
        if (holdsPlaces)
        {
            await TakePlacesAsync(db, next.Where(a => a.ChoiceId is { } c && !before.Contains(c)), ct);
            await ReleasePlacesAsync(db, before.Where(c => !after.Contains(c)), ct);
        }
        await db.RegistrationAnswers.Where(a => a.RegistrationId == registrationId && questionIds.Contains(a.QuestionId)).ExecuteDeleteAsync(ct);
        Add(db, registrationId, next);
    }

    /// <summary>Erasure: typed answers (text, numbers, dates) may be personal and go; picked choices and ticks stay for statistics.</summary>
    public static Task<int> ErasePersonalAsync(AppDbContext db, IQueryable<int> registrationIds, CancellationToken ct)
    {
        QuestionKind[] personal = [QuestionKind.ShortText, QuestionKind.LongText, QuestionKind.Number, QuestionKind.Date];
        return db.RegistrationAnswers
            .Where(a => registrationIds.Contains(a.RegistrationId)
                && db.RegistrationQuestions.Any(q => q.Id == a.QuestionId && personal.Contains(q.Kind)))
            .ExecuteDeleteAsync(ct);
    }
}

/// <summary>A chosen choice has no place left; thrown inside the transaction so that it rolls back.</summary>
public sealed class ChoiceFullException(int questionId, int choiceId) : Exception($"Choice {choiceId} is full.")
{
    public int QuestionId { get; } = questionId;
    public int ChoiceId { get; } = choiceId;
}
