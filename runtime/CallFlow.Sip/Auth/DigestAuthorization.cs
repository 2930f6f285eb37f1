using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CallFlow.Sip.Auth;

/// <summary>
/// The Authorization (or Proxy-Authorization) value answering a <see cref="DigestChallenge"/> (RFC 2617 §3.2.2,
/// RFC 7616 §3.4, as RFC 3261 §22.4 uses it): MD5 or SHA-256, with or without "-sess", qop "auth" when the challenge
/// offers it (auth-int, which hashes the body, is not offered back), else the RFC 2069 form.
/// </summary>
public static class DigestAuthorization
{
    /// <summary>Whether CallFlow can answer <paramref name="challenge"/>'s algorithm.</summary>
    public static bool Supports(DigestChallenge challenge) => Hash(challenge.Algorithm) is not null;

    /// <summary>
    /// The header value for a request of <paramref name="method"/> to <paramref name="uri"/>. The client nonce and the
    /// nonce count are the caller's, so a test can reproduce the RFCs' examples.
    /// </summary>
    /// <exception cref="NotSupportedException">An algorithm other than MD5 and SHA-256 (and their -sess forms).</exception>
    public static string Create(DigestChallenge challenge, string method, string uri, string user, string password, string cnonce, int nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var hash = Hash(challenge.Algorithm) ?? throw new NotSupportedException($"digest algorithm {challenge.Algorithm}");
        var session = challenge.Algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        var qop = challenge.Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase)) ? "auth" : null;
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);

        var ha1 = hash($"{user}:{challenge.Realm}:{password}");
        if (session)
            ha1 = hash($"{ha1}:{challenge.Nonce}:{cnonce}");
        var ha2 = hash($"{method}:{uri}");
        var response = qop is null ? hash($"{ha1}:{challenge.Nonce}:{ha2}") : hash($"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:{qop}:{ha2}");

        var text = new StringBuilder("Digest ");
        void Quoted(string name, string value)
        {
            if (text.Length > "Digest ".Length)
                text.Append(", ");
            SipGrammar.AppendQuoted(text.Append(name).Append('='), value);
        }
        Quoted("username", user);
        Quoted("realm", challenge.Realm);
        Quoted("nonce", challenge.Nonce);
        Quoted("uri", uri);
        Quoted("response", response);
        text.Append(", algorithm=").Append(challenge.Algorithm);
        if (qop is not null || session)
            Quoted("cnonce", cnonce);
        if (qop is not null)
            text.Append(CultureInfo.InvariantCulture, $", qop={qop}, nc={nc}");
        if (challenge.Opaque is { } opaque)
            Quoted("opaque", opaque);
        return text.ToString();
    }

    private static Func<string, string>? Hash(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "MD5" or "MD5-SESS" => text => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text))),
        "SHA-256" or "SHA-256-SESS" => text => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        _ => null,
    };
}
