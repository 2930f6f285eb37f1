using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>EVAL: (reference §5): both modes, precedence, XOR, non-numeric values and the defined failures.</summary>
public sealed class EvalCommandTests
{
    private static CallVariables Call()
    {
        var call = TestCalls.NewCall();
        call.Set("$CP1", "10");
        call.Set("$CP2", "20");
        call.Set("$CP7", "abc");
        call.Set("$CP8", " 41 ");
        call.Set("$CP9", "2.5");
        call.Set("$COUNTER1", "4");
        return call;
    }

    private static string Eval(string expression)
    {
        var call = Call();
        var result = GenericCommandInterpreter.Execute("EVAL:$CP0=" + expression, call);
        Assert.True(result.Succeeded, result.Error);
        return call.Get("$CP0");
    }

    [Theory]
    // The reference's examples.
    [InlineData("123/2", "61")]
    [InlineData("$CP1+$CP2+5", "35")]
    // Truncation toward zero at every division, and C's remainder sign.
    [InlineData("-7/2", "-3")]
    [InlineData("7/2*2", "6")]
    [InlineData("7%3", "1")]
    [InlineData("-7%3", "-1")]
    [InlineData("7%-3", "1")]
    // Precedence: unary minus, then * / %, then + -, then ^; left to right within a level.
    [InlineData("1+2*3", "7")]
    [InlineData("(1+2)*3", "9")]
    [InlineData("10-4-3", "3")]
    [InlineData("100/10/5", "2")]
    [InlineData("2*-3", "-6")]
    [InlineData("-(2+3)*2", "-10")]
    [InlineData("--5", "5")]
    [InlineData("-5", "-5")]
    [InlineData("((((7))))", "7")]
    // ^ is bitwise XOR, not a power, and binds loosest.
    [InlineData("5^3", "6")]
    [InlineData("$CP1^$CP2", "30")]
    [InlineData("1+2^3", "0")]
    [InlineData("2^3*2", "4")]
    [InlineData("6^3+1", "2")]
    [InlineData("12%5^1", "3")]
    [InlineData("-1^0", "-1")]
    // Values: non-numbers count as 0, spaces around a number are fine, counters are numbers.
    [InlineData("$CP5+1", "1")]
    [InlineData("$CP7*2+1", "1")]
    [InlineData("$CP8+1", "42")]
    [InlineData("$COUNTER1*3", "12")]
    [InlineData("$COUNTER[1]*$CP[1]", "40")]
    [InlineData(" 1 +  1 ", "2")]
    [InlineData("9223372036854775807+0", "9223372036854775807")]
    [InlineData("-9223372036854775807-1", "-9223372036854775808")]
    public void Whole_numbers_give_a_whole_truncated_result(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("123.0/2", "61.500000")]
    [InlineData("1.0/3", "0.333333")]
    [InlineData("2.0/3", "0.666667")]
    [InlineData("-7.0/2", "-3.500000")]
    [InlineData("0.5+0.25", "0.750000")]
    [InlineData("5.", "5.000000")]
    [InlineData("$CP9*2", "5.000000")]
    [InlineData("7.5%2", "1.500000")]
    [InlineData("5.5^3", "6.000000")]
    [InlineData("0.0000005", "0.000001")]
    [InlineData("1.0000005", "1.000001")]
    [InlineData("-0.0000001", "0.000000")]
    // The mode is chosen for the whole expression: one decimal makes every division exact.
    [InlineData("10/4+0.0", "2.500000")]
    [InlineData("99999999999999999999.0*1", "99999999999999999999.000000")]
    public void Any_decimal_gives_six_decimals(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("1/0", "division by zero")]
    [InlineData("1%0", "division by zero")]
    [InlineData("1.0/0", "division by zero")]
    [InlineData("$CP5/$CP7", "division by zero")]
    [InlineData("9223372036854775807+1", "too large for a 64-bit whole number")]
    [InlineData("(-9223372036854775807-1)/-1", "too large")]
    [InlineData("(-9223372036854775807-1)%-1", "too large")]
    [InlineData("-(-9223372036854775807-1)", "too large")]
    [InlineData("99999999999999999999", "too large for a 64-bit whole number")]
    [InlineData("79228162514264337593543950335*10.0", "too large for a decimal")]
    [InlineData("1.2.3", "'1.2.3' is not a number")]
    [InlineData("(1+2", "')' is missing")]
    [InlineData("1+2)", "no matching '('")]
    [InlineData("1+", "operand is missing")]
    [InlineData("", "empty")]
    [InlineData("1 2", "unexpected '2'")]
    [InlineData("abc", "unexpected 'a'")]
    [InlineData("$", "unexpected '$'")]
    [InlineData("2**3", "unexpected '*'")]
    [InlineData("()", "unexpected ')'")]
    public void Failures_leave_the_target_unchanged(string expression, string message)
    {
        var call = Call();
        call.Set("$CP0", "before");
        var result = GenericCommandInterpreter.Execute("EVAL:$CP0=" + expression, call);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error);
        Assert.Equal("before", call.Get("$CP0"));
    }

    [Theory]
    [InlineData("EVAL:$CP[3]=1+1", "$CP3", "2")]
    [InlineData("EVAL: $VAR = 2*21", "$VAR", "42")]
    [InlineData("EVAL:$COUNTER2=5*5", "$COUNTER2", "25")]
    [InlineData("EVAL:$COUNTER2=5.5*1", "$COUNTER2", "5")]
    [InlineData("EVAL:$CP1=$CP1+1", "$CP1", "11")]
    [InlineData("EVAL:$KEY=($CP1+1)%12", "$KEY", "11")]
    public void The_result_goes_to_the_target(string command, string target, string expected)
    {
        var call = Call();
        var result = GenericCommandInterpreter.Execute(command, call);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, call.Get(target));
    }

    [Fact]
    public void Deep_parentheses_do_not_recurse()
    {
        var call = Call();
        var result = GenericCommandInterpreter.Execute("EVAL:$CP0=" + new string('(', 50_000) + "1" + new string(')', 50_000), call);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("1", call.Get("$CP0"));
    }
}
