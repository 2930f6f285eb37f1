using System.Collections.Immutable;

namespace CallFlow.Sip.Auth;

/// <summary>
/// A Digest challenge from a 401's WWW-Authenticate or a 407's Proxy-Authenticate (RFC 3261 §22.4, RFC 7616 §3.3):
/// realm, nonce, opaque, the algorithm (MD5 or SHA-256, each optionally "-sess") and the qop values offered.
/// </summary>
/// <example><code>
/// if (DigestChallenge.TryParse(response.Headers.GetFirst("WWW-Authenticate"), out var challenge))
///     request.Headers.Add("Authorization", DigestAuthorization.Create(challenge, "INVITE", uri, user, password, cnonce, 1));
/// </code></example>
public sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, string Algorithm, ImmutableArray<string> Qop, bool Stale)
{
    /// <summary>Reads a challenge; false for another scheme, a malformed one, or one without realm and nonce.</summary>
    public static bool TryParse(string? header, out DigestChallenge challenge)
    {
        challenge = null!;
        if (header is null)
            return false;
        var text = header.AsSpan().Trim();
        if (text.Length < 7 || !text[..6].Equals("Digest", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(text[6]))
            return false;
        if (!TryReadParameters(text[7..], out var parameters))
            return false;
        if (!parameters.TryGetValue("realm", out var realm) || !parameters.TryGetValue("nonce", out var nonce) || nonce.Length == 0)
            return false;
        var algorithm = parameters.GetValueOrDefault("algorithm") ?? "MD5";
        var qop = parameters.TryGetValue("qop", out var q)
            ? q.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray()
            : [];
        challenge = new DigestChallenge(realm, nonce, parameters.GetValueOrDefault("opaque"), algorithm, qop,
            parameters.TryGetValue("stale", out var stale) && stale.Equals("true", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>
    /// The auth-params (RFC 3261 §25.1: name EQUAL (token / quoted-string), separated by COMMA); names are
    /// case-insensitive, and an unquoted value runs to the next comma or space.
    /// </summary>
    private static bool TryReadParameters(ReadOnlySpan<char> text, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new SipTextReader(text);
        while (true)
        {
            while (!reader.AtEnd && (reader.Peek == ',' || char.IsWhiteSpace(reader.Peek)))
                reader.Position++;
            if (reader.AtEnd)
                return true;
            var name = reader.ReadToken();
            if (name.IsEmpty || !reader.TrySeparator('='))
                return false;
            string value;
            if (reader.Peek == '"')
            {
                if (!reader.TryReadQuoted(out value))
                    return false;               // unterminated quoted string
            }
            else
            {
                var start = reader.Position;
                while (!reader.AtEnd && reader.Peek != ',' && !char.IsWhiteSpace(reader.Peek))
                    reader.Position++;
                value = reader.Slice(start, reader.Position).ToString();
            }
            parameters[name.ToString()] = value;
        }
    }
}
