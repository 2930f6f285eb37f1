using System.Text;
using System.Text.RegularExpressions;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Docs;

/// <summary>
/// Holds docs/language.md and samples/ to the compiler: every example in the language reference compiles as its
/// fence says (<c>```vflow</c>: no diagnostics; <c>```vflow warnings</c>: no errors; <c>```vflow-error</c>: at
/// least one error), every action of the catalogue is documented, and the samples check without a diagnostic.
/// </summary>
public sealed partial class LanguageDocTests
{
    private const string DocPath = "docs/language.md";

    /// <summary>One fenced example: its tag, the 1-based line of its first code line, and its code.</summary>
    private sealed record CodeBlock(string Tag, int Line, string Code);

    [GeneratedRegex(@"^```(?<tag>vflow(?: warnings)?|vflow-error)\s*$")]
    private static partial Regex OpeningFence();

    private static readonly Lazy<IReadOnlyList<CodeBlock>> Blocks = new(() => Extract(File.ReadAllText(RepositoryPaths.Combine("docs", "language.md"))));

    public static TheoryData<int, string> Examples()
    {
        var data = new TheoryData<int, string>();
        foreach (var block in Blocks.Value)
            data.Add(block.Line, block.Tag);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_compiles_as_its_fence_says(int line, string tag)
    {
        var block = Blocks.Value.Single(b => b.Line == line);
        var compilation = Compilation.Create([new SourceText($"language.md:{line}", block.Code)]);
        var diagnostics = compilation.Diagnostics;

        var (ok, expectation) = tag switch
        {
            "vflow" => (diagnostics.IsEmpty, "no diagnostics"),
            "vflow warnings" => (!diagnostics.Any(d => d.IsError), "no errors"),
            "vflow-error" => (diagnostics.Any(d => d.IsError), "at least one error"),
            _ => (false, $"a known tag, not '{tag}'"),
        };
        if (ok)
            return;

        var report = new StringBuilder($"{DocPath}({line}): the ```{tag} example should give {expectation}, but gave:\n");
        if (diagnostics.IsEmpty)
            report.AppendLine("  (nothing)");
        foreach (var d in diagnostics)
        {
            // Map the position inside the block back to the line of the document.
            var docLine = line + d.Location.Start.Line - 1;
            report.AppendLine($"  {DocPath}({docLine},{d.Location.Start.Column}): {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}");
        }
        Assert.Fail(report.ToString());
    }

    [Fact]
    public void Document_has_examples_of_every_kind()
    {
        var tags = Blocks.Value.Select(b => b.Tag).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("vflow", tags);
        Assert.Contains("vflow warnings", tags);
        Assert.Contains("vflow-error", tags);
    }

    [Fact]
    public void Every_action_is_documented()
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("docs", "language.md"));
        var missing = ActionCatalog.All
            .Select(a => a.Name)
            .Concat(ActionCatalog.Legacy.Keys)
            .Where(name => !text.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"{DocPath} does not mention these actions (as `name`): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Samples_check_without_diagnostics()
    {
        var root = RepositoryPaths.Combine("samples");
        var sources = Directory.EnumerateFiles(root, "*.vflow", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => new SourceText(Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList();
        Assert.NotEmpty(sources);

        var diagnostics = Compilation.Create(sources).Diagnostics;
        Assert.True(diagnostics.IsEmpty, "samples/ should check with no diagnostics, but gave:\n" + string.Join("\n",
            diagnostics.Select(d => $"  {d.Location.Path}({d.Location.Start.Line},{d.Location.Start.Column}): {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}")));
    }

    /// <summary>Finds the fenced vflow examples. A fence left open is an error in the document, not a silent skip.</summary>
    private static List<CodeBlock> Extract(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = OpeningFence().Match(lines[i]);
            if (!match.Success)
                continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
                end++;
            if (end == lines.Length)
                throw new InvalidDataException($"{DocPath}({i + 1}): the ```{match.Groups["tag"].Value} fence is never closed");
            blocks.Add(new CodeBlock(match.Groups["tag"].Value, start + 1, string.Join("\n", lines[start..end]) + "\n"));
            i = end;
        }
        return blocks;
    }
}
