namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// What an organisation type means for the reports: its pillar and the English labels of both, shown by statistics,
/// exports and the network pages. (The registration form shows the translated OrgType_* texts instead.)
/// </summary>
public static class OrganisationTypes
{
    /// <summary>Clusters and SMEs are the business pillar; support bodies and international organisations count as public sector.</summary>
    public static Pillar PillarOf(OrganisationType type) => type switch
    {
        OrganisationType.ClusterOrganisation or OrganisationType.CompanySme => Pillar.Business,
        OrganisationType.AcademiaResearch => Pillar.Academia,
        OrganisationType.PublicSector or OrganisationType.InternationalOrganisation => Pillar.PublicSector,
        _ => Pillar.Other,
    };

    public static string Label(OrganisationType type) => type switch
    {
        OrganisationType.ClusterOrganisation => "Cluster organisation",
        OrganisationType.CompanySme => "Company / SME",
        OrganisationType.AcademiaResearch => "Academia / research",
        OrganisationType.PublicSector => "Public sector",
        OrganisationType.SupportInstitutionNgo => "Support institution / NGO",
        OrganisationType.InternationalOrganisation => "International organisation",
        OrganisationType.Media => "Media",
        _ => "Other",
    };

    public static string Label(Pillar pillar) => pillar switch
    {
        Pillar.Business => "Business",
        Pillar.Academia => "Academia",
        Pillar.PublicSector => "Public sector",
        _ => "Other",
    };
}
