namespace DaysOfClusters.Web.Features.Editions;

/// <summary>What kind of event an edition is; it picks the defaults an organiser starts from.</summary>
public enum EventKind
{
    /// <summary>The yearly conference: public registration, categories, agenda, B2B.</summary>
    Conference = 0,

    /// <summary>Clusters around one table with officials: invitation-only, one room, minutes afterwards.</summary>
    RoundTable = 1,

    /// <summary>A one-day national event with partners such as an embassy.</summary>
    NationalDay = 2,

    /// <summary>A course of sessions at the network's training centre, attendance counted per session.</summary>
    Training = 3,

    /// <summary>B2B/C2C meetings only.</summary>
    MatchmakingDay = 4,
}

/// <summary>
/// A line of events the network runs again and again (Days of Clusters, the cluster round tables, the Serbian Cluster Day,
/// trainings, matchmaking days). Every edition belongs to one; its ordinal counts within the series.
/// </summary>
public sealed class Series
{
    public int Id { get; set; }

    /// <summary>Short and stable, for links and the API (<c>/series/dofc</c>, <c>/api/events?series=dofc</c>).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameSr { get; set; }

    /// <summary>#RRGGBB, for the series' chip and its events' cards.</summary>
    public required string Colour { get; set; }

    /// <summary>The logo under wwwroot (e.g. img/series/dofc.svg), or null for the network's own.</summary>
    public string? LogoPath { get; set; }
    public string? Description { get; set; }
    public string? DescriptionSr { get; set; }

    /// <summary>The kind a new event of this series starts as.</summary>
    public EventKind DefaultKind { get; set; }
    public int SortOrder { get; set; }

    public string DisplayName(bool serbian) => serbian && !string.IsNullOrWhiteSpace(NameSr) ? NameSr : Name;

    public string? DisplayDescription(bool serbian) => serbian && !string.IsNullOrWhiteSpace(DescriptionSr) ? DescriptionSr : Description;
}

/// <summary>The series every database starts with; their ids are fixed by the migration that made them.</summary>
public static class SeriesCatalogue
{
    public const int DaysOfClustersId = 1;
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;

    /// <summary>
    /// The English name of a seeded series, for titles built from an edition alone ("3rd Cluster Round Table"). Series
    /// are the migration's today (no page edits them), so the catalogue is their names' one source.
    /// </summary>
    public static string NameOf(int seriesId) => Seeded.FirstOrDefault(s => s.Id == seriesId)?.Name ?? "event";

    public static IReadOnlyList<Series> Seeded { get; } =
    [
        new()
        {
            Id = DaysOfClustersId, Code = "dofc", Name = "Days of Clusters", NameSr = "Dani klastera", Colour = "#1B3A6B", LogoPath = "img/logo.svg",
            DefaultKind = EventKind.Conference, SortOrder = 1,
            Description = "The yearly cluster conference of South-East Europe: round tables with EC officers, B2B matchmaking, and the Balkan and Black Sea cluster network in one place.",
            DescriptionSr = "Godišnja klasterska konferencija Jugoistočne Evrope: okrugli stolovi sa službenicima Evropske komisije, B2B susreti i klasterska mreža Balkana i Crnog mora na jednom mestu.",
        },
        new()
        {
            Id = 2, Code = "round-table", Name = "Cluster Round Table", NameSr = "Okrugli sto klastera", Colour = "#00838F", LogoPath = "img/logo.svg",
            DefaultKind = EventKind.RoundTable, SortOrder = 2,
            Description = "Cluster managers around one table with European Commission officers and ministries: by invitation, one seat per member organisation.",
            DescriptionSr = "Menadžeri klastera za jednim stolom sa službenicima Evropske komisije i ministarstava: po pozivu, jedno mesto po članici.",
        },
        new()
        {
            Id = 3, Code = "serbian-day", Name = "Serbian Cluster Day", NameSr = "Dan klastera Srbije", Colour = "#C62828", LogoPath = "img/logo.svg",
            DefaultKind = EventKind.NationalDay, SortOrder = 3,
            Description = "The national day of Serbia's clusters, held with partners such as embassies and chambers of commerce.",
            DescriptionSr = "Nacionalni dan klastera Srbije, uz partnere kao što su ambasade i privredne komore.",
        },
        new()
        {
            Id = 4, Code = "training", Name = "Training", NameSr = "Obuka", Colour = "#2E7D32", LogoPath = "img/logo.svg",
            DefaultKind = EventKind.Training, SortOrder = 4,
            Description = "Courses for cluster managers and members at the network's training centre in Leskovac.",
            DescriptionSr = "Kursevi za menadžere i članice klastera u trening centru mreže u Leskovcu.",
        },
        new()
        {
            Id = 5, Code = "matchmaking", Name = "Matchmaking Day", NameSr = "Dan poslovnih susreta", Colour = "#F9A825", LogoPath = "img/logo.svg",
            DefaultKind = EventKind.MatchmakingDay, SortOrder = 5,
            Description = "A day of booked B2B and cluster-to-cluster meetings.",
            DescriptionSr = "Dan zakazanih B2B susreta i susreta klastera sa klasterima.",
        },
    ];
}
