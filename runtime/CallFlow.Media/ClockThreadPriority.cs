using System.Runtime.InteropServices;

namespace CallFlow.Media;

/// <summary>
/// Raises the calling thread above the rest of the process, where the operating system allows it: on Linux the
/// real-time SCHED_FIFO class (needs root or CAP_SYS_NICE), else a nice value of -10, else nothing. .NET's
/// <see cref="ThreadPriority"/> is ignored on Linux, and without this a busy thread pool delays the media clock's
/// ticks by tens of milliseconds (docs/benchmarks.md, "SIP load"). The clock thread sleeps between ticks and does a few
/// milliseconds of work in each, so a real-time class cannot starve the machine.
/// </summary>
internal static class ClockThreadPriority
{
    private const int SchedFifo = 1;
    private const int PrioProcess = 0;

    /// <summary>Tries SCHED_FIFO at <paramref name="realtimePriority"/> (1-99), then nice -10; says what it got.</summary>
    public static string TryRaiseCurrentThread(int realtimePriority)
    {
        if (!OperatingSystem.IsLinux())
            return "normal (not Linux)";
        try
        {
            var parameter = new SchedParam { Priority = realtimePriority };
            if (SchedSetScheduler(0, SchedFifo, ref parameter) == 0)
                return $"SCHED_FIFO {realtimePriority}";
            if (SetPriority(PrioProcess, GetTid(), -10) == 0)
                return "nice -10";
            return "normal (no permission to raise it)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "normal (" + e.GetType().Name + ")";
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    // pid 0: the calling thread (Linux schedules threads; sched_setscheduler applies to the one named).
    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static extern int SchedSetScheduler(int pid, int policy, ref SchedParam parameter);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
