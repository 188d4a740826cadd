namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>Section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>True: no demo edition (nor demo agenda, organisations and past editions) is loaded into an empty database.</summary>
    public bool Disabled { get; set; }
}
