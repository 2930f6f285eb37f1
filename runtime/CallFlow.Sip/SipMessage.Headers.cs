namespace CallFlow.Sip;

public sealed partial class SipMessage
{
    /// <summary>Every Via value, top first; empty when there is none, null when one is malformed.</summary>
    public IReadOnlyList<SipVia>? Vias
    {
        get
        {
            var list = new List<SipVia>();
            foreach (var value in Headers.GetAll(SipHeaderNames.Via))
                if (!SipVia.TryParseList(value, list))
                    return null;
            return list;
        }
    }

    /// <summary>The topmost Via, or null.</summary>
    public SipVia? TopVia =>
        Headers.GetFirst(SipHeaderNames.Via) is { } value && SipVia.TryParse(SipGrammar.SplitList(value)[0], out var via) ? via : null;

    /// <summary>The From header.</summary>
    public SipNameAddress? From => Single(SipHeaderNames.From);

    /// <summary>The To header.</summary>
    public SipNameAddress? To => Single(SipHeaderNames.To);

    /// <summary>The Call-ID, compared byte for byte (RFC 3261 §20.8).</summary>
    public string? CallId => Headers.GetFirst(SipHeaderNames.CallId);

    /// <summary>The CSeq header.</summary>
    public SipCSeq? CSeq => Headers.GetFirst(SipHeaderNames.CSeq) is { } value && SipCSeq.TryParse(value, out var cseq) ? cseq : null;

    /// <summary>Max-Forwards (0–255), or null.</summary>
    public int? MaxForwards =>
        Headers.GetFirst(SipHeaderNames.MaxForwards) is { } value && SipGrammar.TryParseNumber(value.AsSpan().Trim(" \t"), 255, out var n) ? (int)n : null;

    /// <summary>The Content-Length header value (not the body length), or null.</summary>
    public int? ContentLength =>
        Headers.GetFirst(SipHeaderNames.ContentLength) is { } value && SipGrammar.TryParseNumber(value.AsSpan().Trim(" \t"), int.MaxValue, out var n) ? (int)n : null;

    /// <summary>The Content-Type header.</summary>
    public SipContentType? ContentType =>
        Headers.GetFirst(SipHeaderNames.ContentType) is { } value && SipContentType.TryParse(value, out var type) ? type : null;

    /// <summary>True when the Contact is "*" (a REGISTER removing every binding).</summary>
    public bool IsContactWildcard =>
        Headers.GetAll(SipHeaderNames.Contact) is [var only] && only.Trim() == "*";

    /// <summary>Every Contact value in order; empty when absent, null when malformed or "*".</summary>
    public IReadOnlyList<SipNameAddress>? Contacts => AddressList(SipHeaderNames.Contact);

    /// <summary>The Route set in order; empty when absent, null when malformed.</summary>
    public IReadOnlyList<SipNameAddress>? Routes => AddressList(SipHeaderNames.Route);

    /// <summary>The Record-Route values in order; empty when absent, null when malformed.</summary>
    public IReadOnlyList<SipNameAddress>? RecordRoutes => AddressList(SipHeaderNames.RecordRoute);

    /// <summary>The Expires header in seconds (below 2^32), or null.</summary>
    public uint? Expires =>
        Headers.GetFirst(SipHeaderNames.Expires) is { } value && SipGrammar.TryParseNumber(value.AsSpan().Trim(" \t"), uint.MaxValue, out var n) ? (uint)n : null;

    /// <summary>The Event header (RFC 6665).</summary>
    public SipEvent? Event => Headers.GetFirst(SipHeaderNames.Event) is { } value && SipEvent.TryParse(value, out var e) ? e : null;

    /// <summary>The Subscription-State header (RFC 6665).</summary>
    public SipSubscriptionState? SubscriptionState =>
        Headers.GetFirst(SipHeaderNames.SubscriptionState) is { } value && SipSubscriptionState.TryParse(value, out var s) ? s : null;

    /// <summary>The Refer-To header (RFC 3515), whose URI may carry headers such as Replaces.</summary>
    public SipNameAddress? ReferTo => Single(SipHeaderNames.ReferTo);

    /// <summary>The Diversion values (RFC 5806), most recent first; empty when absent, null when malformed.</summary>
    public IReadOnlyList<SipDiversion>? Diversions
    {
        get
        {
            var list = new List<SipDiversion>();
            foreach (var value in Headers.GetValues(SipHeaderNames.Diversion))
            {
                if (!SipDiversion.TryParse(value, out var diversion))
                    return null;
                list.Add(diversion);
            }
            return list;
        }
    }

    /// <summary>The History-Info entries (RFC 7044) in order; empty when absent, null when malformed.</summary>
    public IReadOnlyList<SipHistoryInfoEntry>? HistoryInfo
    {
        get
        {
            var list = new List<SipHistoryInfoEntry>();
            foreach (var value in Headers.GetValues(SipHeaderNames.HistoryInfo))
            {
                if (!SipHistoryInfoEntry.TryParse(value, out var entry))
                    return null;
                list.Add(entry);
            }
            return list;
        }
    }

    private SipNameAddress? Single(string name) =>
        Headers.GetFirst(name) is { } value && SipNameAddress.TryParse(value, out var address) ? address : null;

    private List<SipNameAddress>? AddressList(string name)
    {
        var list = new List<SipNameAddress>();
        foreach (var value in Headers.GetAll(name))
            if (!SipNameAddress.TryParseList(value, list))
                return null;
        return list;
    }
}
