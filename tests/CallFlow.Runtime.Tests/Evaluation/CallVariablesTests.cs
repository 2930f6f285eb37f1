using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

public sealed class CallVariablesTests
{
    [Theory]
    [InlineData("$CLI")]
    [InlineData("$KEY")]
    [InlineData("$CP0")]
    [InlineData("$CP[15]")]
    [InlineData("$DBD5")]
    [InlineData("$REG[Nobody]")]
    [InlineData("$NOSUCH")]
    [InlineData("$CP16")]
    [InlineData("$COUNTER0")]
    [InlineData("$cli")]
    public void Unset_and_unknown_variables_read_as_empty(string name) =>
        Assert.Equal("", TestCalls.NewCall().Get(name));

    [Fact]
    public void Counters_start_at_zero() =>
        Assert.All(Enumerable.Range(1, 15), n => Assert.Equal("0", TestCalls.NewCall().Get($"$COUNTER{n}")));

    [Theory]
    [InlineData("$CP3", "$CP[3]")]
    [InlineData("CP3", "$CP3")]
    [InlineData("$COUNTER[12]", "$COUNTER12")]
    [InlineData("$DBD[2]", "$DBD2")]
    [InlineData("$CP[03]", "$CP3")]
    public void Indexed_forms_share_one_slot(string written, string read)
    {
        var call = TestCalls.NewCall();
        Assert.Equal(SetVariableResult.Stored, call.SetSystem(written, "42"));
        Assert.Equal("42", call.Get(read));
    }

    [Theory]
    [InlineData("$ACCOUNT_CODE")]
    [InlineData("$CLI")]
    [InlineData("$DISPLAY")]
    [InlineData("$KEY")]
    [InlineData("$LOC")]
    [InlineData("$RES")]
    [InlineData("$SAV")]
    [InlineData("$VAR")]
    [InlineData("$CP0")]
    [InlineData("$CP15")]
    [InlineData("$COUNTER15")]
    public void A_flow_may_write_the_writable_variables(string name)
    {
        var call = TestCalls.NewCall();
        Assert.Equal(SetVariableResult.Stored, call.Set(name, "7"));
        Assert.Equal("7", call.Get(name));
    }

    [Theory]
    [InlineData("$CLI_NAME", SetVariableResult.ReadOnly)]
    [InlineData("$DDI", SetVariableResult.ReadOnly)]
    [InlineData("$NAM", SetVariableResult.ReadOnly)]
    [InlineData("$CALLED", SetVariableResult.ReadOnly)]
    [InlineData("$CID", SetVariableResult.ReadOnly)]
    [InlineData("$POS", SetVariableResult.ReadOnly)]
    [InlineData("$DBD0", SetVariableResult.ReadOnly)]
    [InlineData("$REG[Night]", SetVariableResult.ReadOnly)]
    [InlineData("$DAY", SetVariableResult.ReadOnly)]
    [InlineData("$CALL_TIME", SetVariableResult.ReadOnly)]
    [InlineData("$CP16", SetVariableResult.UnknownVariable)]
    [InlineData("$COUNTER0", SetVariableResult.UnknownVariable)]
    [InlineData("$DBD6", SetVariableResult.UnknownVariable)]
    [InlineData("$NOSUCH", SetVariableResult.UnknownVariable)]
    [InlineData("$key", SetVariableResult.UnknownVariable)]
    public void A_flow_is_refused_other_variables(string name, SetVariableResult expected)
    {
        var call = TestCalls.NewCall();
        var before = call.Get(name);
        Assert.Equal(expected, call.Set(name, "x"));
        Assert.Equal(before, call.Get(name));
    }

    [Theory]
    [InlineData("$CLI_NAME")]
    [InlineData("$DDI")]
    [InlineData("$POS")]
    [InlineData("$DBD[4]")]
    [InlineData("$CALLERS_TZOFFESET")]
    public void The_host_may_write_read_only_variables(string name)
    {
        var call = TestCalls.NewCall();
        Assert.Equal(SetVariableResult.Stored, call.SetSystem(name, "Alice"));
        Assert.Equal("Alice", call.Get(name));
    }

    [Fact]
    public void Nobody_writes_the_clock_variables()
    {
        var call = TestCalls.NewCall();
        Assert.Equal(SetVariableResult.ReadOnly, call.SetSystem("$HOUR", "01"));
        Assert.Equal("14", call.Get("$HOUR"));
    }

