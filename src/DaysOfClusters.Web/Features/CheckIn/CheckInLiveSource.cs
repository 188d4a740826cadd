using DaysOfClusters.Web.Components.Shared;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// What keeps the check-in dashboard live (<see cref="LiveRefresh"/>): the scans this process records and, with a Redis
/// backplane, <see cref="CheckInHub"/>, through which the dashboard's browser hears the other instances' scans.
/// </summary>
public sealed class CheckInLiveSource(CheckInNotifier notifier, BackplaneHealth backplane, IConfiguration configuration) : ILiveSource
{
    public event Action<int>? Changed
    {
        add => notifier.ScanRecorded += value;
        remove => notifier.ScanRecorded -= value;
    }

    public string InstanceId => notifier.InstanceId;

    public string? RelayModule => CheckInLiveUpdates.BackplaneConfigured(configuration) ? "./js/checkin-live.js" : null;

    public string RelayHub => CheckInHub.Path.TrimStart('/');

    public bool RelayReachable => backplane.Reachable;

    public event Action? RelayReachableChanged
    {
        add => backplane.Changed += value;
        remove => backplane.Changed -= value;
    }
}
