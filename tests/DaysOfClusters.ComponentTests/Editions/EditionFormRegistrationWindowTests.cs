using Bunit;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Editions.Pages;

namespace DaysOfClusters.ComponentTests.Editions;

/// <summary>The registration window is typed into the browser's date-time inputs, which send ISO text (2027-06-01T09:00).</summary>
public sealed class EditionFormRegistrationWindowTests : MudComponentTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("2027-06-01T09:00", "en")]
    [InlineData("2027-06-01T09:00", "sr-Latn")]
    [InlineData("2027-06-01T09:00", "")]
    [InlineData("2027-06-01T09:00:00", "en")]
    [InlineData("2027-06-01T09:00:00.000", "sr-Latn")]
    public void RegistrationOpens_When_BrowserSendsIsoDateTime_IsBoundToTheInput(string typed, string culture)
    {
        // The page's language must not matter: the browser sends ISO text.
        var (savedCulture, savedUiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var input = new EditionInput();
            var cut = Render<EditionForm>(p => p.Add(f => f.Input, input).Add(f => f.OnSubmit, _ => Task.FromResult<IReadOnlyDictionary<string, List<string>>>(new Dictionary<string, List<string>>())));

            cut.Find("input[data-field=RegistrationOpens]").Change(typed);

            // MudBlazor may finish the change after the event returns (on a busy machine, visibly later): wait for it.
            cut.WaitForAssertion(() => Assert.Equal(new DateTime(2027, 6, 1, 9, 0, 0), input.RegistrationOpens), Patience);
            Assert.Empty(cut.FindAll(".mud-input-helper-text.mud-input-error"));
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (savedCulture, savedUiCulture);
        }
    }

    [Fact]
    public void Save_When_RegistrationOpensIsNotADateTime_ShowsAnErrorAndDoesNotSubmit()
    {
        var submitted = 0;
        var input = new EditionInput
        {
            Ordinal = 8, Title = "Clusters", Slug = "8th-days-of-clusters", HostCity = "Belgrade", CountryCode = "RS",
            StartDate = new DateTime(2027, 10, 14), EndDate = new DateTime(2027, 10, 15), TimeZoneId = "Europe/Belgrade",
        };
        var cut = Render<EditionForm>(p => p.Add(f => f.Input, input).Add(f => f.OnSubmit, _ =>
        {
            submitted++;
            return Task.FromResult<IReadOnlyDictionary<string, List<string>>>(new Dictionary<string, List<string>>());
        }));

        cut.Find("input[data-field=RegistrationOpens]").Change("next spring");
        cut.Find("button[data-testid=save-edition]").Click();

        cut.WaitForAssertion(() =>
        {
            var error = cut.Find("input[data-field=RegistrationOpens]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error");
            Assert.Contains("Enter a date and a time.", error?.TextContent, StringComparison.Ordinal);
        }, Patience);
        Assert.Equal(0, submitted);
        Assert.Null(input.RegistrationOpens);
    }
}
