namespace CallFlow.Configuration.Tests;

public sealed class SyntaxTests
{
    [Fact]
    public void A_syntax_error_points_at_its_line_and_column_and_gives_no_configuration()
    {
        var diagnostic = Config.SingleError("{\n  \"system\": {\n    \"language\": \"en\"\n    \"time_zone\": \"UTC\"\n  }\n}\n");
        Assert.Equal(ConfigurationCodes.Syntax, diagnostic.Code);
        Assert.Equal((4, 5), (diagnostic.Line, diagnostic.Column));
        Assert.DoesNotContain("LineNumber", diagnostic.Message);
        Assert.StartsWith("test/callflow.json(4,5): error CFG001: ", diagnostic.ToString());
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        // "é" and "€" are 2 and 3 bytes in UTF-8 but one column each.
        var diagnostic = Config.SingleError("{ \"users\": [ { \"name\": \"é€\" } ] x }");
        Assert.Equal((1, 33), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("", "holds no JSON value")]
    [InlineData("   // only a comment\n", "holds no JSON value")]
    [InlineData("{", "")]
    [InlineData("{} {}", "")]
    [InlineData("{ 'users': [] }", "")]
    [InlineData("{ \"users\": [ } ", "")]
    public void Broken_json_is_one_syntax_error(string json, string message)
    {
        var diagnostic = Config.SingleError(json);
        Assert.Equal(ConfigurationCodes.Syntax, diagnostic.Code);
        Assert.Contains(message, diagnostic.Message);
        Assert.True(diagnostic.Line >= 1 && diagnostic.Column >= 1);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_syntax_error_not_a_crash()
    {
        var json = "{ \"x\": " + new string('[', 10_000) + new string(']', 10_000) + " }";
        Assert.Equal(ConfigurationCodes.Syntax, Config.SingleError(json).Code);
    }

    [Theory]
    [InlineData("[]", "a list")]
    [InlineData("\"callflow\"", "a string")]
    [InlineData("42", "the number 42")]
    [InlineData("null", "null")]
    public void The_root_must_be_an_object(string json, string found)
    {
        var diagnostic = Config.Error(json, ConfigurationCodes.WrongType, "");
        Assert.Equal($"the configuration must be an object, not {found}", diagnostic.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_reported_where_it_is()
    {
        var result = Config.Parse("{\n  \"users\": [ { \"name\": \"A\\ud800\" } ]\n}");
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((2, 24), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("lone surrogate", diagnostic.Message);
    }

    [Fact]
    public void Windows_line_ends_give_the_same_positions()
    {
        var unix = Config.SingleError("{\n  \"system\": {\n    \"language\": 5\n  }\n}\n");
        var windows = Config.SingleError("{\r\n  \"system\": {\r\n    \"language\": 5\r\n  }\r\n}\r\n");
        Assert.Equal((3, 17), (unix.Line, unix.Column));
        Assert.Equal((unix.Line, unix.Column), (windows.Line, windows.Column));
    }
}
