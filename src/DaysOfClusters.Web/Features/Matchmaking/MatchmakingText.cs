namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Free text typed into matchmaking (profile texts, messages, table names), stored trimmed and within its column.</summary>
internal static class MatchmakingText
{
    /// <summary>The trimmed text cut to <paramref name="max"/> characters; null when nothing is left.</summary>
    public static string? Clip(string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}
