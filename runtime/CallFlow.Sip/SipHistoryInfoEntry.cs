using System.Diagnostics.CodeAnalysis;

namespace CallFlow.Sip;

/// <summary>
/// One History-Info entry (RFC 7044): the targeted-to URI in angle brackets, its index ("1.1.2"), rc/mp/np
/// parameters, the RFC 4458 cause uri-parameter and the escaped Reason header inside the URI.
/// </summary>
/// <example><code>
/// SipHistoryInfoEntry.TryParse("&lt;sip:201@pbx;cause=486?Reason=SIP%3Bcause%3D486&gt;;index=1.1;mp=1", out var h);
/// h.Index == "1.1"; h.Cause == 486; h.Reason!.Cause == 486; h.Mp == 1
/// </code></example>
public sealed record SipHistoryInfoEntry(SipNameAddress Address)
{
    /// <summary>The targeted-to URI.</summary>
    public SipUri Uri => Address.Uri;

    /// <summary>The index, e.g. "1.2.1".</summary>
    public string? Index => Address.Parameters.Get("index");

    /// <summary>The index split into its numbers.</summary>
    public IReadOnlyList<int> IndexPath => ParseIndex(Index) ?? [];

    /// <summary>The RFC 4458 cause uri-parameter (e.g. 302, 486, 408), which says why the call was retargeted.</summary>
    public int? Cause => int.TryParse(Uri.Parameters.Get("cause"), System.Globalization.NumberStyles.None, null, out var c) ? c : null;

    /// <summary>The Reason header carried in the URI's headers component, when present and valid.</summary>
    public SipReason? Reason => Uri.Headers.Get("Reason") is { } text && SipReason.TryParse(text, out var r) ? r : null;

    /// <summary>The rc parameter: index of the entry this one was retargeted from.</summary>
    public string? Rc => Address.Parameters.Get("rc");

    /// <summary>The mp parameter (mapped) as a parent index, when it is a single number.</summary>
    public int? Mp => int.TryParse(Address.Parameters.Get("mp"), System.Globalization.NumberStyles.None, null, out var n) ? n : null;

    /// <summary>The np parameter (no-op) as a parent index, when it is a single number.</summary>
    public int? Np => int.TryParse(Address.Parameters.Get("np"), System.Globalization.NumberStyles.None, null, out var n) ? n : null;

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    /// <summary>Parses one entry; the URI must be in angle brackets and the index, when present, valid.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipHistoryInfoEntry? entry)
    {
        entry = null;
        if (!SipNameAddress.TryParse(value, true, out var address))
            return false;
        var index = address.Parameters.Get("index");
        if (address.Parameters.Contains("index") && ParseIndex(index) is null)
            return false;
        entry = new SipHistoryInfoEntry(address);
        return true;
    }

    // index-val = number *( "." number )
    private static int[]? ParseIndex(string? index)
    {
        if (string.IsNullOrEmpty(index))
            return null;
        var parts = index.Split('.');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!SipGrammar.TryParseNumber(parts[i], int.MaxValue, out var n))
                return null;
            numbers[i] = (int)n;
        }
        return numbers;
    }
}
