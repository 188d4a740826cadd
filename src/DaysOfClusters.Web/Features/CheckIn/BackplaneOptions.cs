namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Section <c>Redis</c>: the check-in hub's Redis backplane (used when <c>ConnectionStrings:Redis</c> is set).</summary>
public sealed class BackplaneOptions
{
    public const string Section = "Redis";

    /// <summary>Prefix of the Redis channels: the same for the instances of one installation, different for installations sharing a Redis.</summary>
    public string ChannelPrefix { get; set; } = "DaysOfClusters";
}
