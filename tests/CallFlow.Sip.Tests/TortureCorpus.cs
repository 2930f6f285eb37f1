using System.Text;
using System.Text.RegularExpressions;

namespace CallFlow.Sip.Tests;

/// <summary>
/// Loads the RFC 4475 messages from Torture/*.sip. The files use the RFC's own notation (§2): &lt;allOneLine&gt; joins
/// lines, &lt;repeat count=N&gt; repeats text and &lt;hex&gt; gives raw bytes. Lines end in LF in the files and CRLF
/// on the wire, so Content-Length values match the RFC.
/// </summary>
internal static partial class TortureCorpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Torture");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.sip").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static byte[] Load(string name) => Expand(File.ReadAllText(Path.Combine(Directory, name + ".sip")));

    public static byte[] Expand(string text)
    {
        text = text.Replace("\r\n", "\n");
        text = RepeatPattern().Replace(text, m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value))));
        text = AllOneLinePattern().Replace(text, m => m.Groups[1].Value.Replace("\n", ""));
        text = text.Replace("\n", "\r\n");
        var bytes = new List<byte>(text.Length);
        var pos = 0;
        foreach (Match m in HexPattern().Matches(text))
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(text[pos..m.Index]));
            bytes.AddRange(Convert.FromHexString(WhitespacePattern().Replace(m.Groups[1].Value, "")));
            pos = m.Index + m.Length;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(text[pos..]));
        return [.. bytes];
    }

    [GeneratedRegex(@"<repeat count=(\d+)>(.*?)</repeat>", RegexOptions.Singleline)]
    private static partial Regex RepeatPattern();

    [GeneratedRegex(@"<allOneLine>\n(.*?)\n</allOneLine>", RegexOptions.Singleline)]
    private static partial Regex AllOneLinePattern();

    [GeneratedRegex(@"<hex>([0-9A-Fa-f\s]*)</hex>")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"\s")]
    private static partial Regex WhitespacePattern();
}
