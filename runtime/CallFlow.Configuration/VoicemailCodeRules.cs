namespace CallFlow.Configuration;

/// <summary>
/// The rules a new voicemail code must meet (reference §7.7, §7.3 key 5 4): digits only, at least the minimum password
/// length and at least one digit, at most 15, not one digit repeated (1111), not a run up or down (1234, 4321;
/// 7890 counts, as on a keypad), not the mailbox's extension. The store only hashes codes; callers check them here.
/// The rule "not the previous code" cannot be checked from a hash without spending a code attempt, so it is not.
/// </summary>
/// <example><c>VoicemailCodeRules.Check("1234", 2, "201")</c> returns "the code is a run of consecutive digits".</example>
public static class VoicemailCodeRules
{
    /// <summary>Null when <paramref name="code"/> is acceptable, else why not (one sentence, no period).</summary>
    /// <param name="code">The proposed code.</param>
    /// <param name="minLength">The system's <see cref="SystemPreferences.MinPasswordLength"/>; a code has at least one digit anyway.</param>
    /// <param name="extension">The mailbox's extension, if it has one.</param>
    public static string? Check(string code, int minLength, string? extension)
    {
        ArgumentNullException.ThrowIfNull(code);
        var min = Math.Max(minLength, 1);
        if (code.Length == 0)
            return "the code is empty";
        if (!code.All(char.IsAsciiDigit))
            return "a voicemail code has digits only";
        if (code.Length > SystemPreferences.MaxPasswordLength)
            return $"the code has {code.Length} digits; at most {SystemPreferences.MaxPasswordLength} are allowed";
        if (code.Length < min)
            return $"the code has {code.Length} digit{(code.Length == 1 ? "" : "s")}; min_password_length asks for at least {min}";
        if (code.Length >= 2 && code.All(c => c == code[0]))
            return "the code repeats one digit";
        if (code.Length >= 2 && (IsRun(code, +1) || IsRun(code, -1)))
            return "the code is a run of consecutive digits";
        if (extension is not null && string.Equals(code, extension, StringComparison.Ordinal))
            return "the code is the mailbox's extension number";
        return null;
    }

    private static bool IsRun(string code, int step)
    {
        for (var i = 1; i < code.Length; i++)
        {
            if ((code[i - 1] - '0' + step + 10) % 10 != code[i] - '0')
                return false;
        }
        return true;
    }
}
