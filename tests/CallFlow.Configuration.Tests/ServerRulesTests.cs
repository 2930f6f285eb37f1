namespace CallFlow.Configuration.Tests;

/// <summary>The server section: loopback defaults, addresses, ports, transports and ranges checked.</summary>
public sealed class ServerRulesTests
{
    private static ConfigurationResult Load(string server) => ConfigurationLoader.Parse($$"""{ "server": {{server}} }""", "callflow.json");

    [Fact]
    public void Without_a_server_section_everything_stays_on_loopback()
    {
        var server = ConfigurationLoader.Parse("{}", "callflow.json").Configuration!.Server;
        Assert.Equal(ServerSettings.Default, server);
        Assert.Equal("127.0.0.1", server.SipAddress);
        Assert.Equal(5060, server.SipPort);
    }

    [Fact]
    public void A_full_section_is_read()
    {
        var result = Load("""
            { "sip_address": "0.0.0.0", "sip_port": 5070, "transports": ["udp"], "rtp_port_min": 30000, "rtp_port_max": 30099,
              "media_address": "192.0.2.10", "http_port": 0, "max_calls": 250, "shutdown_grace_seconds": 10, "keep_versions": 3 }
            """);
        Assert.Empty(result.Diagnostics);
        var server = result.Configuration!.Server;
        Assert.Equal(("0.0.0.0", 5070, 30000, 30099, "192.0.2.10", 0, 250, 10, 3),
            (server.SipAddress, server.SipPort, server.RtpPortMin, server.RtpPortMax, server.MediaAddress, server.HttpPort, server.MaxCalls, server.ShutdownGraceSeconds, server.KeepVersions));
        Assert.Equal(["udp"], server.Transports.ToArray());
    }

    [Fact]
    public void Where_placed_calls_go_and_the_park_slots_are_read()
    {
        var result = Load("""{ "pbx_address": "[::1]:5062", "park_slot_min": 700, "park_slot_max": 719 }""");
        Assert.Empty(result.Diagnostics);
        var server = result.Configuration!.Server;
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 5062), server.PbxAddress);
        Assert.Equal((700, 719), (server.ParkSlotMin, server.ParkSlotMax));
        Assert.Null(ServerSettings.Default.PbxAddress);
    }

    [Fact]
    public void The_account_for_a_challenging_PBX_is_read()
    {
        var result = Load("""{ "pbx_auth": { "user": "callflow", "password_file": "secrets/pbx" } }""");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new SipCredentials("callflow", null, "secrets/pbx"), result.Configuration!.Server.PbxAuth);
        Assert.Null(ServerSettings.Default.PbxAuth);
    }

    [Theory]
    [InlineData("""{ "sip_address": "localhost" }""", "server.sip_address", "must be an IP address")]
    [InlineData("""{ "sip_port": 70000 }""", "server.sip_port", "between 1 and 65535")]
    [InlineData("""{ "transports": ["sctp"] }""", "server.transports", "\"udp\" and/or \"tcp\"")]
    [InlineData("""{ "transports": [] }""", "server.transports", "may not be empty")]
    [InlineData("""{ "rtp_port_min": 20001 }""", "server.rtp_port_min", "must be even")]
    [InlineData("""{ "rtp_port_min": 30000, "rtp_port_max": 20000 }""", "server.rtp_port_max", "must be above rtp_port_min")]
    [InlineData("""{ "sip_prot": 5060 }""", "server.sip_prot", "sip_port")]
    [InlineData("""{ "pbx_address": "pbx.example:5060" }""", "server.pbx_address", "IP address and port")]
    [InlineData("""{ "pbx_address": "127.0.0.1" }""", "server.pbx_address", "IP address and port")]
    [InlineData("""{ "park_slot_min": 700, "park_slot_max": 600 }""", "server.park_slot_max", "must not be below park_slot_min")]
    [InlineData("""{ "pbx_auth": { "user": "callflow" } }""", "server.pbx_auth.user", "has no password")]
    [InlineData("""{ "pbx_auth": { "password": "x" } }""", "server.pbx_auth.password", "\"user\" is not")]
    [InlineData("""{ "pbx_auth": { } }""", "server.pbx_auth", "has no \"user\"")]
    [InlineData("""{ "pbx_auth": { "user": "a", "password": "x", "realm": "r" } }""", "server.pbx_auth.realm", "")]
    public void Mistakes_are_reported_at_their_key(string server, string path, string message)
    {
        var result = Load(server);
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(path, diagnostic.Path);
        Assert.Contains(message, diagnostic.ToString());
    }
}
