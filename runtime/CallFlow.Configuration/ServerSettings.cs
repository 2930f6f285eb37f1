using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>
/// The <c>server</c> section: where <c>vmc serve</c> listens for SIP and HTTP, which UDP ports it takes for RTP, and how
/// it starts and stops. Defaults keep everything on the loopback interface, so a fresh install reaches nothing outside.
/// </summary>
/// <param name="SipAddress">The address SIP listens on (default 127.0.0.1).</param>
/// <param name="SipPort">The SIP port, UDP and TCP (default 5060).</param>
/// <param name="Transports">"udp" and/or "tcp" (default both).</param>
/// <param name="RtpPortMin">First UDP port for RTP (even; default 20000).</param>
/// <param name="RtpPortMax">Last UDP port for RTP (default 20999).</param>
/// <param name="MediaAddress">The address put in SDP and used for RTP (default the SIP address).</param>
/// <param name="HttpAddress">The address of the health and metrics endpoint (default 127.0.0.1).</param>
/// <param name="HttpPort">Its port (default 8080; 0 turns it off).</param>
/// <param name="MaxCalls">Calls at once; more are refused with 503 (default 1000).</param>
/// <param name="ShutdownGraceSeconds">On shutdown, how long calls in progress may go on (default 30).</param>
/// <param name="KeepVersions">How many published root.vmp versions are kept for rollback (default 5).</param>
/// <param name="AnswerDelayMilliseconds">How long an incoming call rings (180) before it is answered (default 0).</param>
/// <param name="PbxAddress">Where calls CallFlow places go (pages, transfer targets), as "address:port"; null sends them
/// to the server the current call came from.</param>
/// <param name="ParkSlotMin">First park slot number (default 9000).</param>
/// <param name="ParkSlotMax">Last park slot number (default 9099).</param>
/// <param name="PbxAuth">The account for a PBX that challenges CallFlow's own INVITEs; null answers no challenge.</param>
public sealed record ServerSettings(
    string SipAddress,
    int SipPort,
    ImmutableArray<string> Transports,
    int RtpPortMin,
    int RtpPortMax,
    string MediaAddress,
    string HttpAddress,
    int HttpPort,
    int MaxCalls,
    int ShutdownGraceSeconds,
    int KeepVersions,
    int AnswerDelayMilliseconds = 0,
    System.Net.IPEndPoint? PbxAddress = null,
    int ParkSlotMin = 9000,
    int ParkSlotMax = 9099,
    SipCredentials? PbxAuth = null)
{
    /// <summary>Everything on loopback: SIP 5060 (UDP and TCP), RTP 20000-20999, HTTP 8080.</summary>
    public static ServerSettings Default { get; } = new("127.0.0.1", 5060, ["udp", "tcp"], 20000, 20999, "127.0.0.1", "127.0.0.1", 8080, 1000, 30, 5);
}
