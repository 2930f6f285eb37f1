using System.Net;
using System.Net.Sockets;

namespace CallFlow.Server.Tests;

/// <summary>
/// Ports free on loopback now, for servers, SIPp and test peers started side by side: every test takes fresh ones, so
/// tests (and other test runs on the machine) never collide on a fixed port.
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>A port free for both UDP and TCP (SIP listens on both).</summary>
    public static int FreeUdpAndTcpPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreeTcpPort();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free port");
    }

    /// <summary>A TCP port free now (nothing listens on it once this returns).</summary>
    public static int FreeTcpPort()
    {
        using var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        return ((IPEndPoint)tcp.LocalEndpoint).Port;
    }

    /// <summary>
    /// An even UDP port with the three above it free too (SIPp's -mp takes audio RTP and RTCP and a video pair), so a
    /// media port can be given to a peer and watched before the call.
    /// </summary>
    public static int FreeMediaPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(40000, 50000) & ~1;
            var sockets = new List<UdpClient>();
            try
            {
                for (var i = 0; i < 4; i++)
                    sockets.Add(new UdpClient(new IPEndPoint(IPAddress.Loopback, port + i)));
                return port;
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(socket => socket.Dispose());
            }
        }
        throw new InvalidOperationException("no free media ports");
    }
}
