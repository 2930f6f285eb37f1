using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Sip.Sdp;

/// <summary>The RFC 4566 line parser behind <see cref="SdpSessionDescription.TryParse(string, out SdpSessionDescription?, out string?)"/>.</summary>
internal static class SdpParser
{
    // A body is at most the SIP body limit; this bounds the work on a hostile one made of tiny lines.
    private const int MaxLines = 4096;

    public static bool TryParse(string text, out SdpSessionDescription? description, out string? problem)
    {
        description = null;
        var lines = text.Split('\n');
        if (lines.Length > MaxLines)
            return Fail($"more than {MaxLines} lines", out problem);
        SdpOrigin? origin = null;
        string? sessionName = null;
        SdpConnection? connection = null;
        var timing = ImmutableArray.CreateBuilder<string>();
        var others = ImmutableArray.CreateBuilder<KeyValuePair<char, string>>();
        var attributes = ImmutableArray.CreateBuilder<SdpAttribute>();
        var media = ImmutableArray.CreateBuilder<SdpMediaDescription>();
        MediaBuilder? current = null;
        var sawVersion = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
                return Fail($"'{Clip(line)}' is not a type=value line", out problem);
            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value.Trim() != "0")
                    return Fail("the description must start with v=0", out problem);
                sawVersion = true;
                continue;
            }
            switch (type)
            {
                case 'm':
                    if (current is not null)
                        media.Add(current.Build());
                    current = MediaBuilder.Parse(value);
                    if (current is null)
                        return Fail($"malformed m= line '{Clip(value)}'", out problem);
                    break;
                case 'c':
                    var c = SdpConnection.Parse(value);
                    if (c is null)
                        return Fail($"malformed c= line '{Clip(value)}'", out problem);
                    if (current is null)
                        connection = c;
                    else
                        current.Connection = c;
                    break;
                case 'a':
                    (current?.Attributes ?? attributes).Add(SdpAttribute.Parse(value));
                    break;
                case 'o' when current is null:
                    origin = SdpOrigin.Parse(value);
                    if (origin is null)
                        return Fail($"malformed o= line '{Clip(value)}'", out problem);
                    break;
                case 's' when current is null:
                    sessionName = value;
                    break;
                case 't' when current is null:
                    timing.Add(value);
                    break;
                case 'v':
                    return Fail("v= appears twice", out problem);
                default:
                    (current?.OtherLines ?? others).Add(new KeyValuePair<char, string>(type, value));
                    break;
            }
        }
        if (!sawVersion)
            return Fail("the description is empty", out problem);
        if (origin is null)
            return Fail("the o= line is missing", out problem);
        if (sessionName is null)
            return Fail("the s= line is missing", out problem);
        if (current is not null)
            media.Add(current.Build());
        description = new SdpSessionDescription(origin, sessionName, connection, timing.ToImmutable(), others.ToImmutable(),
            attributes.ToImmutable(), media.ToImmutable());
        problem = null;
        return true;
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private sealed class MediaBuilder
    {
        private string _media = "";
        private int _port;
        private int? _portCount;
        private string _protocol = "";
        private ImmutableArray<string> _formats;

        public SdpConnection? Connection { get; set; }

        public ImmutableArray<SdpAttribute>.Builder Attributes { get; } = ImmutableArray.CreateBuilder<SdpAttribute>();

        public ImmutableArray<KeyValuePair<char, string>>.Builder OtherLines { get; } = ImmutableArray.CreateBuilder<KeyValuePair<char, string>>();

        // m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        public static MediaBuilder? Parse(string value)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4)
                return null;
            var portText = parts[1];
            int? count = null;
            var slash = portText.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return null;
                count = n;
                portText = portText[..slash];
            }
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                return null;
            return new MediaBuilder { _media = parts[0], _port = port, _portCount = count, _protocol = parts[2], _formats = [.. parts[3..]] };
        }

        public SdpMediaDescription Build() =>
            new(_media, _port, _portCount, _protocol, _formats, Connection, OtherLines.ToImmutable(), Attributes.ToImmutable());
    }
}
