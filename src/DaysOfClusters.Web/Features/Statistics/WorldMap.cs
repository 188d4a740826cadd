using System.Text.Json;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>One country outline of the world map; <see cref="Code"/> is the upper-case ISO 3166-1 code (XK for Kosovo).</summary>
public sealed record MapShape(string Code, string Name, string Path);

/// <summary>
/// The world map of the npm package @svg-maps/world (Victor Cazanave, after mapsvg.com; CC BY 4.0), copied to
/// wwwroot/lib/svg-maps/world at build time and read once; the page renders the paths server-side.
/// </summary>
public sealed class WorldMap(IWebHostEnvironment environment, ILogger<WorldMap> logger)
{
    public const string Credit = "World map: @svg-maps/world by Victor Cazanave, after mapsvg.com, CC BY 4.0";
    public const string LicenceUrl = "https://creativecommons.org/licenses/by/4.0/";

    private readonly Lazy<(string ViewBox, IReadOnlyList<MapShape> Shapes)?> _data = new(() => Load(environment, logger));

    public bool IsAvailable => _data.Value is not null;
    public string ViewBox => _data.Value?.ViewBox ?? "0 0 1010 666";
    public IReadOnlyList<MapShape> Shapes => _data.Value?.Shapes ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record MapFile(string ViewBox, List<MapLocation> Locations);
    private sealed record MapLocation(string Id, string Name, string Path);

    private static (string, IReadOnlyList<MapShape>)? Load(IWebHostEnvironment environment, ILogger logger)
    {
        var root = environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot");
        var file = Path.Combine(root, "lib", "svg-maps", "world", "index.js");
        if (!File.Exists(file))
        {
            logger.LogWarning("The world map {File} is missing; run the build (npm assets) to restore it.", file);
            return null;
        }
        // The module is "export default {json}".
        var text = File.ReadAllText(file);
        var json = text[text.IndexOf('{', StringComparison.Ordinal)..(text.LastIndexOf('}') + 1)];
        var map = JsonSerializer.Deserialize<MapFile>(json, JsonOptions)!;
        var shapes = map.Locations
            .Select(l => new MapShape(l.Id.ToUpperInvariant(), l.Name, l.Path))
            .ToList();
        return (map.ViewBox, shapes);
    }
}
