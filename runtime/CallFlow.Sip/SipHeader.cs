namespace CallFlow.Sip;

/// <summary>One header line of a message: the canonical name and the unfolded value, trimmed of LWS.</summary>
/// <example><code>new SipHeader("Max-Forwards", "70")</code></example>
public readonly record struct SipHeader(string Name, string Value);
