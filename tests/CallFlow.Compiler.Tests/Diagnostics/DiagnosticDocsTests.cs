using System.Globalization;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Diagnostics;

/// <summary>
/// Holds docs/diagnostics/ to <see cref="DiagnosticDescriptors"/>: one page per code, front matter equal to the
/// descriptor, an example that really produces the code, and a README that indexes every code.
/// </summary>
public sealed class DiagnosticDocsTests
{
    /// <summary>
    /// Codes whose page may say <c>example: none</c>, each with the reason no .vflow file can produce it.
    /// Keep this list short: every other code must have an example that fires.
    /// </summary>
    private static readonly Dictionary<string, string> CodesWithoutExample = new(StringComparer.Ordinal)
    {
        ["VF9001"] = "an internal error is a crash of vmc itself; no input is supposed to cause one",
    };

    static DiagnosticDocsTests()
    {
        // Load errors come from damaged root.vmp files, not from .vflow sources; Vmp/VmpReaderTests fire each one.
        foreach (var load in DiagnosticDescriptors.All.Where(d => d.Number is >= 5000 and < 6000))
            CodesWithoutExample[load.Code] = "a root.vmp load error; VmpReaderTests produce it from a damaged file";
        // Runtime faults come from running calls; CallFlow.Runtime.Tests (MachineTests) produce them.
        foreach (var fault in DiagnosticDescriptors.All.Where(d => d.Number is >= 6000 and < 7000))
            CodesWithoutExample[fault.Code] = "a runtime fault of a running call; the runtime tests produce it";
    }

    private static readonly string DocsDirectory = RepositoryPaths.Combine("docs", "diagnostics");

    public static TheoryData<string> AllCodes() => new(DiagnosticDescriptors.All.Select(d => d.Code));

    [Fact]
    public void EveryCodeHasExactlyOnePageAndEveryPageHasACode()
    {
        var problems = new List<string>();
        var files = Directory.GetFiles(DocsDirectory, "*.md").Select(Path.GetFileName).Where(f => f != "README.md").ToList();

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var expected = PageFileName(descriptor);
            var forCode = files.Where(f => f!.StartsWith(descriptor.Code + "-", StringComparison.Ordinal)).ToList();
            if (!forCode.Contains(expected))
                problems.Add($"{descriptor.Code}: no page {expected}");
            foreach (var other in forCode.Where(f => f != expected))
                problems.Add($"{descriptor.Code}: page {other} should be named {expected}");
        }

        var known = DiagnosticDescriptors.All.Select(PageFileName).ToHashSet(StringComparer.Ordinal);
        var codes = DiagnosticDescriptors.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Where(f => !known.Contains(f!)))
        {
            if (!codes.Any(c => file!.StartsWith(c + "-", StringComparison.Ordinal)))
                problems.Add($"{file}: no diagnostic has this code (remove the page, or add the descriptor)");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void FrontMatterMatchesTheDescriptor(string code)
    {
        var descriptor = Descriptor(code);
        var page = LoadPage(descriptor);

        Assert.Equal(descriptor.Code, page.Code);
        Assert.Equal(descriptor.Name, page.Name);
        Assert.Equal(descriptor.Severity.ToString().ToLowerInvariant(), page.Severity);
        Assert.Equal(descriptor.MessageFormat, page.Message);
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void ExampleProducesItsCode(string code)
    {
        var page = LoadPage(Descriptor(code));
        if (page.Example is null)
        {
            Assert.True(CodesWithoutExample.ContainsKey(code),
                $"{page.FileName} says 'example: none'; give it an example that produces {code}, or list {code} with a reason in {nameof(CodesWithoutExample)}");
            return;
        }
        Assert.False(CodesWithoutExample.ContainsKey(code), $"{code} has an example now; remove it from {nameof(CodesWithoutExample)}");

        var compilation = Compilation.Create([new SourceText("example.vflow", page.Example)]);

        Assert.True(compilation.Diagnostics.Any(d => d.Code == code),
            $"the example in {page.FileName} does not produce {code}; it produces:\n" + Describe(compilation.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void MessageAndHintFormatWithFiveArguments(string code)
    {
        var descriptor = Descriptor(code);
        object?[] arguments = ["a0", "a1", "a2", "a3", "a4"];

        var message = descriptor.FormatMessage(arguments);
        var hint = descriptor.FormatHint(arguments);

        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.True(hint is null || hint.Trim().Length > 0, $"{code}: the hint is blank");
    }

    [Fact]
    public void ReadmeIndexesEveryCode()
    {
        var readme = File.ReadAllText(Path.Combine(DocsDirectory, "README.md"));
        var missing = DiagnosticDescriptors.All
            .Where(d => !readme.Contains($"| [{d.Code}]({PageFileName(d)}) | {d.Name} | {d.Severity.ToString().ToLowerInvariant()} |", StringComparison.Ordinal))
            .Select(d => $"{d.Code} {d.Name}")
            .ToList();

        Assert.True(missing.Count == 0,
            "docs/diagnostics/README.md has no row '| [VFnnnn](VFnnnn-Name.md) | Name | severity | meaning |' for: " + string.Join(", ", missing));
    }

    [Fact]
    public void CodesWithoutExampleAreKnownCodes()
    {
        var codes = DiagnosticDescriptors.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(CodesWithoutExample.Keys, code => Assert.Contains(code, codes));
    }

    private static string PageFileName(DiagnosticDescriptor descriptor) => $"{descriptor.Code}-{descriptor.Name}.md";

    private static DiagnosticDescriptor Descriptor(string code) => DiagnosticDescriptors.All.Single(d => d.Code == code);

    private static DiagnosticPage LoadPage(DiagnosticDescriptor descriptor)
    {
        var path = Path.Combine(DocsDirectory, PageFileName(descriptor));
        Assert.True(File.Exists(path), $"{descriptor.Code}: no page {PageFileName(descriptor)} in docs/diagnostics");
        return DiagnosticPage.Load(path);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"  {d.Location.Start.Line}:{d.Location.Start.Column} {d.Code}: {d.Message}")).ToList();
        return lines.Count == 0 ? "  (no diagnostics)" : string.Join("\n", lines);
    }
}
