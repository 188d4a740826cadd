using Bunit;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Registration.Pages;
using Microsoft.AspNetCore.Components;

namespace DaysOfClusters.ComponentTests.Registration;

/// <summary>The person's fields, one copy for the public form, the manage page, the organisers' dialog and the walk-in desk.</summary>
public sealed class PersonFieldsTests : MudComponentTestBase
{
    private static readonly IReadOnlyList<Country> Countries =
    [
        new() { Code = "RS", Name = "Serbia", NameSr = "Srbija", Continent = Continent.Europe },
        new() { Code = "AT", Name = "Austria", NameSr = "Austrija", Continent = Continent.Europe },
    ];

    private IRenderedComponent<PersonFields> RenderFields(IPersonInput input, bool autofill = true, Dictionary<string, List<string>>? errors = null)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<PersonFields>(p => p
            .Add(f => f.Input, input)
            .Add(f => f.Countries, Countries)
            .Add(f => f.Errors, errors ?? [])
            .Add(f => f.IdPrefix, "walkin")
            .Add(f => f.Autofill, autofill));
    }

    [Fact]
    public void Render_WhenAtTheDesk_NoFieldOffersTheBrowsersSavedDetails()
    {
        var cut = RenderFields(new WalkInInput(), autofill: false);

        var fields = cut.FindAll("input[data-field], select[data-field]");
        Assert.Equal(8, fields.Count);
        Assert.All(fields, f => Assert.Equal("off", f.GetAttribute("autocomplete")));
    }

    [Fact]
    public void Render_WhenOnThePublicForm_EachFieldNamesWhatTheBrowserMayFill()
    {
        var cut = RenderFields(new RegistrationInput());

        Assert.Equal("given-name", cut.Find("[data-field=FirstName]").GetAttribute("autocomplete"));
        Assert.Equal("email", cut.Find("[data-field=Email]").GetAttribute("autocomplete"));
        Assert.Equal("country", cut.Find("[data-field=CountryCode]").GetAttribute("autocomplete"));
    }

    [Fact]
    public void Change_WhenCountryAndTypePicked_WriteTheWalkInsInput()
    {
        var input = new WalkInInput();
        var cut = RenderFields(input, autofill: false);

        cut.Find("[data-field=CountryCode]").Change("AT");
        cut.Find("[data-field=OrganisationType]").Change(nameof(OrganisationType.ClusterOrganisation));
        cut.Find("[data-field=FirstName]").Change("Đorđe");

        Assert.Equal("AT", input.CountryCode);
        Assert.Equal(OrganisationType.ClusterOrganisation, input.OrganisationType);
        Assert.Equal("Đorđe", input.FirstName);
        // Countries in the page's order (by name), with an empty first choice so nothing is picked for the person.
        Assert.Equal(["", "AT", "RS"], cut.FindAll("[data-field=CountryCode] option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void Render_WhenTheServiceRefusedAField_ShowsItsMessageBesideItAndMarksItInvalid()
    {
        var errors = new Dictionary<string, List<string>> { [nameof(IPersonInput.CountryCode)] = ["Choose their country."] };
        var cut = RenderFields(new WalkInInput(), autofill: false, errors: errors);

        var country = cut.Find("[data-field=CountryCode]");
        Assert.Equal("true", country.GetAttribute("aria-invalid"));
        var message = cut.Find("#walkin-CountryCode-error");
        Assert.Equal("Choose their country.", message.TextContent.Trim());
        Assert.Contains("walkin-CountryCode-error", country.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Null(cut.Find("[data-field=FirstName]").GetAttribute("aria-invalid"));
    }
}
