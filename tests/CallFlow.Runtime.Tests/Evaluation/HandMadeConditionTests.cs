using System.Collections.Immutable;
using CallFlow.Runtime.Evaluation;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>Programs built node by node: shapes the compiler does not write, deep nesting, and broken programs.</summary>
public sealed class HandMadeConditionTests
{
    private static Node Op(ConditionOp op, int a = 0, int b = 0, int c = 0) => new((ushort)op, 0, a, b, c);

    /// <summary>Each entry is one condition's nodes; condition i is named "C{i}".</summary>
    private static VmpProgram Build(IReadOnlyList<Node[]> conditions, params VmpValue[] values)
    {
        var strings = ImmutableArray.CreateBuilder<string>();
        strings.Add("");
        var table = ImmutableArray.CreateBuilder<VmpCondition>();
        var nodes = ImmutableArray.CreateBuilder<Node>();
        foreach (var condition in conditions)
        {
            table.Add(new VmpCondition(strings.Count, nodes.Count, condition.Length));
            strings.Add($"C{table.Count - 1}");
            nodes.AddRange(condition);
        }
        return new VmpProgram(1, strings.ToImmutable(), [], [.. values], [], [], [], [], table.ToImmutable(), nodes.ToImmutable(), [], []);
    }

    private static bool Evaluate(VmpProgram program, string utc = "2026-11-02T10:00:00Z", int condition = 0) =>
        ConditionEvaluator.Evaluate(program, condition, TestCalls.NewCall(), TestCalls.Utc(utc), TestCalls.London);

    private static VmpValue Period(int days, int start, int end) => new(VmpValueKind.WeekPeriod, ((long)days << 32) | ((long)start << 16) | (long)end);

    [Theory]
    [InlineData("2026-11-02T00:00:00Z", true)]
    [InlineData("2026-11-08T23:59:59Z", true)]
    public void A_whole_week_period_always_holds(string utc, bool expected) =>
        Assert.Equal(expected, Evaluate(Build([[Op(ConditionOp.Weekly, 0, 1)]], Period(0x7F, 0, 1440)), utc));

    [Theory]
    [InlineData(600, 600)]
    [InlineData(700, 600)]
    public void A_period_whose_end_is_not_after_its_start_is_empty(int start, int end) =>
        Assert.False(Evaluate(Build([[Op(ConditionOp.Weekly, 0, 1)]], Period(0x7F, start, end)), "2026-11-02T10:00:00Z"));

    [Fact]
    public void Weekly_and_calendar_with_no_entries_are_false()
    {
        Assert.False(Evaluate(Build([[Op(ConditionOp.Weekly, 0, 0)]])));
        Assert.False(Evaluate(Build([[Op(ConditionOp.Calendar, 0, 0)]])));
    }

    [Fact]
    public void Compare_reads_integer_and_name_values()
    {
        var program = Build([[Op(ConditionOp.Compare, 0, 1, (int)CompareOperator.Less)]],
            new VmpValue(VmpValueKind.Integer, 9), new VmpValue(VmpValueKind.Integer, 10));
        Assert.True(Evaluate(program));
    }

    [Fact]
    public void A_long_chain_of_references_does_not_recurse()
    {
        const int count = 100_000;
        var conditions = Enumerable.Range(0, count)
            .Select(i => i < count - 1 ? new[] { Op(ConditionOp.Reference, i + 1) } : [Op(ConditionOp.True), Op(ConditionOp.Not)])
            .ToList();
        Assert.False(Evaluate(Build(conditions)));
    }

    [Fact]
    public void A_long_postfix_run_does_not_recurse()
    {
        var nodes = new List<Node> { Op(ConditionOp.True) };
        for (var i = 0; i < 100_001; i++)
            nodes.Add(Op(ConditionOp.Not));
        for (var i = 0; i < 1000; i++)
        {
            nodes.Add(Op(ConditionOp.False));
            nodes.Add(Op(ConditionOp.Or));
        }
        Assert.False(Evaluate(Build([[.. nodes]])));
    }

    [Fact]
    public void A_shared_reference_is_evaluated_once()
    {
        // C0 = C1 and C1 ... 2^n paths through a diamond of depth 64 would never finish without the memo.
        const int depth = 64;
        var conditions = Enumerable.Range(0, depth)
            .Select(i => i < depth - 1
                ? new[] { Op(ConditionOp.Reference, i + 1), Op(ConditionOp.Reference, i + 1), Op(ConditionOp.And) }
                : [Op(ConditionOp.True)])
            .ToList();
        Assert.True(Evaluate(Build(conditions)));
    }

    public static TheoryData<string, Node[][], VmpValue[]> Broken => new()
    {
        { "refers to itself", [[Op(ConditionOp.Reference, 1)], [Op(ConditionOp.Reference, 0)]], [] },
        { "refers to itself", [[Op(ConditionOp.Reference, 0)]], [] },
        { "does not leave exactly one result", [[]], [] },
        { "does not leave exactly one result", [[Op(ConditionOp.True), Op(ConditionOp.True)]], [] },
        { "pops more results than it pushed", [[Op(ConditionOp.True), Op(ConditionOp.And)]], [] },
        // A referenced condition may not pop its caller's results.
        { "pops more results than it pushed", [[Op(ConditionOp.True), Op(ConditionOp.Reference, 1), Op(ConditionOp.And)], [Op(ConditionOp.Not)]], [] },
        { "unknown node", [[new Node(99, 0, 0, 0, 0)]], [] },
        { "referenced condition 5 is outside", [[Op(ConditionOp.Reference, 5)]], [] },
        { "is a Text, not a WeekPeriod", [[Op(ConditionOp.Weekly, 0, 1)]], [new VmpValue(VmpValueKind.Text, 0)] },
        { "outside the program", [[Op(ConditionOp.Calendar, 0, 2)]], [new VmpValue(VmpValueKind.DateRange, 0)] },
        { "cannot be compared", [[Op(ConditionOp.Compare, 0, 0, 1)]], [new VmpValue(VmpValueKind.Prompt, 0)] },
        { "unknown compare operator", [[Op(ConditionOp.Compare, 0, 0, 9)]], [new VmpValue(VmpValueKind.Text, 0)] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_program_the_loader_would_refuse_throws_instead_of_answering(string message, Node[][] conditions, VmpValue[] values)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Evaluate(Build(conditions, values)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_condition_index_outside_the_program_throws() =>
        Assert.Throws<InvalidOperationException>(() => Evaluate(Build([[Op(ConditionOp.True)]]), condition: 1));
}
