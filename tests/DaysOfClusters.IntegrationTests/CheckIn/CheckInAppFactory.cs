using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>The real app on its own database in a temporary folder, no demo data: the shared test host as it is.</summary>
public sealed class CheckInAppFactory : AppFactory;
