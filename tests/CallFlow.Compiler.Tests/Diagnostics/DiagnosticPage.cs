namespace CallFlow.Compiler.Tests.Diagnostics;

/// <summary>
/// The front matter of one docs/diagnostics/VFnnnn-Name.md page. The format is a small subset of YAML, read here
/// without a YAML library: <c>key: value</c> lines between two <c>---</c> lines; <c>message</c> is double-quoted
/// (only <c>\\</c> and <c>\"</c> are escapes); <c>example</c> is <c>none</c> or <c>|</c> followed by lines indented
/// by two spaces (blank lines allowed), the snippet that must fire the code.
/// </summary>
public sealed record DiagnosticPage(string FileName, string Code, string Name, string Severity, string Message, string? Example)
{
    private static readonly string[] Keys = ["code", "name", "severity", "message", "example"];

    public static DiagnosticPage Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    public static DiagnosticPage Parse(string fileName, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0] != "---")
            throw Error(fileName, 1, "the page must start with a '---' line");

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = 1;
        for (; i < lines.Length && lines[i] != "---"; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] == ' ')
                throw Error(fileName, i + 1, $"expected 'key: value', found '{line}'");
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (!Keys.Contains(key))
                throw Error(fileName, i + 1, $"unknown key '{key}'; the keys are {string.Join(", ", Keys)}");
            if (values.ContainsKey(key))
                throw Error(fileName, i + 1, $"key '{key}' is given twice");

            if (key == "example" && value == "|")
            {
                var block = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || lines[i + 1].StartsWith("  ", StringComparison.Ordinal)))
                {
                    i++;
                    block.Add(lines[i].Length == 0 ? "" : lines[i][2..]);
                }
                while (block.Count > 0 && block[^1].Length == 0)
                    block.RemoveAt(block.Count - 1);
                if (block.Count == 0)
                    throw Error(fileName, i + 1, "the example block is empty; write 'example: none' if the code has no example");
                values[key] = string.Join("\n", block) + "\n";
            }
            else if (key == "example")
            {
                if (value != "none")
                    throw Error(fileName, i + 1, "example must be 'none' or '|' followed by an indented snippet");
                values[key] = null;
            }
            else if (key == "message")
            {
                values[key] = Unquote(fileName, i + 1, value);
            }
            else
            {
                values[key] = value;
            }
        }
        if (i >= lines.Length)
            throw Error(fileName, lines.Length, "the front matter is not closed with a '---' line");

        foreach (var key in Keys)
        {
            if (!values.ContainsKey(key))
                throw Error(fileName, i + 1, $"the front matter has no '{key}'");
        }
        return new DiagnosticPage(fileName, values["code"]!, values["name"]!, values["severity"]!, values["message"]!, values["example"]);
    }

    private static string Unquote(string fileName, int line, string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            throw Error(fileName, line, "message must be written in double quotes");
        var result = new System.Text.StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '"')
                throw Error(fileName, line, "a '\"' inside the message must be written \\\"");
            if (c == '\\')
            {
                if (i + 1 >= value.Length - 1 || value[i + 1] is not ('\\' or '"'))
                    throw Error(fileName, line, "only \\\\ and \\\" are escapes in the message");
                c = value[++i];
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static FormatException Error(string fileName, int line, string problem) => new($"{fileName}({line}): {problem}");
}
