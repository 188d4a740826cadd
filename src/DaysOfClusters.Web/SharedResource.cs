namespace DaysOfClusters.Web;

/// <summary>Marker for the app-wide strings in Resources/SharedResource*.resx (layout, common words).</summary>
public sealed class SharedResource;
