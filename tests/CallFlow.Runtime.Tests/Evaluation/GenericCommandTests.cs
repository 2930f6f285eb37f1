using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>CPx:, COUNTERn:, the counter commands, PRIORITY:, FWD:, SAVE: and failures (reference §5).</summary>
public sealed class GenericCommandTests
{
    private static CallVariables Call()
    {
        var call = TestCalls.NewCall(new UserVariables([new("UV1", "user value")]));
        call.Set("$KEY", "34");
        call.Set("$CLI", "01707364143");
        return call;
    }

    private static CallVariables Run(string command, CallVariables? call = null)
    {
        call ??= Call();
        var result = GenericCommandInterpreter.Execute(command, call);
        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Request);
        return call;
    }

    [Theory]
    [InlineData("CP1:$MONTH", "$CP1", "11")]
    [InlineData("CP2:$REG[UV1]", "$CP2", "user value")]
    [InlineData("CP0:Sales", "$CP0", "Sales")]
    [InlineData("CP15:Caller $CLI pressed $KEY", "$CP15", "Caller 01707364143 pressed 34")]
    [InlineData("CP3: padded ", "$CP3", " padded ")]
    [InlineData("CP4:", "$CP4", "")]
    [InlineData("CP5:a:b=c", "$CP5", "a:b=c")]
    [InlineData("COUNTER1:34", "$COUNTER1", "34")]
    [InlineData("COUNTER2:$KEY", "$COUNTER2", "34")]
    [InlineData("COUNTER3:-5", "$COUNTER3", "-5")]
    [InlineData("COUNTER15:$CLI_NAME", "$COUNTER15", "0")]
    [InlineData("COUNTER4:abc", "$COUNTER4", "0")]
    [InlineData("COUNTER5:7.9", "$COUNTER5", "7")]
    public void Set_commands_store_values(string command, string variable, string expected) =>
        Assert.Equal(expected, Run(command).Get(variable));

    [Fact]
    public void Counter_commands_count()
    {
        var call = Run("COUNTER1:10");
        Run("INCCOUNTER:$COUNTER1", call);
        Run("INCCOUNTER:$COUNTER[1]", call);
        Assert.Equal(12, call.GetCounter(1));
        Run("DECCOUNTER:$COUNTER1", call);
        Assert.Equal(11, call.GetCounter(1));
        Run("CLEARCOUNTER:$COUNTER1", call);
        Assert.Equal(0, call.GetCounter(1));
        Run("DECCOUNTER: $COUNTER1 ", call);
        Assert.Equal(-1, call.GetCounter(1));
    }

    [Fact]
    public void Counters_stop_at_the_ends_of_their_range()
    {
        var call = Call();
        call.SetCounter(2, long.MaxValue);
        Run("INCCOUNTER:$COUNTER2", call);
        Assert.Equal(long.MaxValue, call.GetCounter(2));
        call.SetCounter(2, long.MinValue);
        Run("DECCOUNTER:$COUNTER2", call);
        Assert.Equal(long.MinValue, call.GetCounter(2));
    }

    [Fact]
    public void An_empty_command_only_plays_prompts()
    {
        var call = Call();
        var before = call.Snapshot();
        Assert.Same(GenericCommandResult.Done, GenericCommandInterpreter.Execute("  ", call));
        Assert.Equal(before, call.Snapshot());
    }

    [Theory]
    [InlineData("PRIORITY:1", 1)]
    [InlineData("PRIORITY:3", 3)]
    [InlineData("PRIORITY:$CP9", 2)]
    public void Priority_is_a_request(string command, int priority)
    {
        var call = Call();
        call.Set("$CP9", "2");
        var result = GenericCommandInterpreter.Execute(command, call);
        Assert.True(result.Succeeded);
        Assert.Equal(new ChangePriorityRequest(priority), result.Request);
    }

    [Theory]
    [InlineData("FWD:201#202#203#204#205##", new[] { "201", "202", "203", "204", "205" })]
    [InlineData("FWD:201##", new[] { "201" })]
    [InlineData("FWD:$KEY#4001##", new[] { "34", "4001" })]
    public void Forward_is_a_request(string command, string[] mailboxes)
    {
        var result = GenericCommandInterpreter.Execute(command, Call());
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ForwardMessageRequest([.. mailboxes]), result.Request);
    }

    [Fact]
    public void Save_is_a_request_with_variables_replaced()
    {
        var result = GenericCommandInterpreter.Execute("SAVE:$KEY", Call());
        Assert.Equal(new SaveRecordingRequest("34"), result.Request);
    }

    [Theory]
    [InlineData("no colon", "no 'PREFIX:'")]
    [InlineData(":value", "no 'PREFIX:'")]
    [InlineData("STRNG:$CP1=upper($CP0)", "'STRNG:' is not a generic command")]
    [InlineData("cp1:x", "'cp1:' is not a generic command")]
    [InlineData("CP16:x", "register CP16 does not exist")]
    [InlineData("CPX:x", "'CPX:' is not a generic command")]
    [InlineData("COUNTER0:1", "counter 0 does not exist")]
    [InlineData("COUNTER16:1", "counter 16 does not exist")]
    [InlineData("INCCOUNTER:$CP1", "INCCOUNTER: needs a counter")]
    [InlineData("CLEARCOUNTER:$COUNTER16", "CLEARCOUNTER: needs a counter")]
    [InlineData("PRIORITY:4", "not a priority")]
    [InlineData("PRIORITY:$CP9", "'' is not a priority")]
    [InlineData("PRIORITY:1.5", "not a priority")]
    [InlineData("FWD:201#202", "end with '##'")]
    [InlineData("FWD:##", "end with '##'")]
    [InlineData("FWD:201##202##", "empty mailbox")]
    [InlineData("SAVE:$CP9", "no name")]
    [InlineData("EVAL:CP0=1", "no '$Variable=' target")]
    [InlineData("EVAL:$CP0", "no '$Variable=' target")]
    [InlineData("EVAL:$CLI_NAME=1", "$CLI_NAME cannot be assigned")]
    [InlineData("EVAL:$CP16=1", "$CP16 is not a call variable")]
    [InlineData("STRING:$DAY=upper(x)", "$DAY cannot be assigned")]
    public void Bad_commands_fail_without_changing_anything(string command, string message)
    {
        var call = Call();
        var before = call.Snapshot();
        var result = GenericCommandInterpreter.Execute(command, call);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error);
        Assert.Null(result.Request);
        Assert.Equal(before, call.Snapshot());
    }

    [Fact]
    public void A_stored_value_is_capped_at_512_characters()
    {
        var call = Call();
        call.Set("$CP1", new string('x', 400));
        Run("CP2:$CP1$CP1", call);
        Assert.Equal(512, call.Get("$CP2").Length);
        Run("STRING:$CP3=upper($CP2$CP2)", call);
        Assert.Equal(new string('X', 512), call.Get("$CP3"));
    }
}
