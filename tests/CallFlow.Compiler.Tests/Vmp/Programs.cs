using CallFlow.Compiler.Text;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Vmp;

/// <summary>Compiled programs for the root.vmp tests: the samples, and single corpus files.</summary>
internal static class Programs
{
    public static List<SourceText> SampleSources() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Combine("samples"), "*.vflow", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'), File.ReadAllText(f)))];

    public static Compilation Samples() => Compilation.Create(SampleSources());

    public static byte[] SampleBytes() => Samples().Emit() ?? throw new InvalidOperationException("the samples do not compile");

    public static VmpProgram SampleProgram() => Samples().EmitProgram()!;

    public static Compilation Case(string relativePath) =>
        Compilation.Create([new SourceText(relativePath, File.ReadAllText(RepositoryPaths.Combine("tests", "cases", relativePath)))]);
}
