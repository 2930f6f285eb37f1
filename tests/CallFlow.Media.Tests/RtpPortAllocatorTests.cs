using System.Net;

namespace CallFlow.Media.Tests;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void Only_even_ports_are_used_and_a_full_range_says_so()
    {
        var allocator = new RtpPortAllocator(47949, 47951); // one even port: 47950, outside TestPorts
        Assert.Equal(47950, allocator.First);

        using var socket = allocator.Bind(IPAddress.Loopback);
        Assert.Equal(47950, ((IPEndPoint)socket.LocalEndPoint!).Port);
        var error = Assert.Throws<InvalidOperationException>(() => allocator.Bind(IPAddress.Loopback));
        Assert.Contains("47950", error.Message);
    }

    [Fact]
    public void Refuses_privileged_ports_and_ranges_without_an_even_port()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(80, 2000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(40001, 40001));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(40000, 70000));
    }
}
