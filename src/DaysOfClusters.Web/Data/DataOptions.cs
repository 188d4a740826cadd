namespace DaysOfClusters.Web.Data;

/// <summary>
/// Section <c>Data</c>. The database set-up reads it before the services exist (<see cref="DatabaseSetup.DataFolder(IConfiguration, IHostEnvironment)"/>);
/// services that keep files beside the database (mail pickup folder, e-mail hash key) take it from here.
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Where the database and the app's files live; relative to the content root unless rooted.</summary>
    public string Folder { get; set; } = "data";
}
