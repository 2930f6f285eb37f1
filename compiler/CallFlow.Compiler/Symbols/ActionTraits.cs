namespace CallFlow.Compiler.Symbols;

[Flags]
public enum ActionTraits
{
    None = 0,
    /// <summary>
    /// Takes the caller's time: waits for input, records, transfers, or plays audio of its own (speak_text, clock,
    /// queue announcements). A loop through such an action is not a busy loop.
    /// </summary>
    WaitsForCaller = 1,
    /// <summary>Results are not fixed: menu keys, test_variable cases, a module's returns.</summary>
    DynamicResults = 2,
    /// <summary>Ends the branch: no result, control leaves the flow (disconnect, home, return, goto, transfer).</summary>
    Terminal = 4,
    /// <summary>May be written inline after '->'.</summary>
    InlineTarget = 8,
    /// <summary>Only meaningful as the first action of a flow.</summary>
    FlowOption = 16,
}
