using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.UnitTests.Registration;

public sealed class OrganisationTypesTests
{
    [Theory]
    [InlineData(OrganisationType.ClusterOrganisation, Pillar.Business)]
    [InlineData(OrganisationType.CompanySme, Pillar.Business)]
    [InlineData(OrganisationType.AcademiaResearch, Pillar.Academia)]
    [InlineData(OrganisationType.PublicSector, Pillar.PublicSector)]
    [InlineData(OrganisationType.InternationalOrganisation, Pillar.PublicSector)]
    [InlineData(OrganisationType.SupportInstitutionNgo, Pillar.Other)]
    [InlineData(OrganisationType.Media, Pillar.Other)]
    public void PillarOf_WhenType_IsItsPillar(OrganisationType type, Pillar expected) =>
        Assert.Equal(expected, OrganisationTypes.PillarOf(type));

    [Theory]
    [InlineData(OrganisationType.CompanySme, "Company / SME")]
    [InlineData(OrganisationType.AcademiaResearch, "Academia / research")]
    [InlineData(OrganisationType.SupportInstitutionNgo, "Support institution / NGO")]
    [InlineData(OrganisationType.Other, "Other")]
    public void Label_WhenOrganisationType_IsTheReportLabel(OrganisationType type, string expected) =>
        Assert.Equal(expected, OrganisationTypes.Label(type));

    [Fact]
    public void Label_WhenPillar_IsTheReportLabel() =>
        Assert.Equal(["Business", "Academia", "Public sector", "Other"], Enum.GetValues<Pillar>().Select(OrganisationTypes.Label));
}
