using System.Text.RegularExpressions;

namespace CallFlow.Speech.Tts;

/// <summary>Reads the table that <c>espeak-ng --voices</c> prints.</summary>
internal static partial class EspeakVoiceList
{
    /// <summary>
    /// Every name <c>-v</c> accepts from the table, compared without regard to case: the Language column
    /// (<c>en-gb</c>, <c>es-419</c>) and the Other Languages column (<c>(en 2)(fr 5)</c>).
    /// </summary>
    /// <example>" 5  fr-fr  --/M  French_(France)  roa/fr  (fr 5)" gives fr-fr and fr.</example>
    public static IReadOnlySet<string> Parse(string table)
    {
        var voices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in table.Split('\n'))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Pty Language Age/Gender VoiceName File [Other Languages]; the header starts with "Pty".
            if (columns.Length < 5 || !int.TryParse(columns[0], out _))
                continue;
            voices.Add(columns[1]);
            // Names in the VoiceName column have no spaces, so whatever follows the File column is Other Languages.
            foreach (Match other in OtherLanguage().Matches(string.Join(' ', columns.Skip(5))))
                voices.Add(other.Groups[1].Value);
        }
        return voices;
    }

    [GeneratedRegex(@"\(([^\s()]+) \d+\)")]
    private static partial Regex OtherLanguage();
}
