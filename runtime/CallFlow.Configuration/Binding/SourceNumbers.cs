namespace CallFlow.Configuration.Binding;

/// <summary>Reads the IP Office form of a source number (reference §7.8): V or P then digits, H then a group name.</summary>
internal static class SourceNumbers
{
    public const int MaxDigits = 32;

    public static SourceNumber? Parse(string text)
    {
        if (text.Length < 2)
            return null;
        var rest = text[1..];
        return text[0] switch
        {
            'V' when IsNumber(rest) => new SourceNumber(SourceNumberKind.TrustedNumber, rest),
            'P' when IsNumber(rest) => new SourceNumber(SourceNumberKind.CallbackNumber, rest),
            'H' when MailboxNames.Normalize(rest) is { Length: > 0 } group && !group.Any(char.IsControl) =>
                new SourceNumber(SourceNumberKind.GroupMessageWaiting, group),
            _ => null,
        };
    }

    /// <summary>Why <paramref name="text"/> is not a source number, and what to write.</summary>
    public static (string Message, string Hint) Explain(string text)
    {
        const string Forms = "write V<number> for a trusted number, H<group> for a hunt group's message lamp, P<number> for a callback number";
        if (text.Length == 0)
            return ("a source number must not be empty", Forms);
        var rest = text[1..];
        return text[0] switch
        {
            'V' or 'P' when rest.Length == 0 => ($"'{text}' has no number after '{text[0]}'", Forms),
            'V' or 'P' => ($"'{text}': after '{text[0]}' come 1 to {MaxDigits} digits and nothing else", $"write e.g. \"{text[0]}01707364143\""),
            'H' when MailboxNames.Normalize(rest).Length == 0 => ($"'{text}' has no group name after 'H'", "write e.g. \"HSales\" for the group Sales"),
            'H' => ($"the group name in '{text}' contains control characters", "write e.g. \"HSales\" for the group Sales"),
            'v' or 'h' or 'p' => ($"'{text}' starts with a lower-case '{text[0]}'", $"write \"{char.ToUpperInvariant(text[0])}{rest}\""),
            _ => ($"'{text}' is not a source number: it must start with V, H or P", Forms),
        };
    }

    private static bool IsNumber(string text) => text.Length is > 0 and <= MaxDigits && text.All(char.IsAsciiDigit);
}
