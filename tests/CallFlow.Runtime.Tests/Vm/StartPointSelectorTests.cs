using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Vm;

public sealed class StartPointSelectorTests
{
    private static readonly LoadedProgram Program = new(Compilation.Create([new SourceText("s.vflow", """
        start default leave { disconnect }
        start default collect { disconnect }
        start user "Extn201" leave { disconnect }
        start group "Sales" queued { disconnect }
        start shortcode "*88" { disconnect }
        direct module Attendant { disconnect }
        """)]).EmitProgram()!);

    [Theory]
    [InlineData("Extn201", CallType.Leave, "Extn201.Leave")]
    [InlineData("Extn201", CallType.Collect, "Default.Collect")]
    [InlineData("Extn202", CallType.Leave, "Default.Leave")]
    [InlineData("extn201", CallType.Leave, "Default.Leave")]
    [InlineData("Extn201 ", CallType.Leave, "Extn201.Leave")]
    [InlineData("Sales", CallType.Queued, "Sales.Queued")]
    [InlineData("Sales", CallType.StillQueued, null)]
    [InlineData(null, CallType.Callback, null)]
    public void The_mailbox_start_point_wins_then_the_default_then_built_in_behaviour(string? mailbox, CallType type, string? expected) =>
        Assert.Equal(expected, StartPointSelector.Select(Program, mailbox, type));

    [Theory]
    [InlineData("?Extn201", "Default.Collect")]
    [InlineData("#Extn201", "Extn201.Leave")]
    [InlineData("*88", "Short Codes.*88")]
    [InlineData("Short Codes.*88", "Short Codes.*88")]
    [InlineData("Attendant", "Attendant")]
    [InlineData("Nowhere", null)]
    public void VM_destinations_resolve_like_Voicemail_Pro_addresses(string destination, string? expected) =>
        Assert.Equal(expected, StartPointSelector.Resolve(Program, destination));
}
