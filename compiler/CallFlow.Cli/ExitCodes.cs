namespace CallFlow.Cli;

/// <summary>vmc's exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Success; warnings allowed.</summary>
    public const int Success = 0;
    /// <summary>The input has errors (or, later, a simulated call did not match its transcript).</summary>
    public const int InputErrors = 1;
    /// <summary>Bad command line, or an input file that cannot be read.</summary>
    public const int UsageOrIo = 2;
    /// <summary>The environment failed (port in use, store unavailable).</summary>
    public const int Environment = 3;
}
