namespace CallFlow.Runtime.Vm;

/// <summary>
/// Chooses the flow for an incoming call as Voicemail Pro does (reference §2.2): the start point of the target
/// mailbox (user or hunt group name, matched case-sensitively) for the call type, else the Default start point
/// for that type; when neither exists the server's built-in voicemail behaviour applies (null here). Short codes
/// and modules are addressed directly ("Short Codes.*80", "Attendant").
/// </summary>
public static class StartPointSelector
{
    /// <summary>The address of the flow to run, or null for built-in behaviour.</summary>
    public static string? Select(LoadedProgram program, string? mailbox, CallType type)
    {
        var kind = type switch
        {
            CallType.Collect => "Collect",
            CallType.Leave => "Leave",
            CallType.Callback => "Callback",
            CallType.Queued => "Queued",
            _ => "Still Queued",
        };
        // Voicemail Pro drops trailing spaces from mailbox names, so a name from the PBX is trimmed the same way.
        var name = mailbox?.TrimEnd(' ');
        if (!string.IsNullOrEmpty(name) && program.FlowsByName.ContainsKey($"{name}.{kind}"))
            return $"{name}.{kind}";
        return program.FlowsByName.ContainsKey($"Default.{kind}") ? $"Default.{kind}" : null;
    }

    /// <summary>A VM: destination or short code number: "?200" and "#200" collect and leave, "Extn201.Leave",
    /// "Short Codes.*88", or a module name.</summary>
    public static string? Resolve(LoadedProgram program, string destination)
    {
        if (destination.StartsWith('?'))
            return Select(program, destination[1..], CallType.Collect);
        if (destination.StartsWith('#'))
            return Select(program, destination[1..], CallType.Leave);
        if (program.FlowsByName.ContainsKey(destination))
            return destination;
        return program.FlowsByName.ContainsKey($"Short Codes.{destination}") ? $"Short Codes.{destination}" : null;
    }
}
