using System.Diagnostics;

namespace DaysOfClusters.IntegrationTests.CheckIn;

public sealed class ScannerJsTests
{
    /// <summary>Runs the Node tests of the offline verifier (tests/js) so the one test command covers them.</summary>
    [Fact]
    public async Task NodeTests_WhenRun_ExitWithZero()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "DaysOfClusters.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        var psi = new ProcessStartInfo("node", "--test tests/js") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"node --test tests/js exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
