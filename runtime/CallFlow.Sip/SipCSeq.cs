using System.Diagnostics.CodeAnalysis;

namespace CallFlow.Sip;

/// <summary>The CSeq header: a sequence number below 2^32 and a method (RFC 3261 §8.1.1.5, §20.16).</summary>
/// <example><code>SipCSeq.TryParse("0009\t INVITE", out var cseq); cseq.Number == 9; cseq.Method == "INVITE"</code></example>
public sealed record SipCSeq(uint Number, string Method)
{
    /// <inheritdoc />
    public override string ToString() => $"{Number} {Method}";

    /// <summary>Parses <c>1*DIGIT LWS Method</c>; a number of 2^32 or more fails (RFC 4475 scalar02).</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipCSeq? cseq)
    {
        cseq = null;
        var reader = new SipTextReader(value);
        reader.SkipWs();
        if (!SipGrammar.TryParseNumber(reader.ReadDigits(), uint.MaxValue, out var number))
            return false;
        var before = reader.Position;
        reader.SkipWs();
        if (reader.Position == before)
            return false;
        var method = reader.ReadToken();
        reader.SkipWs();
        if (method.IsEmpty || !reader.AtEnd)
            return false;
        cseq = new SipCSeq((uint)number, SipMethods.Intern(method));
        return true;
    }
}
