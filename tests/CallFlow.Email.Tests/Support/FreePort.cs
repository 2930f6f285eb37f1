using System.Net;
using System.Net.Sockets;

namespace CallFlow.Email.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
