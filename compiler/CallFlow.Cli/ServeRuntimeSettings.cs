using System.Collections;
using System.Runtime.InteropServices;

namespace CallFlow.Cli;

/// <summary>
/// The garbage collector's budgets for <c>vmc serve</c>. Every managed thread, the media clock's included, stops for a
/// collection, and a young collection's pause grows with what survives it, which is the state of the calls set up
/// since the last one. The runtime's default budgets let hundreds of new calls accumulate between collections (15-35
/// ms pauses at 1,000 calls, docs/benchmarks.md); small budgets collect more often and each pause stays a few
/// milliseconds (docs/configuration.md, "Garbage collection"). The runtime reads these settings only from the
/// environment, before it starts, so on Linux <c>vmc serve</c> re-executes itself once with them set (the same process
/// id, arguments and environment otherwise).
/// An operator who sets any of them keeps their own values; <c>CALLFLOW_GC_BUDGETS=default</c> leaves the runtime's.
/// </summary>
internal static class ServeRuntimeSettings
{
    /// <summary>What vmc serve sets: 3 MB allocated between young collections, at most 1 MB for generation 1.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Variables =
    [
        ("DOTNET_GCgen0size", "0x300000"),
        ("DOTNET_GCGen0MaxBudget", "0x300000"),
        ("DOTNET_GCGen1MaxBudget", "0x100000"),
    ];

    /// <summary>Set to "default" to serve with the runtime's own budgets.</summary>
    public const string OptOut = "CALLFLOW_GC_BUDGETS";

    /// <summary>
    /// Re-executes the process with <see cref="Variables"/> set when that is needed and possible; returns only when it
    /// did not (another OS, already set, opted out, or the exec failed, which is reported on <paramref name="error"/>).
    /// </summary>
    public static void Apply(TextWriter error)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(OptOut) is not null)
            return;
        foreach (var (name, _) in Variables)
        {
            // Either spelling counts as the operator's choice (and marks an earlier re-execution).
            if (Environment.GetEnvironmentVariable(name) is not null || Environment.GetEnvironmentVariable("COMPlus_" + name["DOTNET_".Length..]) is not null)
                return;
        }
        string[] arguments;
        try
        {
            // The command line as the kernel has it (dotnet vmc.dll serve ..., or the apphost's), not the managed view.
            arguments = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        var environment = new List<string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment.Add($"{entry.Key}={entry.Value}");
        foreach (var (name, value) in Variables)
            environment.Add($"{name}={value}");
        environment.Add(null);
        execve("/proc/self/exe", [.. arguments, null], [.. environment]);
        error.WriteLine($"vmc serve: could not restart with smaller garbage collection budgets (errno {Marshal.GetLastPInvokeError()}); serving with the runtime's defaults");
    }

    // Replaces the process image; returns only on failure. Strings are UTF-8 on Unix.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int execve(string path, string?[] argv, string?[] envp);
}
