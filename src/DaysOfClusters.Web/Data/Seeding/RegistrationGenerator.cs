using System.Text.Json;
using Bogus;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>Synthetic attendees spread over countries, continents and organisation types, for demo data, tests and the bench.</summary>
public sealed class RegistrationGenerator
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record GeneratorInputs(Dictionary<string, double> CountryWeights, Dictionary<string, double> OrganisationTypeWeights, List<string> Sectors);

    private readonly GeneratorInputs _inputs;

    public RegistrationGenerator()
    {
        _inputs = JsonSerializer.Deserialize<GeneratorInputs>(File.ReadAllText(SeedData.PathOf("demo-generator.json")), JsonOptions)!;
    }

    public IReadOnlyCollection<string> CountryCodes => _inputs.CountryWeights.Keys;

    /// <summary>Attendee fields only (no edition, category or status), deterministic for a seed.</summary>
    public IEnumerable<GeneratedAttendee> Attendees(int count, int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var countries = _inputs.CountryWeights.Keys.ToArray();
        var countryWeights = Probabilities(_inputs.CountryWeights.Values);
        var types = _inputs.OrganisationTypeWeights.Keys.Select(Enum.Parse<OrganisationType>).ToArray();
        var typeWeights = Probabilities(_inputs.OrganisationTypeWeights.Values);
        for (var i = 0; i < count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var type = faker.Random.WeightedRandom(types, typeWeights);
            var sector = faker.PickRandom(_inputs.Sectors);
            var organisation = type switch
            {
                OrganisationType.ClusterOrganisation => $"{sector} Cluster {faker.Address.City()} (demo)",
                OrganisationType.AcademiaResearch => $"University of {faker.Address.City()} (demo)",
                OrganisationType.PublicSector => $"Regional Development Agency {faker.Address.City()} (demo)",
                _ => $"{faker.Company.CompanyName()} (demo)",
            };
            yield return new GeneratedAttendee(
                first, last, $"demo.{i}.{seed}.{first}.{last}@example.org".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
                organisation, type, faker.Name.JobTitle(), faker.Random.WeightedRandom(countries, countryWeights));
        }
    }

    /// <summary>Bogus's WeightedRandom expects probabilities summing to 1; with raw weights it always picked the first item.</summary>
    private static float[] Probabilities(IEnumerable<double> weights)
    {
        var list = weights.ToList();
        var total = list.Sum();
        return list.Select(w => (float)(w / total)).ToArray();
    }
}

public sealed record GeneratedAttendee(string FirstName, string LastName, string Email, string Organisation, OrganisationType OrganisationType, string JobTitle, string CountryCode);
