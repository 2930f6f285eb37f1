using System.Collections.Frozen;

namespace CallFlow.Sip;

/// <summary>
/// Canonical spellings of the header names the stack knows, and the compact forms of RFC 3261 §7.3.3 and later RFCs.
/// The parser stores every known header under its canonical name, so lookups need no case folding of their own.
/// </summary>
/// <example><code>SipHeaderNames.Canonicalize("v") == "Via"; SipHeaderNames.Canonicalize("CALL-id") == "Call-ID"</code></example>
public static class SipHeaderNames
{
    /// <summary>Accept (RFC 3261 §20.1).</summary>
    public const string Accept = "Accept";
    /// <summary>Allow (RFC 3261 §20.5).</summary>
    public const string Allow = "Allow";
    /// <summary>Allow-Events, compact u (RFC 6665).</summary>
    public const string AllowEvents = "Allow-Events";
    /// <summary>Authorization (RFC 3261 §20.7).</summary>
    public const string Authorization = "Authorization";
    /// <summary>Call-ID, compact i.</summary>
    public const string CallId = "Call-ID";
    /// <summary>Contact, compact m.</summary>
    public const string Contact = "Contact";
    /// <summary>Content-Encoding, compact e.</summary>
    public const string ContentEncoding = "Content-Encoding";
    /// <summary>Content-Length, compact l.</summary>
    public const string ContentLength = "Content-Length";
    /// <summary>Content-Type, compact c.</summary>
    public const string ContentType = "Content-Type";
    /// <summary>CSeq (RFC 3261 §20.16).</summary>
    public const string CSeq = "CSeq";
    /// <summary>Date (RFC 3261 §20.17).</summary>
    public const string Date = "Date";
    /// <summary>Diversion (RFC 5806).</summary>
    public const string Diversion = "Diversion";
    /// <summary>Event, compact o (RFC 6665).</summary>
    public const string Event = "Event";
    /// <summary>Expires (RFC 3261 §20.19).</summary>
    public const string Expires = "Expires";
    /// <summary>From, compact f.</summary>
    public const string From = "From";
    /// <summary>History-Info (RFC 7044).</summary>
    public const string HistoryInfo = "History-Info";
    /// <summary>Identity, compact y (RFC 8224).</summary>
    public const string Identity = "Identity";
    /// <summary>Max-Forwards (RFC 3261 §20.22).</summary>
    public const string MaxForwards = "Max-Forwards";
    /// <summary>Proxy-Require (RFC 3261 §20.29).</summary>
    public const string ProxyRequire = "Proxy-Require";
    /// <summary>Reason (RFC 3326).</summary>
    public const string Reason = "Reason";
    /// <summary>Record-Route (RFC 3261 §20.30).</summary>
    public const string RecordRoute = "Record-Route";
    /// <summary>Refer-To, compact r (RFC 3515).</summary>
    public const string ReferTo = "Refer-To";
    /// <summary>Referred-By, compact b (RFC 3892).</summary>
    public const string ReferredBy = "Referred-By";
    /// <summary>Require (RFC 3261 §20.32).</summary>
    public const string Require = "Require";
    /// <summary>Route (RFC 3261 §20.34).</summary>
    public const string Route = "Route";
    /// <summary>Session-Expires, compact x (RFC 4028).</summary>
    public const string SessionExpires = "Session-Expires";
    /// <summary>Subject, compact s.</summary>
    public const string Subject = "Subject";
    /// <summary>Subscription-State (RFC 6665).</summary>
    public const string SubscriptionState = "Subscription-State";
    /// <summary>Supported, compact k.</summary>
    public const string Supported = "Supported";
    /// <summary>Timestamp (RFC 3261 §20.38).</summary>
    public const string Timestamp = "Timestamp";
    /// <summary>To, compact t.</summary>
    public const string To = "To";
    /// <summary>Unsupported (RFC 3261 §20.40).</summary>
    public const string Unsupported = "Unsupported";
    /// <summary>User-Agent (RFC 3261 §20.41).</summary>
    public const string UserAgent = "User-Agent";
    /// <summary>Via, compact v.</summary>
    public const string Via = "Via";
    /// <summary>WWW-Authenticate (RFC 3261 §20.44).</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly string[] Known =
    [
        Accept, "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, AllowEvents,
        "Authentication-Info", Authorization, CallId, "Call-Info", Contact, "Content-Disposition", ContentEncoding,
        "Content-Language", ContentLength, ContentType, CSeq, Date, Diversion, "Error-Info", Event, Expires, From,
        HistoryInfo, Identity, "In-Reply-To", MaxForwards, "Min-Expires", "Min-SE", "MIME-Version", "Organization",
        "P-Asserted-Identity", "P-Preferred-Identity", "Path", "Priority", "Privacy", "Proxy-Authenticate",
        "Proxy-Authorization", ProxyRequire, "RAck", Reason, RecordRoute, ReferTo, ReferredBy, "Reject-Contact",
        "Replaces", "Reply-To", "Request-Disposition", Require, "Retry-After", Route, "RSeq", "Server",
        "Service-Route", SessionExpires, Subject, SubscriptionState, Supported, Timestamp, To, Unsupported, UserAgent,
        Via, "Warning", WwwAuthenticate,
    ];

    // RFC 3261 §7.3.3 plus RFC 3265/6665 (o, u), 3515 (r), 3892 (b), 4028 (x), 3841 (a, j, d), 8224 (y).
    private static readonly FrozenDictionary<string, string> Lookup = BuildLookup();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Lookup.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The canonical name for a known header name or compact form (any case); otherwise <paramref name="name"/>
    /// unchanged.
    /// </summary>
    public static string Canonicalize(string name) => Lookup.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>As <see cref="Canonicalize(string)"/>, allocating a string only for an unknown name.</summary>
    public static string Canonicalize(ReadOnlySpan<char> name) =>
        SpanLookup.TryGetValue(name, out var canonical) ? canonical : new string(name);

    /// <summary>
    /// Headers whose value is a comma-separated list (RFC 3261 §7.3.1), so several lines and several values in one
    /// line mean the same. The others (Call-ID, CSeq, From, To, WWW-Authenticate, Date…) are never split.
    /// </summary>
    public static bool IsList(string canonicalName) => canonicalName switch
    {
        Via or Contact or Route or RecordRoute or Allow or AllowEvents or Supported or Require or ProxyRequire
            or Unsupported or Accept or "Accept-Encoding" or "Accept-Language" or ContentEncoding or Diversion
            or HistoryInfo or "Alert-Info" or "Call-Info" or "Error-Info" or "In-Reply-To" or "Warning" or Reason
            or "Path" or "Service-Route" or "P-Asserted-Identity" or "P-Preferred-Identity" or "Privacy"
            or "Content-Language" or "Accept-Contact" or "Reject-Contact" or "Request-Disposition" => true,
        _ => false,
    };

    private static FrozenDictionary<string, string> BuildLookup()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Known)
            map[name] = name;
        (string Compact, string Full)[] compact =
        [
            ("i", CallId), ("m", Contact), ("f", From), ("t", To), ("v", Via), ("l", ContentLength), ("c", ContentType),
            ("k", Supported), ("s", Subject), ("e", ContentEncoding), ("o", Event), ("r", ReferTo), ("b", ReferredBy),
            ("u", AllowEvents), ("x", SessionExpires), ("y", Identity), ("a", "Accept-Contact"),
            ("j", "Reject-Contact"), ("d", "Request-Disposition"),
        ];
        foreach (var (c, full) in compact)
            map[c] = full;
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
