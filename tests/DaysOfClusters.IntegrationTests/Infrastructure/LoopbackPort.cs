using System.Net;
using System.Net.Sockets;

namespace DaysOfClusters.IntegrationTests.Infrastructure;

/// <summary>Loopback ports for servers the tests start (also linked into the end-to-end tests).</summary>
public static class LoopbackPort
{
    /// <summary>A port nobody listens on at the moment: bound by the system's choice, read, released.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
