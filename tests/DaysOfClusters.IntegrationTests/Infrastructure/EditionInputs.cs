using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.IntegrationTests.Infrastructure;

/// <summary>Valid edition input to start from; each test breaks one thing.</summary>
public static class EditionInputs
{
    public static readonly DateTime Start = new(DateTime.UtcNow.Year + 1, 10, 14);

    public static EditionInput Valid(int ordinal = 8, string? slug = null, string title = "Clusters for resilience") => new()
    {
        Ordinal = ordinal,
        Title = title,
        Slug = slug ?? $"{EditionRules.Ordinal(ordinal)}-days-of-clusters",
        HostCity = "Belgrade",
        CountryCode = "RS",
        Venue = "Sava Centar",
        StartDate = Start,
        EndDate = Start.AddDays(1),
        TimeZoneId = "Europe/Belgrade",
        RegistrationOpens = Start.AddDays(-60),
        RegistrationCloses = Start.AddDays(-1).AddHours(23),
        Capacity = 400,
        Description = "Synthetic test edition.",
    };
}
