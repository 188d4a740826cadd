using Bunit;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Editions.Pages;
using DaysOfClusters.Web.Features.Geography;

namespace DaysOfClusters.ComponentTests.Editions;

public sealed class EditionFormTests : MudComponentTestBase
{
    private static readonly DateTime Start = new(2027, 10, 14);

    private static readonly IReadOnlyList<Country> Countries =
    [
        new() { Code = "RS", Name = "Serbia", Continent = Continent.Europe },
        new() { Code = "TR", Name = "Türkiye", Continent = Continent.Asia },
    ];

    private readonly List<EditionInput> _submitted = [];

    private static EditionInput Valid() => new()
    {
        Ordinal = 8, Title = "Clusters for resilience", Slug = "8th-days-of-clusters", HostCity = "Belgrade", CountryCode = "RS",
        StartDate = Start, EndDate = Start.AddDays(1), TimeZoneId = "Europe/Belgrade",
        RegistrationOpens = Start.AddDays(-60), RegistrationCloses = Start.AddDays(-1).AddHours(23),
    };

    private IRenderedComponent<EditionForm> RenderForm(EditionInput input, IReadOnlyDictionary<string, List<string>>? serverErrors = null) =>
        Render<EditionForm>(p => p
            .Add(f => f.Input, input)
            .Add(f => f.Countries, Countries)
            .Add(f => f.OnSubmit, i =>
            {
                _submitted.Add(i);
                return Task.FromResult(serverErrors ?? new Dictionary<string, List<string>>());
            }));

    private static void Save(IRenderedComponent<EditionForm> cut) => cut.Find("button[data-testid=save-edition]").Click();

    /// <summary>The error text MudBlazor shows under the field named by data-field.</summary>
    private static string FieldErrorText(IRenderedComponent<EditionForm> cut, string field)
    {
        var control = cut.Find($"[data-field={field}]").Closest(".mud-input-control");
        Assert.NotNull(control);
        var error = control.QuerySelector(".mud-input-helper-text.mud-input-error");
        return error?.TextContent.Trim() ?? "";
    }

    [Fact]
    public void Save_When_EndIsBeforeStart_ShowsEndDateErrorAndDoesNotSubmit()
    {
        var input = Valid();
        input.EndDate = Start.AddDays(-2);
        var cut = RenderForm(input);

        Save(cut);

        Assert.Contains("cannot end before it starts", FieldErrorText(cut, "EndDate"), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=form-errors]"));
        Assert.Empty(_submitted);
    }

    [Fact]
    public void Save_When_TitleIsTypedEmpty_ShowsTitleErrorAndDoesNotSubmit()
    {
        var cut = RenderForm(Valid());

        cut.Find("[data-field=Title]").Input("");
        Save(cut);

        Assert.Contains("The title is required.", FieldErrorText(cut, "Title"), StringComparison.Ordinal);
        Assert.Empty(_submitted);
    }

    [Fact]
    public void Save_When_TimeZoneIsUnknown_ShowsTimeZoneErrorAndDoesNotSubmit()
    {
        var cut = RenderForm(Valid());

        cut.Find("[data-field=TimeZoneId]").Change("Europe/Atlantis");
        Save(cut);

        Assert.Contains("Unknown time zone", FieldErrorText(cut, "TimeZoneId"), StringComparison.Ordinal);
        Assert.Empty(_submitted);
    }

    [Fact]
    public void Save_When_SeveralFieldsAreWrong_ShowsEveryErrorAtOnce()
    {
        var input = Valid();
        input.Title = new string('x', 10_000);
        input.RegistrationCloses = Start.AddDays(5);
        var cut = RenderForm(input);

        Save(cut);

        Assert.Contains("at most 200 characters", FieldErrorText(cut, "Title"), StringComparison.Ordinal);
        Assert.Contains("close by the last day", FieldErrorText(cut, "RegistrationCloses"), StringComparison.Ordinal);
        Assert.Equal("", FieldErrorText(cut, "HostCity"));
        Assert.Empty(_submitted);
    }

    [Fact]
    public void Save_When_InputIsValid_CallsOnSubmitOnceWithTheInput()
    {
        var cut = RenderForm(Valid());

        cut.Find("[data-field=HostCity]").Change("Novi Sad");
        Save(cut);

        var submitted = Assert.Single(_submitted);
        Assert.Equal("Novi Sad", submitted.HostCity);
        Assert.Equal("Clusters for resilience", submitted.Title);
        Assert.Empty(cut.FindAll("[data-testid=form-errors]"));
        Assert.Empty(cut.FindAll(".mud-input-helper-text.mud-input-error"));
    }

    [Fact]
    public void Save_When_ServerRejectsSlug_ShowsTheServerError()
    {
        var cut = RenderForm(Valid(), new Dictionary<string, List<string>> { ["Slug"] = ["Another edition already uses this URL slug."] });

        Save(cut);

        Assert.Single(_submitted);
        Assert.Contains("Another edition already uses this URL slug.", FieldErrorText(cut, "Slug"), StringComparison.Ordinal);
    }
}
