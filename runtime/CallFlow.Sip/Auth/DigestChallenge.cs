using System.Collections.Immutable;
using System.Text;

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
        if (!TryReadParameters(text[7..].ToString(), out var parameters))
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

    /// <summary>name=value or name="quoted value", separated by commas; names are case-insensitive.</summary>
    private static bool TryReadParameters(string text, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                i++;
            if (i == text.Length)
                break;
            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                i++;
            var name = text[nameStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (name.Length == 0 || i == text.Length || text[i] != '=')
                return false;
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i == text.Length)
                        return false;               // unterminated quoted string
                    if (text[i] == '\\' && i + 1 < text.Length)
                        builder.Append(text[++i]);
                    else if (text[i] == '"')
                        break;
                    else
                        builder.Append(text[i]);
                }
                i++;
                value = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                    i++;
                value = text[valueStart..i];
            }
            parameters[name] = value;
        }
        return true;
    }
}
