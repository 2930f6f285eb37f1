namespace CallFlow.Configuration.Tests;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("emial", "email")]
    [InlineData("timeZone", "time_zone")]
    [InlineData("EMAIL_MODE", "email_mode")]
    [InlineData("voicemailon", "voicemail_on")]
    [InlineData("source_number", "source_numbers")]
    public void Close_keys_are_found(string input, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(input, ["name", "email", "email_mode", "time_zone", "voicemail_on", "source_numbers"]).First());

    [Fact]
    public void Far_names_are_not_suggested_and_the_input_itself_never()
    {
        Assert.Empty(Suggestions.Closest("colour", ["email", "name"]));
        Assert.Empty(Suggestions.Closest("Sales", ["Sales"]));
        Assert.Equal(["Sales"], Suggestions.Closest("sales", ["Sales", "Support"]));
        Assert.Empty(Suggestions.Closest(new string('x', 100_000), ["x"]));
    }

    [Fact]
    public void Best_first_at_most_max()
    {
        Assert.Equal(["Bob"], Suggestions.Closest("Bbo", ["Rob", "Bob", "Alice"]));
        Assert.Equal(["Jan", "Joan"], Suggestions.Closest("Jon", ["John", "Jan", "Joan", "Alice"], 2));
        Assert.Equal("; did you mean 'Bob'?", Suggestions.DidYouMean("bob", ["Bob", "Rob"]));
        Assert.Equal("", Suggestions.DidYouMean("zzz", ["Bob"]));
    }
}
