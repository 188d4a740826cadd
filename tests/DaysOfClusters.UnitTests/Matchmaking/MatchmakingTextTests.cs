using DaysOfClusters.Web.Features.Matchmaking;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class MatchmakingTextTests
{
    [Theory]
    [InlineData(null, 5, null)]
    [InlineData("   ", 5, null)]
    [InlineData("  ab  ", 5, "ab")]
    [InlineData(" abcdefg ", 5, "abcde")]
    public void Clip_WhenTextGiven_TrimsAndCutsToTheLimit(string? text, int max, string? expected) =>
        Assert.Equal(expected, MatchmakingText.Clip(text, max));
}
