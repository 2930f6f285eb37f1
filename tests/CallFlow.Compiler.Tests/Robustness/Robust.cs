using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Text;
using Xunit.Sdk;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// Runs the checker on one input the way every robustness test does: <see cref="Compilation.Create"/> (and
/// <see cref="Compilation.ParseOnly"/>) on a dedicated thread that must return within a time bound, then checks
/// that every diagnostic is well formed. A hang, an exception or a malformed diagnostic fails with a description of
/// the input. Nothing here asserts on speed beyond the (generous) bound.
/// </summary>
internal static partial class Robust
{
    /// <summary>For small inputs (the fuzz loops): far above the milliseconds they take.</summary>
    public static readonly TimeSpan Small = TimeSpan.FromSeconds(10);

    /// <summary>For the megabyte-sized and huge-count inputs.</summary>
    public static readonly TimeSpan Big = TimeSpan.FromSeconds(20);

    [GeneratedRegex("^VF[0-9]{4}$")]
    private static partial Regex CodePattern();

    /// <summary>Compiles <paramref name="text"/> and returns its diagnostics, failing on a hang, an exception or a bad location.</summary>
    public static ImmutableArray<Diagnostic> Check(string text, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Small;
        var source = new SourceText("fuzz.vflow", text);
        var task = Run(() =>
        {
            var parsed = Compilation.ParseOnly(source);
            var compilation = Compilation.Create([source]);
            return (parsed, compilation.Diagnostics);
        }, limit);

        try
        {
            if (!task.Wait(limit))
                throw new XunitException($"Compilation.Create did not return within {limit.TotalSeconds:F0} s (hang?) on {Describe(text)}");
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            throw new XunitException($"the checker threw {inner.GetType().Name}: {inner.Message}{Environment.NewLine}on {Describe(text)}{Environment.NewLine}{inner}");
        }

        var (parseDiagnostics, diagnostics) = task.Result;
        Validate(source, parseDiagnostics, "Compilation.ParseOnly");
        Validate(source, diagnostics, "Compilation.Create");
        return diagnostics;
    }

    /// <summary>Several files compiled together: every diagnostic must point into the source it names.</summary>
    public static ImmutableArray<Diagnostic> CheckSources(params string[] texts)
    {
        var sources = texts.Select((text, i) => new SourceText($"fuzz{i}.vflow", text)).ToArray();
        var task = Run(() => Compilation.Create(sources).Diagnostics, Small);
        var described = string.Join(" + ", texts.Select(Describe));
        try
        {
            if (!task.Wait(Small))
                throw new XunitException($"Compilation.Create did not return within {Small.TotalSeconds:F0} s (hang?) on {described}");
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            throw new XunitException($"the checker threw {inner.GetType().Name}: {inner.Message}{Environment.NewLine}on {described}{Environment.NewLine}{inner}");
        }
        foreach (var source in sources)
            Validate(source, [.. task.Result.Where(d => d.Location.Path == source.Path)], "Compilation.Create");
        var stray = task.Result.FirstOrDefault(d => !sources.Any(s => ReferenceEquals(s, d.Location.Source)));
        if (stray is not null)
            throw new XunitException($"diagnostic in an unknown source '{stray.Location.Path}': {Format(stray)} on {described}");
        return task.Result;
    }

    /// <summary>As <see cref="Check"/>, and the input must get at least one diagnostic (it is garbage).</summary>
    public static ImmutableArray<Diagnostic> CheckGarbage(string text, TimeSpan? timeout = null)
    {
        var diagnostics = Check(text, timeout);
        if (diagnostics.IsEmpty)
            throw new XunitException($"no diagnostic for an invalid input: {Describe(text)}");
        return diagnostics;
    }

    /// <summary>As <see cref="Check"/>, and the input must compile without any diagnostic (it is valid).</summary>
    public static void CheckClean(string text, TimeSpan? timeout = null)
    {
        var diagnostics = Check(text, timeout);
        if (!diagnostics.IsEmpty)
            throw new XunitException($"{diagnostics.Length} diagnostics for a valid input, first: {Format(diagnostics[0])}{Environment.NewLine}on {Describe(text)}");
    }

    /// <summary>
    /// Small inputs run on the thread pool (a hand-off costs microseconds; the fuzz loops run thousands); big ones on a
    /// thread of their own, so a hang cannot hold a pool thread that other tests wait for. A run that times out is
    /// abandoned: .NET cannot stop a thread, so a hang keeps one core busy until it ends or the test run does.
    /// </summary>
    private static Task<T> Run<T>(Func<T> work, TimeSpan limit) =>
        limit <= Small
            ? Task.Run(work)
            : Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Every diagnostic: a VFnnnn code, a message, and a location inside this source with line and column from 1.</summary>
    public static void Validate(SourceText source, ImmutableArray<Diagnostic> diagnostics, string stage)
    {
        var length = source.Text.Length;
        foreach (var d in diagnostics)
        {
            string? problem = null;
            var span = d.Location.Span;
            if (!CodePattern().IsMatch(d.Code))
                problem = $"code '{d.Code}' is not VFnnnn";
            else if (string.IsNullOrWhiteSpace(d.Message))
                problem = "empty message";
            else if (!ReferenceEquals(d.Location.Source, source))
                problem = $"location in another source ('{d.Location.Path}')";
            else if (span.Start < 0 || span.Length < 0 || span.End > length)
                problem = $"span {span} outside the source (length {length})";
            else
            {
                var start = d.Location.Start;
                if (start.Line < 1 || start.Column < 1)
                    problem = $"position {start} is not 1-based";
                else if (start.Line > source.LineCount)
                    problem = $"line {start.Line} beyond the last line {source.LineCount}";
                else if (source.GetOffset(start.Line, start.Column) != span.Start)
                    problem = $"position {start} does not map back to offset {span.Start}";
            }
            if (problem is not null)
                throw new XunitException($"{stage}: malformed diagnostic ({problem}): {Format(d)}{Environment.NewLine}on {Describe(source.Text)}");
        }
    }

    public static string Format(Diagnostic d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Code} at {d.Location.Span} ({d.Location.Start}): {Shorten(d.Message, 200)}");

    /// <summary>The input for a failure message: its length and its start, control characters escaped.</summary>
    public static string Describe(string text)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"input of {text.Length} chars: \"");
        foreach (var c in text.Length > 400 ? text[..400] : text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        builder.Append(text.Length > 400 ? "\" ..." : "\"");
        return builder.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    /// <summary>
    /// Whether the text holds anything but whitespace, ';' and terminated comments, i.e. something the grammar can only
    /// accept as part of a declaration. Random text with such content is garbage and must get a diagnostic (a random
    /// valid declaration is astronomically unlikely at the sizes generated).
    /// </summary>
    public static bool HasContent(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\f' or '\r' or '\n' or ';' or '\u00A0' or '\uFEFF')
                continue;
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] is not ('\r' or '\n'))
                    i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                    return true; // unterminated comment: VF0004
                i = end + 1;
                continue;
            }
            return true;
        }
        return false;
    }
}
