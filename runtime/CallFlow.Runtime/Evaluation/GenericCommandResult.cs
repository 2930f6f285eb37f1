namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// What running a generic command did: it succeeded (perhaps with a <see cref="Request"/> for the VM), or it
/// failed with a one-sentence <see cref="Error"/> and changed nothing.
/// </summary>
/// <example><c>GenericCommandInterpreter.Execute("EVAL:$CP0=1/0", variables).Error</c> is "division by zero".</example>
public sealed record GenericCommandResult
{
    private GenericCommandResult(string? error, GenericCommandRequest? request)
    {
        Error = error;
        Request = request;
    }

    /// <summary>A command that did its work on the variables.</summary>
    public static GenericCommandResult Done { get; } = new(null, null);

    /// <summary>Why the command did nothing; null when it succeeded.</summary>
    public string? Error { get; }

    /// <summary>What the VM must still do (PRIORITY:, FWD:, SAVE:); null for commands that only change variables.</summary>
    public GenericCommandRequest? Request { get; }

    /// <summary>True when the command ran.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A command that ran and asks the VM for <paramref name="request"/>.</summary>
    public static GenericCommandResult Requesting(GenericCommandRequest request) => new(null, request);

    /// <summary>A command that changed nothing, and why.</summary>
    public static GenericCommandResult Failed(string error) => new(error, null);
}
