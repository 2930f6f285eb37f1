using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>STRING: (reference §5): the reference's examples, clamping, and failures.</summary>
public sealed class StringCommandTests
{
    private static CallVariables Call()
    {
        var call = TestCalls.NewCall();
        call.Set("$CP0", "01555364200");
        call.Set("$CLI", "01707364143");
        call.Set("$KEY", "4");
        call.Set("$CP6", "a,b,c");
        return call;
    }

    [Theory]
    // The reference's examples, with $CP0 = 01555364200. mid counts from 1: from 0 it would give "553".
    [InlineData("mid($CP0,3,3)", "555")]
    [InlineData("left($CP0,5)", "01555")]
    [InlineData("right($CP0,5)", "64200")]
    [InlineData("reverse(ABCdef123)", "321fedCBA")]
    [InlineData("lower(ABCdef123)", "abcdef123")]
    [InlineData("upper(ABCdef123)", "ABCDEF123")]
    // Positions and counts clamp to the value and never fail.
    [InlineData("mid($CP0,1,1)", "0")]
    [InlineData("mid($CP0,0,2)", "01")]
    [InlineData("mid($CP0,-5,2)", "01")]
    [InlineData("mid($CP0,11,5)", "0")]
    [InlineData("mid($CP0,12,5)", "")]
    [InlineData("mid($CP0,3,-1)", "")]
    [InlineData("mid($CP0,3,1000)", "555364200")]
    [InlineData("mid($CP0,3,99999999999999999999)", "555364200")]
    [InlineData("mid($CP0,-99999999999999999999,2)", "01")]
    [InlineData("left($CP0,0)", "")]
    [InlineData("left($CP0,-1)", "")]
    [InlineData("left($CP0,99)", "01555364200")]
    [InlineData("right($CP0,99)", "01555364200")]
    [InlineData("right($CP0,0)", "")]
    [InlineData("right(,3)", "")]
    // Positions from variables; a position that is not a number is 0.
    [InlineData("mid($CP0,$KEY,2)", "55")]
    [InlineData("mid($CP0,abc,2)", "01")]
    [InlineData("mid($CP0,2.9,2)", "15")]
    // Layout spaces go; variables are replaced in the value; commas inside a variable's value are safe.
    [InlineData("left( $CP0 , 2 )", "01")]
    [InlineData("left(Hello $CLI,7)", "Hello 0")]
    [InlineData("upper($CP6)", "A,B,C")]
    [InlineData("right($CLI,4)", "4143")]
    // Code points, not UTF-16 halves.
    [InlineData("reverse(a😀b)", "b😀a")]
    [InlineData("mid(a😀b,2,1)", "😀")]
    [InlineData("left(😀😀,1)", "😀")]
    [InlineData("upper(straße)", "STRAßE")]
    public void String_functions(string expression, string expected)
    {
        var call = Call();
        var result = GenericCommandInterpreter.Execute("STRING:$CP1=" + expression, call);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, call.Get("$CP1"));
    }

    [Theory]
    [InlineData("foo(x)", "'foo' is not a string function")]
    [InlineData("Upper(x)", "'Upper' is not a string function")]
    [InlineData("mid(x,1)", "mid() takes 3 arguments, not 2")]
    [InlineData("upper(a,b)", "upper() takes 1 argument, not 2")]
    [InlineData("upper", "not a function call")]
    [InlineData("(x)", "not a function call")]
    [InlineData("upper(x", "not a function call")]
    public void Failures_leave_the_target_unchanged(string expression, string message)
    {
        var call = Call();
        call.Set("$CP1", "before");
        var result = GenericCommandInterpreter.Execute("STRING:$CP1=" + expression, call);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error);
        Assert.Equal("before", call.Get("$CP1"));
    }
}
