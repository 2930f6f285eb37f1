using System.Globalization;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// A variable name taken apart: its family, its name without '$' (the user variable's name for $REG[..]) and
/// its index for registers, counters and database fields. Mirrors the compiler's CallVariables.Classify, so a
/// name the compiler accepted means the same thing here.
/// </summary>
internal readonly record struct VariableReference(VariableFamily Family, string Name, int Index)
{
    /// <summary>Reads "$CP3", "$CP[3]", "$REG[Night]", "$KEY"; the leading '$' is optional.</summary>
    public static VariableReference Parse(string text, Func<string, bool> isNamed)
    {
        var body = text.StartsWith('$') ? text[1..] : text;
        var bracket = body.IndexOf('[');
        var head = bracket < 0 ? body : body[..bracket];
        var inner = bracket < 0 ? null : body[(bracket + 1)..].TrimEnd(']');

        if (head == "REG" && inner is not null)
            return new(VariableFamily.User, inner, -1);
        if (Indexed(head, inner, "CP", 0, 15) is { } register)
            return register < 0 ? Unknown(head) : new(VariableFamily.Register, "CP", register);
        if (Indexed(head, inner, "COUNTER", 1, 15) is { } counter)
            return counter < 0 ? Unknown(head) : new(VariableFamily.Counter, "COUNTER", counter);
        if (Indexed(head, inner, "DBD", 0, 5) is { } field)
            return field < 0 ? Unknown(head) : new(VariableFamily.DatabaseField, "DBD", field);
        if (inner is null && isNamed(head))
            return new(VariableFamily.Named, head, -1);
        return Unknown(head);
    }

    private static VariableReference Unknown(string head) => new(VariableFamily.Unknown, head, -1);

    /// <summary>null when the name is not of this family; -1 when it is but the index is out of range ($CP16).</summary>
    private static int? Indexed(string head, string? inner, string prefix, int min, int max)
    {
        string digits;
        if (head == prefix && inner is not null)
            digits = inner;
        else if (inner is null && head.Length > prefix.Length && head.StartsWith(prefix, StringComparison.Ordinal))
            digits = head[prefix.Length..];
        else
            return null;
        if (digits.Length is > 0 and <= 2 && digits.All(char.IsAsciiDigit))
        {
            var index = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (index >= min && index <= max)
                return index;
        }
        return -1;
    }
}
