using System.Net;

namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    private ServerSettings BindServer(ObjectScope root)
    {
        var d = ServerSettings.Default;
        if (ReadSection(root, "server", ConfigKeys.Server) is not { } scope)
            return d;
        var sipAddress = ReadAddress(scope, "sip_address") ?? d.SipAddress;
        var rtpMin = ReadInt(scope, "rtp_port_min", d.RtpPortMin, 1024, 65534, "");
        var rtpMax = ReadInt(scope, "rtp_port_max", d.RtpPortMax, 1025, 65535, "");
        if (rtpMin % 2 != 0 && scope["rtp_port_min"] is { } odd)
            _sink.Error(odd.Value.Offset, scope.PathOf("rtp_port_min"), ConfigurationCodes.InvalidValue,
                $"rtp_port_min must be even (RTP takes even ports, RTCP the odd one above); found {rtpMin}", $"use {rtpMin - 1} or {rtpMin + 1}");
        if (rtpMax <= rtpMin && scope["rtp_port_max"] is { } max)
            _sink.Error(max.Value.Offset, scope.PathOf("rtp_port_max"), ConfigurationCodes.Inconsistent,
                $"rtp_port_max ({rtpMax}) must be above rtp_port_min ({rtpMin})");
        var parkMin = ReadInt(scope, "park_slot_min", d.ParkSlotMin, 1, 999_999_999, "");
        var parkMax = ReadInt(scope, "park_slot_max", d.ParkSlotMax, 1, 999_999_999, "");
        if (parkMax < parkMin && scope["park_slot_max"] is { } lastSlot)
            _sink.Error(lastSlot.Value.Offset, scope.PathOf("park_slot_max"), ConfigurationCodes.Inconsistent,
                $"park_slot_max ({parkMax}) must not be below park_slot_min ({parkMin})");
        return new ServerSettings(
            sipAddress,
            ReadInt(scope, "sip_port", d.SipPort, 1, 65535, ""),
            BindTransports(scope) ?? d.Transports,
            rtpMin,
            rtpMax,
            ReadAddress(scope, "media_address") ?? sipAddress,
            ReadAddress(scope, "http_address") ?? d.HttpAddress,
            ReadInt(scope, "http_port", d.HttpPort, 0, 65535, ""),
            ReadInt(scope, "max_calls", d.MaxCalls, 1, 100_000, "calls"),
            ReadInt(scope, "shutdown_grace_seconds", d.ShutdownGraceSeconds, 0, 3600, "seconds"),
            ReadInt(scope, "keep_versions", d.KeepVersions, 1, 100, "versions"),
            ReadInt(scope, "answer_delay_ms", d.AnswerDelayMilliseconds, 0, 10_000, "milliseconds"),
            ReadEndPoint(scope, "pbx_address"),
            parkMin,
            parkMax,
            BindPbxAuth(scope));
    }

    /// <summary>server.pbx_auth: user with password or password_file, checked as an SMTP sender's are.</summary>
    private SipCredentials? BindPbxAuth(ObjectScope server)
    {
        if (ReadSection(server, "pbx_auth", ConfigKeys.PbxAuth) is not { } scope)
            return null;
        var (user, password, passwordFile, _) = BindCredentials(scope);
        if (user is null && password is null && passwordFile is null)
            _sink.Error(scope.Node.Offset, scope.Path, ConfigurationCodes.MissingKey, "pbx_auth has no \"user\"",
                "add \"user\" and \"password_file\" (or \"password\"), or remove pbx_auth");
        return user is null ? null : new SipCredentials(user, password, passwordFile);
    }

    private string? ReadAddress(ObjectScope scope, string key)
    {
        if (ReadString(scope, key) is not { } text)
            return null;
        if (IPAddress.TryParse(text, out var address) && text.Trim() == text)
            return address.ToString();
        var property = scope[key]!;
        _sink.Error(property.Value.Offset, scope.PathOf(key), ConfigurationCodes.InvalidValue,
            $"{key} must be an IP address such as \"127.0.0.1\" or \"::1\"; found \"{text}\"", "use 0.0.0.0 to listen on every IPv4 interface");
        return null;
    }

    private IPEndPoint? ReadEndPoint(ObjectScope scope, string key)
    {
        if (ReadString(scope, key) is not { } text)
            return null;
        // An address and a port, not a host name: CallFlow does no DNS, so where it sends is exactly what is written.
        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0 && text.Trim() == text)
            return endPoint;
        _sink.Error(scope[key]!.Value.Offset, scope.PathOf(key), ConfigurationCodes.InvalidValue,
            $"{key} must be an IP address and port such as \"127.0.0.1:5062\" or \"[::1]:5062\"; found \"{text}\"", "name the PBX by address; host names are not looked up");
        return null;
    }

    private System.Collections.Immutable.ImmutableArray<string>? BindTransports(ObjectScope scope)
    {
        var items = ReadList(scope, "transports");
        if (scope["transports"] is null)
            return null;
        var transports = new List<string>();
        foreach (var item in items)
        {
            if (item is Json.ConfigScalar { Type: System.Text.Json.JsonTokenType.String, Text: "udp" or "tcp" } scalar && !transports.Contains(scalar.Text))
                transports.Add(scalar.Text);
            else
                _sink.Error(item.Offset, scope.PathOf("transports"), ConfigurationCodes.InvalidValue,
                    $"transports lists \"udp\" and/or \"tcp\", each once; found {item.Describe()}");
        }
        if (transports.Count == 0 && items.Length == 0)
            _sink.Error(scope["transports"]!.Value.Offset, scope.PathOf("transports"), ConfigurationCodes.InvalidValue,
                "transports may not be empty: SIP needs \"udp\" or \"tcp\"");
        return [.. transports];
    }
}
