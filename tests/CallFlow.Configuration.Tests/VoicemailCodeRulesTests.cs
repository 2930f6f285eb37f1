namespace CallFlow.Configuration.Tests;

public sealed class VoicemailCodeRulesTests
{
    [Theory]
    [InlineData("2580", 2, "201")]
    [InlineData("13", 2, null)]
    [InlineData("7", 0, null)]
    [InlineData("135792468013579", 15, null)]
    [InlineData("1224", 4, "201")]
    public void Good_codes_pass(string code, int minLength, string? extension) =>
        Assert.Null(VoicemailCodeRules.Check(code, minLength, extension));

    [Theory]
    [InlineData("", 0, null, "the code is empty")]
    [InlineData("12a4", 2, null, "a voicemail code has digits only")]
    [InlineData("１２３", 2, null, "a voicemail code has digits only")]
    [InlineData("2580258025802580", 2, null, "the code has 16 digits; at most 15 are allowed")]
    [InlineData("258", 4, null, "the code has 3 digits; min_password_length asks for at least 4")]
    [InlineData("1111", 2, null, "the code repeats one digit")]
    [InlineData("1234", 2, null, "the code is a run of consecutive digits")]
    [InlineData("4321", 2, null, "the code is a run of consecutive digits")]
    [InlineData("7890", 2, null, "the code is a run of consecutive digits")]
    [InlineData("2109", 2, null, "the code is a run of consecutive digits")]
    [InlineData("201", 2, "201", "the code is the mailbox's extension number")]
    public void Bad_codes_say_why(string code, int minLength, string? extension, string reason) =>
        Assert.Equal(reason, VoicemailCodeRules.Check(code, minLength, extension));
}
