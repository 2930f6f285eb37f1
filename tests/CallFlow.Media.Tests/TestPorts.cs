namespace CallFlow.Media.Tests;

/// <summary>One port range for every test session, away from the default one a running server would use.</summary>
internal static class TestPorts
{
    public static RtpPortAllocator Allocator { get; } = new(47000, 47898);
}