    [Fact]
    public void User_variables_are_read_through_REG_and_written_by_the_host()
    {
        var users = new UserVariables([new("Night", "on")]);
        var call = TestCalls.NewCall(users);
        Assert.Equal("on", call.Get("$REG[Night]"));
        Assert.Equal(SetVariableResult.Stored, call.SetSystem("$REG[Night]", "off"));
        Assert.Equal("off", users.Get("Night"));
        Assert.Equal("off", TestCalls.NewCall(users).Get("$REG[Night]")); // shared by every call
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData(" -3 ", -3)]
    [InlineData("12.9", 12)]
    [InlineData("-12.9", -12)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("1e3", 0)]
    [InlineData("99999999999999999999", long.MaxValue)]
    public void Counters_hold_whole_numbers(string value, long expected)
    {
        var call = TestCalls.NewCall();
        call.Set("$COUNTER1", value);
        Assert.Equal(expected, call.GetCounter(1));
    }

    [Theory]
    [InlineData(511, 511, SetVariableResult.Stored)]
    [InlineData(512, 512, SetVariableResult.Stored)]
    [InlineData(513, 512, SetVariableResult.Truncated)]
    [InlineData(5000, 512, SetVariableResult.Truncated)]
    public void Values_are_capped_at_512_characters(int length, int stored, SetVariableResult expected)
    {
        var call = TestCalls.NewCall();
        var value = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        Assert.Equal(expected, call.Set("$CP1", value));
        Assert.Equal(value[..stored], call.Get("$CP1"));
        Assert.Equal(expected, call.SetSystem("$CLI_NAME", value));
        Assert.Equal(stored, call.Get("$CLI_NAME").Length);
        Assert.Equal(expected, call.Users.Set("Long", value));
        Assert.Equal(stored, call.Get("$REG[Long]").Length);
    }

    [Fact]
    public void The_cap_never_splits_a_surrogate_pair()
    {
        var call = TestCalls.NewCall();
        var value = new string('a', 511) + "😀" + "tail";
        Assert.Equal(SetVariableResult.Truncated, call.Set("$CP1", value));
        Assert.Equal(new string('a', 511), call.Get("$CP1"));
    }

    [Theory]
    [InlineData("Hello $CLI", "Hello 01707364143")]
    [InlineData("greetings/Greeting$KEY.wav", "greetings/Greeting2.wav")]
    [InlineData("$CP[1]-$CP1-$CP1x", "Sales-Sales-")]
    [InlineData("$REG[Night] night", "on night")]
    [InlineData("costs $5 or 5$", "costs $5 or 5$")]
    [InlineData("a $ sign, $$KEY", "a $ sign, $2")]
    [InlineData("$NOSUCH!", "!")]
    [InlineData("$COUNTER3", "0")]
    [InlineData("$_X", "")]
    [InlineData("no variables", "no variables")]
    [InlineData("", "")]
    [InlineData("$", "$")]
    [InlineData("$CP[1", "[1")]
    [InlineData("$KEY$KEY", "22")]
    public void Expand_replaces_each_variable_once(string text, string expected)
    {
        var call = TestCalls.NewCall(new UserVariables([new("Night", "on")]));
        call.Set("$CLI", "01707364143");
        call.Set("$KEY", "2");
        call.Set("$CP1", "Sales");
        Assert.Equal(expected, call.Expand(text));
    }

    [Fact]
    public void Expand_does_not_expand_values_again()
    {
        var call = TestCalls.NewCall();
        call.Set("$KEY", "$CLI$KEY");
        call.Set("$CLI", "secret");
        Assert.Equal("[$CLI$KEY]", call.Expand("[$KEY]"));
    }

    [Fact]
    public void Snapshot_lists_what_was_set_and_restores_a_call()
    {
        var call = TestCalls.NewCall();
        call.Set("$CP[2]", "two");
        call.Set("$COUNTER4", "9");
        call.SetSystem("$DBD1", "row");
        call.Set("$KEY", "123");
        var snapshot = call.Snapshot();
        Assert.Equal(["$COUNTER4", "$CP2", "$DBD1", "$KEY"], snapshot.Keys);

        var restored = TestCalls.NewCall();
        foreach (var (name, value) in snapshot)
            Assert.Equal(SetVariableResult.Stored, restored.SetSystem(name, value));
        Assert.Equal(snapshot, restored.Snapshot());
    }

    [Fact]
    public void Counter_numbers_outside_1_to_15_are_a_programming_error()
    {
        var call = TestCalls.NewCall();
        Assert.Throws<ArgumentOutOfRangeException>(() => call.GetCounter(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => call.SetCounter(16, 1));
    }
}
