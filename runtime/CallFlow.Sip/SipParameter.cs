namespace CallFlow.Sip;

/// <summary>
/// One <c>;name[=value]</c> parameter of a header, URI or URI header list. <see cref="Value"/> is null for a
/// parameter without "=", and holds a quoted-string's content without quotes when <see cref="IsQuoted"/> is set.
/// </summary>
/// <example><code>new SipParameter("tag", "a6c85cf")  // ;tag=a6c85cf</code></example>
public readonly record struct SipParameter(string Name, string? Value, bool IsQuoted = false);
