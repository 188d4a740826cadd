using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>
/// Every Expect waits up to 15 s for what a person would see, not Playwright's 5 s: on a loaded 2-core machine a server
/// round trip (a hub joining its group, a render after a click) has been seen to take longer than 5 s, and an expectation
/// that holds returns as soon as it holds, so the longer bound costs nothing when the machine is idle.
/// </summary>
internal static class ExpectTimeouts
{
    [ModuleInitializer]
    internal static void Initialise() => Assertions.SetDefaultExpectTimeout(15_000);
}
