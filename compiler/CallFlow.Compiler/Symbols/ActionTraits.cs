namespace CallFlow.Compiler.Symbols;

[Flags]
public enum ActionTraits
{
    None = 0,
    /// <summary>Waits for the caller or the network (input, recording, a transfer), so a loop through it is not a busy loop.</summary>
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
