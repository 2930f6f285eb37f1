using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>Builds condition programs from .vflow source, through root.vmp bytes and the loader, as the VM will get them.</summary>
internal static class TestPrograms
{
    /// <summary>Compiles <paramref name="conditions"/> (one "condition Name = ..." per line) with a start point that tests each.</summary>
    public static VmpProgram Compile(string conditions)
    {
        var names = conditions.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("condition ", StringComparison.Ordinal))
            .Select(line => line["condition ".Length..line.IndexOf('=')].Trim())
            .ToList();
        var uses = string.Concat(names.Select((name, i) => $"start shortcode \"*{i + 1}\" {{ test_condition {name} {{ on True, False -> disconnect }} }}\n"));
        var compilation = Compilation.Create([new SourceText("t.vflow", conditions + "\n" + uses)]);
        var bytes = compilation.Emit();
        Assert.True(bytes is not null, string.Join("\n", compilation.Diagnostics.Select(d => d.ToString())));
        return VmpReader.Read(bytes);
    }

    public static int IndexOf(VmpProgram program, string condition)
    {
        for (var i = 0; i < program.Conditions.Length; i++)
        {
            if (program.Strings[program.Conditions[i].Name] == condition)
                return i;
        }
        throw new ArgumentException($"no condition {condition}", nameof(condition));
    }
}
