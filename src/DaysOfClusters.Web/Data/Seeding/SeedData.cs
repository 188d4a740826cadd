namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>Finds the seed-data folder: next to the app when built, else up the tree (dotnet run from the repository).</summary>
public static class SeedData
{
    public static string Folder()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "seed-data");
        if (Directory.Exists(local)) return local;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seed-data");
            if (File.Exists(Path.Combine(candidate, "countries.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("seed-data folder not found next to the app or above it.");
    }

    public static string PathOf(string fileName) => Path.Combine(Folder(), fileName);
}
