using System.Text;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Tests.Corpus;

/// <summary>
/// Every file under tests/cases compiles to exactly the diagnostics written inline in it. Files in valid/ and
/// runtime/ may expect warnings but no errors; files in static-error/ must expect at least one error.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var root = RepositoryPaths.Combine("tests", "cases");
        foreach (var file in Directory.EnumerateFiles(root, "*.vflow", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_produces_exactly_the_annotated_diagnostics(string relativePath)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("tests", "cases", relativePath));
        var expected = Annotations.Parse(text);
        var compilation = Compilation.Create([new SourceText(relativePath, text)]);
        var actual = compilation.Diagnostics;

        // static-error/ files must expect an error; valid/ and runtime/ (flows the simulate tests run) must have none.
        if (relativePath.StartsWith("static-error/", StringComparison.Ordinal))
            Assert.Contains(expected, e => DiagnosticDescriptors.All.First(d => d.Code == e.Code).Severity == Severity.Error);
        else
            Assert.DoesNotContain(actual, d => d.IsError);

        var unmatched = new List<Diagnostic>(actual);
        var missing = new List<ExpectedDiagnostic>();
        foreach (var e in expected)
        {
            var hit = unmatched.FirstOrDefault(d => d.Location.Start.Line == e.Line && d.Location.Start.Column == e.Column
                && d.Code == e.Code && (e.Message is null || e.Message == d.Message));
            if (hit is null)
                missing.Add(e);
            else
                unmatched.Remove(hit);
        }

        if (missing.Count == 0 && unmatched.Count == 0)
            return;
        var report = new StringBuilder($"{relativePath}: diagnostics differ from the annotations\n");
        foreach (var e in missing)
            report.AppendLine($"  expected but not reported: {e}   (annotation on line {e.AnnotationLine})");
        foreach (var d in unmatched)
            report.AppendLine($"  reported but not expected: ({d.Location.Start.Line},{d.Location.Start.Column}) {d.Code}: {d.Message}");
        Assert.Fail(report.ToString());
    }

    [Fact]
    public void Corpus_has_valid_and_error_cases()
    {
        var cases = ((IEnumerable<object[]>)Cases()).Select(row => (string)row[0]).ToList();
        Assert.Contains(cases, c => c.StartsWith("valid/", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.StartsWith("static-error/", StringComparison.Ordinal));
    }
}
