using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>The categories a new edition starts with, by its kind; organisers edit them per edition.</summary>
public static class DefaultCategories
{
    public static IReadOnlyList<RegistrationCategory> For(int editionId, EventKind kind) => kind switch
    {
        EventKind.Training =>
        [
            new() { EditionId = editionId, Code = 1, SortOrder = 1, Name = "Trainee", BadgeColor = "#1B3A6B", IsDefault = true },
            new() { EditionId = editionId, Code = 2, SortOrder = 2, Name = "Trainer", BadgeColor = "#C62828", IsPublic = false },
            new() { EditionId = editionId, Code = 6, SortOrder = 3, Name = "Organiser team", BadgeColor = "#212121", IsPublic = false },
        ],
        EventKind.RoundTable =>
        [
            new() { EditionId = editionId, Code = 1, SortOrder = 1, Name = "Member cluster", BadgeColor = "#1B3A6B", IsDefault = true },
            new() { EditionId = editionId, Code = 2, SortOrder = 2, Name = "Institution guest", BadgeColor = "#00838F", IsPublic = false },
            new() { EditionId = editionId, Code = 6, SortOrder = 3, Name = "Organiser team", BadgeColor = "#212121", IsPublic = false },
        ],
        EventKind.MatchmakingDay =>
        [
            new() { EditionId = editionId, Code = 1, SortOrder = 1, Name = "Participant", BadgeColor = "#1B3A6B", IsDefault = true },
            new() { EditionId = editionId, Code = 6, SortOrder = 2, Name = "Organiser team", BadgeColor = "#212121", IsPublic = false },
        ],
        _ => For(editionId),
    };

    public static IReadOnlyList<RegistrationCategory> For(int editionId) =>
    [
        new() { EditionId = editionId, Code = 1, SortOrder = 1, Name = "Delegate", BadgeColor = "#1B3A6B", IsDefault = true },
        new() { EditionId = editionId, Code = 2, SortOrder = 2, Name = "Speaker", BadgeColor = "#C62828" },
        new() { EditionId = editionId, Code = 3, SortOrder = 3, Name = "Press", BadgeColor = "#6A1B9A", NeedsApproval = true },
        new() { EditionId = editionId, Code = 4, SortOrder = 4, Name = "Sponsor", BadgeColor = "#F9A825" },
        new() { EditionId = editionId, Code = 5, SortOrder = 5, Name = "Exhibitor", BadgeColor = "#2E7D32" },
        new() { EditionId = editionId, Code = 6, SortOrder = 6, Name = "Organiser team", BadgeColor = "#212121", IsPublic = false },
        new() { EditionId = editionId, Code = 7, SortOrder = 7, Name = "Invited guest", BadgeColor = "#00838F", IsPublic = false },
    ];
}

/// <summary>Copies the source edition's categories into a cloned edition (or the defaults when it has none).</summary>
public sealed class CategoryCloneStep : IEditionCloneStep
{
    public async Task CloneAsync(AppDbContext db, int sourceEditionId, Edition target, CancellationToken ct)
    {
        var source = await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == sourceEditionId).ToListAsync(ct);
        var copies = source.Count == 0
            ? DefaultCategories.For(target.Id)
            : source.Select(c => new RegistrationCategory
            {
                EditionId = target.Id, Name = c.Name, Capacity = c.Capacity, BadgeColor = c.BadgeColor, NeedsApproval = c.NeedsApproval,
                IsDefault = c.IsDefault, IsPublic = c.IsPublic, SortOrder = c.SortOrder, Code = c.Code,
            }).ToList();
        db.RegistrationCategories.AddRange(copies);
    }
}

/// <summary>A brand-new edition gets its kind's categories in the same transaction, so its form takes registrations at once.</summary>
public sealed class DefaultCategoriesSetUpStep : IEditionSetUpStep
{
    public void SetUp(AppDbContext db, Edition created) => db.RegistrationCategories.AddRange(DefaultCategories.For(created.Id, created.Kind));
}
