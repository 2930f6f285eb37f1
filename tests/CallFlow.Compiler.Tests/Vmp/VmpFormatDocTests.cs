using System.Text.RegularExpressions;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Vmp;

/// <summary>docs/vmp-format.md and the code must not drift apart.</summary>
public sealed class VmpFormatDocTests
{
    private static readonly string Doc = File.ReadAllText(RepositoryPaths.Combine("docs", "vmp-format.md"));

    [Fact]
    public void Every_opcode_is_documented_with_its_number()
    {
        foreach (var op in Enum.GetValues<OpCode>())
            Assert.Matches(new Regex($@"\| 0x{(ushort)op:X2} \| {op} \|"), Doc);
    }

    [Fact]
    public void Every_condition_operator_value_kind_prompt_kind_and_section_is_documented()
    {
        foreach (var op in Enum.GetValues<ConditionOp>())
            Assert.Matches(new Regex($@"\| {(ushort)op} \| {op} \|"), Doc);
        foreach (var kind in Enum.GetValues<VmpValueKind>())
            Assert.Matches(new Regex($@"\| {(byte)kind} \| {kind} \|"), Doc);
        foreach (var kind in Enum.GetValues<VmpPromptKind>())
            Assert.Matches(new Regex($@"\| {(byte)kind} \| {kind} \|"), Doc);
        foreach (var kind in Enum.GetValues<SectionKind>())
            Assert.Matches(new Regex($@"\| {(uint)kind} \| {kind} \|"), Doc);
    }

    [Fact]
    public void The_documented_version_is_the_current_one()
    {
        Assert.Contains($"this vmc writes {VmpFormat.Current} and reads {VmpFormat.MinimumCompatible}..{VmpFormat.Current}", Doc);
    }

    [Fact]
    public void Load_errors_and_diagnostic_codes_agree()
    {
        foreach (var error in Enum.GetValues<VmpLoadError>())
        {
            var descriptor = Assert.Single(DiagnosticDescriptors.All, d => d.Number == (int)error);
            Assert.Equal(error.ToString(), descriptor.Name);
        }
        Assert.Equal(Enum.GetValues<VmpLoadError>().Length, DiagnosticDescriptors.All.Count(d => d.Number is >= 5000 and < 6000));
    }
}
