namespace CallFlow.Configuration.Tests;

/// <summary>A user's <c>language</c> (reference §11.2, the user locale): a prompt language code like <c>system.language</c>.</summary>
public sealed class UserLanguageTests
{
    [Fact]
    public void A_user_may_have_a_prompt_language()
    {
        var config = Config.Valid("{ \"users\": [ { \"name\": \"Amelie\", \"language\": \"fr\" }, { \"name\": \"Bob\" } ] }");
        Assert.Equal("fr", config.Users[0].Language);
        Assert.Null(config.Users[1].Language);
    }

    [Theory]
    [InlineData("\"language\": \"\"")]
    [InlineData("\"language\": null")]
    public void Empty_or_null_means_the_system_language(string body) =>
        Assert.Null(Config.Valid(Config.User("\"name\": \"Alice\", " + body)).Users[0].Language);

    [Fact]
    public void Every_prompt_language_is_accepted()
    {
        foreach (var code in CallFlow.Vmp.PromptLanguages.All.Keys)
            Assert.Equal(code, Config.Valid(Config.User($"\"name\": \"Alice\", \"language\": \"{code}\"")).Users[0].Language);
    }

    [Theory]
    [InlineData("\"language\": \"FR\"", "'FR' is not an installable prompt language; did you mean 'fr'?")]
    [InlineData("\"language\": \"fr-FR\"", "'fr-FR' is not an installable prompt language")]     // codes, not locale names
    [InlineData("\"language\": \"klingon\"", "'klingon' is not an installable prompt language")]
    public void Anything_else_is_refused_with_the_codes(string body, string message)
    {
        var diagnostic = Config.Error("{ \"users\": [ { \"name\": \"Alice\",\n  " + body + " } ] }", ConfigurationCodes.InvalidValue, "users[0].language");
        Assert.Equal(message, diagnostic.Message);
        Assert.StartsWith("use one of ch, da, de, el, en, enu,", diagnostic.Hint);
        Assert.Equal((2, 15), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void A_number_is_the_wrong_type() =>
        Assert.Equal("expected a string in quotes, found the number 5",
            Config.Error(Config.User("\"name\": \"Alice\", \"language\": 5"), ConfigurationCodes.WrongType, "users[0].language").Message);

    [Fact]
    public void Groups_have_no_language() =>
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"language\": \"fr\" } ] }", ConfigurationCodes.UnknownKey, "groups[0].language");
}
