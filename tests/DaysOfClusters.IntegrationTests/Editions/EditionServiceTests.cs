using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Editions;

public sealed class EditionServiceTests(EditionServiceTests.Fixture fixture) : IClassFixture<EditionServiceTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public AppFactory App { get; } = new AppFactory().Started();
        public void Dispose() => App.Dispose();
    }

    private EditionService Service => fixture.App.Services.GetRequiredService<EditionService>();

    private Task<int> EditionCountAsync() => fixture.App.WithDbAsync(db => db.Editions.CountAsync());

    private async Task AssertRejectedAsync(EditionInput input, string field)
    {
        var before = await EditionCountAsync();
        var result = await Service.SaveAsync(null, input);
        Assert.False(result.Succeeded);
        Assert.Null(result.EditionId);
        Assert.True(result.Errors.ContainsKey(field), $"Expected an error on {field}; got {string.Join(", ", result.Errors.Keys)}.");
        Assert.All(result.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
        Assert.Equal(before, await EditionCountAsync());
    }

    private static EditionInput Unique(Action<EditionInput> change)
    {
        var input = EditionInputs.Valid(slug: "e-" + Guid.NewGuid().ToString("N")[..12]);
        change(input);
        return input;
    }

    [Fact]
    public Task Save_When_EndIsBeforeStart_RejectsEndDate() =>
        AssertRejectedAsync(Unique(i => i.EndDate = i.StartDate!.Value.AddDays(-1)), nameof(EditionInput.EndDate));

    [Fact]
    public Task Save_When_RegistrationClosesAfterEditionEnds_RejectsRegistrationCloses() =>
        AssertRejectedAsync(Unique(i => i.RegistrationCloses = i.EndDate!.Value.AddDays(1).AddHours(9)), nameof(EditionInput.RegistrationCloses));

    [Fact]
    public Task Save_When_TitleIsEmpty_RejectsTitle() =>
        AssertRejectedAsync(Unique(i => i.Title = "   "), nameof(EditionInput.Title));

    [Fact]
    public Task Save_When_TitleHas10000Characters_RejectsTitle() =>
        AssertRejectedAsync(Unique(i => i.Title = new string('x', 10_000)), nameof(EditionInput.Title));

    [Fact]
    public Task Save_When_TimeZoneIsUnknown_RejectsTimeZone() =>
        AssertRejectedAsync(Unique(i => i.TimeZoneId = "Europe/Atlantis"), nameof(EditionInput.TimeZoneId));

    [Fact]
    public Task Save_When_CountryIsUnknown_RejectsCountry() =>
        AssertRejectedAsync(Unique(i => i.CountryCode = "QQ"), nameof(EditionInput.CountryCode));

    [Fact]
    public async Task Save_When_SlugIsTaken_RejectsSlugAndSavesNothing()
    {
        var first = await Service.SaveAsync(null, Unique(i => i.Slug = "taken-slug"));
        Assert.True(first.Succeeded);
        await AssertRejectedAsync(Unique(i => i.Slug = "taken-slug"), nameof(EditionInput.Slug));
        // Upper case and spaces are normalised before the check.
        await AssertRejectedAsync(Unique(i => i.Slug = "  Taken-Slug "), nameof(EditionInput.Slug));
    }

    [Fact]
    public async Task Save_When_InputIsValid_StoresRegistrationWindowInUtc()
    {
        var input = Unique(_ => { });
        var result = await Service.SaveAsync(null, input);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var saved = await Service.FindAsync(result.EditionId!.Value);
        Assert.NotNull(saved);
        Assert.Equal(DateOnly.FromDateTime(EditionInputs.Start), saved.StartDate);
        Assert.Equal(EditionStatus.Draft, saved.Status);
        // 13 October 23:00 in Belgrade (CEST, UTC+2) is 21:00 UTC.
        Assert.Equal(EditionInputs.Start.AddDays(-1).AddHours(21), saved.RegistrationClosesUtc);
        Assert.Equal(DateTimeKind.Utc, saved.RegistrationClosesUtc!.Value.Kind);
    }

    [Fact]
    public async Task Clone_When_SourceHasCategoriesAndRegistrations_CopiesCategoriesButNoPeople()
    {
        var source = await Service.SaveAsync(null, Unique(_ => { }));
        Assert.True(source.Succeeded);
        var sourceId = source.EditionId!.Value;
        await fixture.App.WithDbAsync(async db =>
        {
            // A new edition comes with its kind's categories; the organiser renamed one.
            var categories = await db.RegistrationCategories.Where(c => c.EditionId == sourceId).OrderBy(c => c.SortOrder).ToListAsync();
            categories[0].Name = "Delegate (custom)";
            await db.SaveChangesAsync();
            db.Registrations.AddRange(DaysOfClusters.Web.Data.Seeding.DemoSeeder.SyntheticRegistrations(
                new DaysOfClusters.Web.Data.Seeding.RegistrationGenerator(), (await db.Editions.FindAsync(sourceId))!, categories, 5, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        var clone = await Service.CloneAsync(sourceId, Unique(i => i.Ordinal = 9));
        Assert.True(clone.Succeeded, string.Join("; ", clone.Errors.SelectMany(e => e.Value)));
        var cloneId = clone.EditionId!.Value;

        var (sourceCategories, cloneCategories, sourceRegistrations, cloneRegistrations) = await fixture.App.WithDbAsync(async db => (
            await db.RegistrationCategories.Where(c => c.EditionId == sourceId).OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync(),
            await db.RegistrationCategories.Where(c => c.EditionId == cloneId).OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync(),
            await db.Registrations.CountAsync(r => r.EditionId == sourceId),
            await db.Registrations.CountAsync(r => r.EditionId == cloneId)));
        Assert.Equal(7, sourceCategories.Count);
        Assert.Equal(sourceCategories, cloneCategories);
        Assert.Contains("Delegate (custom)", cloneCategories);
        Assert.Equal(5, sourceRegistrations);
        Assert.Equal(0, cloneRegistrations);
    }

    [Theory]
    [InlineData(EventKind.Conference, "Delegate", 7)]
    [InlineData(EventKind.Training, "Trainee", 3)]
    [InlineData(EventKind.RoundTable, "Member cluster", 3)]
    public async Task Save_WhenANewEditionIsCreated_GivesItItsKindsCategoriesSoItsFormTakesRegistrations(EventKind kind, string defaultCategory, int count)
    {
        var saved = await Service.SaveAsync(null, Unique(i => { i.Kind = kind; i.ApplyKindDefaults(); }));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        var id = saved.EditionId!.Value;

        var categories = await fixture.App.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == id).ToListAsync());
        var edited = EditionService.ToInput((await Service.FindAsync(id))!);
        edited.Title = "Renamed";
        var again = await Service.SaveAsync(id, edited); // an edit sets nothing up again

        Assert.Equal(count, categories.Count);
        Assert.Equal(defaultCategory, Assert.Single(categories, c => c.IsDefault).Name);
        Assert.True(again.Succeeded);
        Assert.Equal(count, await fixture.App.WithDbAsync(db => db.RegistrationCategories.CountAsync(c => c.EditionId == id)));
    }
}
