using System.Net;
using System.Net.Sockets;

namespace CallFlow.Media;

/// <summary>
/// Hands out UDP sockets bound to even ports of a range (RFC 3550 §11: RTP on an even port, RTCP on the odd one
/// above, which CallFlow leaves unbound). Successive binds go round the range, so a port just released is not taken
/// again at once and a late packet of the old call cannot land in the new one. Share one allocator per server.
/// </summary>
/// <example><code>var ports = new RtpPortAllocator(10000, 20000); using var socket = ports.Bind(IPAddress.Any);</code></example>
public sealed class RtpPortAllocator
{
    private readonly int _evenCount;
    private int _next = -1;

    /// <summary>Creates an allocator over <paramref name="first"/>..<paramref name="last"/> (both inclusive).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Ports outside 1024..65535, or a range with no even port.</exception>
    public RtpPortAllocator(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, IPEndPoint.MaxPort);
        (First, Last) = (first + (first & 1), last);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(First, Last, nameof(first));
        _evenCount = (Last - First) / 2 + 1;
    }

    /// <summary>10000..20000, the range Asterisk's rtp.conf starts with: room for 5000 calls.</summary>
    public static RtpPortAllocator Default { get; } = new(10000, 20000);

    /// <summary>The lowest even port used.</summary>
    public int First { get; }

    /// <summary>The highest port of the range.</summary>
    public int Last { get; }

    /// <summary>
    /// Binds a new UDP socket on <paramref name="address"/> to the next free even port. An IPv6 any-address socket
    /// also takes IPv4 (dual mode).
    /// </summary>
    /// <exception cref="InvalidOperationException">Every port of the range is in use.</exception>
    public Socket Bind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        for (var attempt = 0; attempt < _evenCount; attempt++)
        {
            var port = First + 2 * (int)((uint)Interlocked.Increment(ref _next) % (uint)_evenCount);
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (address.Equals(IPAddress.IPv6Any))
                    socket.DualMode = true;
                socket.Bind(new IPEndPoint(address, port));
                return socket;
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                socket.Dispose();
            }
        }
        throw new InvalidOperationException($"no free UDP port for RTP between {First} and {Last} on {address}");
    }
}
