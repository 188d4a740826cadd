namespace DaysOfClusters.Web.Data.Migrations;

/// <summary>
/// Serbian (Latin) names for the sectors a new installation starts with, written by the SectorSerbianNames migrations of
/// both providers. Only where the English name is still the seeded one and no Serbian name was entered.
/// </summary>
public static class SeededSectorSerbianNames
{
    public static readonly IReadOnlyList<(string Name, string NameSr)> Seeded =
    [
        ("ICT", "IKT"), ("Agri-food", "Agroprehrana"), ("Energy and renewables", "Energetika i obnovljivi izvori"),
        ("Wood and furniture", "Drvo i nameštaj"), ("Textiles and clothing", "Tekstil i odeća"), ("Tourism", "Turizam"),
        ("Automotive", "Automobilska industrija"), ("Creative industries", "Kreativne industrije"), ("Construction", "Građevinarstvo"),
        ("Health and life sciences", "Zdravstvo i nauke o životu"), ("Logistics and transport", "Logistika i transport"),
        ("Metal processing", "Metaloprerada"), ("Electronics and mechatronics", "Elektronika i mehatronika"),
        ("Plastics and chemicals", "Plastika i hemija"), ("Environment and circular economy", "Životna sredina i cirkularna ekonomija"),
    ];

    /// <summary>The UPDATE statements, the same SQL on SQLite and PostgreSQL.</summary>
    public static string Sql => string.Join("\n", Seeded.Select(s =>
        $"""UPDATE "Sector" SET "NameSr" = '{s.NameSr.Replace("'", "''", StringComparison.Ordinal)}' WHERE "Name" = '{s.Name}' AND "NameSr" IS NULL;"""));
}
