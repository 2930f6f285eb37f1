using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace CallFlow.Sip;

/// <summary>
/// One via-parm of a Via header (RFC 3261 §20.42, §25.1): sent-protocol, sent-by and parameters. LWS is allowed
/// around the slashes and the colon, as in RFC 4475 wsinv.
/// </summary>
/// <example><code>
/// SipVia.TryParse("SIP/2.0/UDP pc33.example.com:5066;branch=z9hG4bK776asdhds;rport", out var via);
/// via.Transport == "UDP"; via.Port == 5066; via.Branch == "z9hG4bK776asdhds"; via.HasRPort
/// </code></example>
public sealed record SipVia(string ProtocolName, string ProtocolVersion, string Transport, string Host, int? Port, SipParameters Parameters)
{
    /// <summary>The RFC 3261 branch magic cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>The branch parameter (the transaction key when it starts with <see cref="MagicCookie"/>).</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>True when the branch starts with "z9hG4bK" (RFC 3261 §8.1.1.7), so it identifies the transaction.</summary>
    public bool IsRfc3261Branch => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    /// <summary>The received parameter (RFC 3261 §18.2.1).</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The rport value, when one was filled in.</summary>
    public int? RPort => int.TryParse(Parameters.Get("rport"), System.Globalization.NumberStyles.None, null, out var port) ? port : null;

    /// <summary>The maddr parameter.</summary>
    public string? Maddr => Parameters.Get("maddr");

    /// <summary>The ttl parameter.</summary>
    public int? Ttl => int.TryParse(Parameters.Get("ttl"), System.Globalization.NumberStyles.None, null, out var ttl) ? ttl : null;

    /// <summary>host[:port] as it would be written.</summary>
    public string SentBy => Port is null ? Host : $"{Host}:{Port.Value}";

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(SentBy);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Parses one via-parm (no commas).</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipVia? via)
    {
        var reader = new SipTextReader(value);
        reader.SkipWs();
        if (!TryParseSentProtocolAndBy(ref reader, out via) || !SipParameters.TryParse(ref reader, out var parameters))
            return false;
        reader.SkipWs();
        if (!reader.AtEnd || !ValidParameters(parameters))
        {
            via = null;
            return false;
        }
        via = via with { Parameters = parameters };
        return true;
    }

    /// <summary>Parses a whole Via header value (one or more comma-separated via-parms) into <paramref name="into"/>.</summary>
    public static bool TryParseList(string value, List<SipVia> into)
    {
        foreach (var part in SipGrammar.SplitList(value))
        {
            if (!TryParse(part, out var via))
                return false;
            into.Add(via);
        }
        return true;
    }

    /// <summary>
    /// Reads just the sent-protocol and sent-by at the start of a Via value, ignoring what follows. The parser uses
    /// it to decide whether a request with a broken Via can still be answered (RFC 4475 badinv01).
    /// </summary>
    internal static bool TryParseSentBy(string value, [NotNullWhen(true)] out SipVia? via)
    {
        var reader = new SipTextReader(value);
        reader.SkipWs();
        return TryParseSentProtocolAndBy(ref reader, out via);
    }

    private static bool TryParseSentProtocolAndBy(ref SipTextReader reader, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        var name = reader.ReadToken();
        if (name.IsEmpty || !reader.TrySeparator('/'))
            return false;
        var version = reader.ReadToken();
        if (version.IsEmpty || !reader.TrySeparator('/'))
            return false;
        var transport = reader.ReadToken();
        if (transport.IsEmpty)
            return false;
        var beforeLws = reader.Position;
        reader.SkipWs();
        if (reader.Position == beforeLws)
            return false; // sent-protocol LWS sent-by
        var host = reader.ReadHost();
        if (host.IsEmpty || !ValidHost(host))
            return false;
        int? port = null;
        if (reader.TrySeparator(':'))
        {
            if (!SipGrammar.TryParseNumber(reader.ReadDigits(), 65535, out var value))
                return false;
            port = (int)value;
        }
        via = new SipVia(new string(name).ToUpperInvariant(), new string(version), new string(transport).ToUpperInvariant(),
            new string(host), port, SipParameters.Empty);
        return true;
    }

    private static bool ValidHost(ReadOnlySpan<char> host)
    {
        if (host[0] == '[')
            return host.Length > 2 && IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return host[0] is not ('-' or '.');
    }

    private static bool ValidParameters(SipParameters parameters)
    {
        foreach (var p in parameters)
        {
            var ok = p.Name.ToLowerInvariant() switch
            {
                "branch" => p.Value is not null && !p.IsQuoted,
                "received" or "maddr" => p.Value is not null && !p.IsQuoted && ValidHost(p.Value),
                "rport" => p.Value is null || SipGrammar.TryParseNumber(p.Value, 65535, out _),
                "ttl" => p.Value is not null && SipGrammar.TryParseNumber(p.Value, 255, out _),
                _ => true,
            };
            if (!ok)
                return false;
        }
        return true;
    }
}
