namespace DaysOfClusters.Web.Components.Shared;

/// <summary>
/// Where a <see cref="LiveRefresh"/> hears that the data it keeps current changed: hints raised in this process and, when
/// the app runs as several instances, a relay through which the browser hears the other instances' hints.
/// </summary>
public interface ILiveSource
{
    /// <summary>Raised, on any thread, with the scope (an edition id) whose data changed in this process.</summary>
    event Action<int>? Changed;

    /// <summary>This process among several instances: a relayed hint that started here came through <see cref="Changed"/> already.</summary>
    string InstanceId { get; }

    /// <summary>
    /// The browser module of the relay, or null on a single instance. Its <c>watch(circuit, hub, scope)</c> connects to
    /// <see cref="RelayHub"/>, calls the circuit's <c>OnRemoteScan(scope, origin)</c> for every hint relayed and
    /// <c>OnLiveState(connected, reconnected)</c> when its connection changes, and returns an object with <c>stop()</c>.
    /// </summary>
    string? RelayModule { get; }

    /// <summary>The hub the relay module connects to, relative to the base address.</summary>
    string RelayHub { get; }

    /// <summary>Whether hints get from instance to instance now (the backplane is reachable).</summary>
    bool RelayReachable { get; }

    /// <summary>Raised, on any thread, when <see cref="RelayReachable"/> changes.</summary>
    event Action? RelayReachableChanged;
}
