using System.Collections.Frozen;

namespace CallFlow.Compiler.Symbols;

/// <summary>
/// The call variables a flow may use (reference §6.1). Indexed families ($CP0..$CP15, $COUNTER1..$COUNTER15,
/// $DBD0..$DBD5, their $X[n] forms, and $REG[name]) are recognised by <see cref="Classify"/>.
/// </summary>
public static class CallVariables
{
    /// <summary>Name (without $) and whether a flow may assign it.</summary>
    public static FrozenDictionary<string, bool> Named { get; } = new Dictionary<string, bool>
    {
        ["ACCOUNT_CODE"] = true, ["ANS_PARTY"] = false, ["ANS_PARTY_NAME"] = false, ["CALL_DATE"] = false,
        ["CALL_TIME"] = false, ["CALLED"] = false, ["CALLED_NAME"] = false, ["CALLED_TZOFFSET"] = false,
        ["CALLERS_TZOFFESET"] = false, ["CID"] = false, ["CLI"] = true, ["CLI_NAME"] = false, ["DATE"] = false,
        ["DAY"] = false, ["MONTH"] = false, ["YEAR"] = false, ["HOUR"] = false, ["MIN"] = false, ["SEC"] = false,
        ["DISPLAY"] = true, ["DDI"] = false, ["ETA"] = false, ["KEY"] = true, ["LOC"] = true, ["NAM"] = false,
        ["POS"] = false, ["QTIM"] = false, ["QPOS"] = false, ["RES"] = true, ["SAV"] = true, ["VAR"] = true,
        ["TIME"] = false, ["UUI"] = false, ["TARGET"] = false, ["ICLID"] = false, ["VMAIL"] = false,
        // Set by the mailbox steps (mailbox_open, message_select) that the mailbox interfaces in stdlib/ are written with.
        ["MB"] = false, ["MB_HAS_CODE"] = false, ["MB_HELP"] = false, ["MB_OPERATOR"] = false, ["MB_MODE"] = false, ["MB_NEW"] = false, ["MB_OLD"] = false, ["MB_SAVED"] = false,
        ["MB_UNOPENED"] = false, ["MB_DELETED"] = false, ["MSG"] = false, ["MSG_FROM"] = false, ["MSG_DATE"] = false,
        ["MSG_TIME"] = false, ["MSG_LENGTH"] = false, ["MSG_NUMBER"] = false, ["MSG_COUNT"] = false,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public enum Kind { Unknown, Named, Register, Counter, DatabaseField, UserVariable, CurrentCode }

    /// <summary>Classifies "$NAME" text: returns the family, the index (registers, counters, fields) or user variable name.</summary>
    public static (Kind Kind, string Name, int Index, bool Writable) Classify(string text)
    {
        if (text == "$")
            return (Kind.CurrentCode, "$", -1, false);
        var body = text.StartsWith('$') ? text[1..] : text;
        var bracket = body.IndexOf('[');
        string head = bracket < 0 ? body : body[..bracket];
        string? inner = bracket < 0 ? null : body[(bracket + 1)..].TrimEnd(']');

        if (head == "REG" && inner is not null)
            return (Kind.UserVariable, inner, -1, false);

        (string Prefix, Kind Kind, int Min, int Max, bool Writable)[] families =
        [
            ("CP", Kind.Register, 0, 15, true),
            ("COUNTER", Kind.Counter, 1, 15, true),
            ("DBD", Kind.DatabaseField, 0, 5, false),
        ];
        foreach (var family in families)
        {
            string? digits = null;
            if (head == family.Prefix && inner is not null)
                digits = inner;
            else if (inner is null && head.Length > family.Prefix.Length && head.StartsWith(family.Prefix, StringComparison.Ordinal))
                digits = head[family.Prefix.Length..];
            if (digits is null)
                continue;
            if (digits.Length is > 0 and <= 2 && digits.All(char.IsAsciiDigit))
            {
                var index = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
                if (index >= family.Min && index <= family.Max)
                    return (family.Kind, family.Prefix, index, family.Writable);
            }
            return (Kind.Unknown, head, -1, false);
        }

        if (inner is null && Named.TryGetValue(head, out var writable))
            return (Kind.Named, head, -1, writable);
        return (Kind.Unknown, head, -1, false);
    }
}
