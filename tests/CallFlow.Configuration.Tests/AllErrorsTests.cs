namespace CallFlow.Configuration.Tests;

/// <summary>One file with many mistakes: every one is reported, each at its own line, in file order.</summary>
public sealed class AllErrorsTests
{
    private const string TenMistakes = """
        {
          "system": {
            "telephony_interface": "ip_office",
            "min_message_length": 3,
            "max_message_length": 0,
            "languge": "en",
            "time_zone": "Nowhere/Land",
          },
          "users": [
            { "name": "Alice", "extension": "201", "email_mode": "copy" },
            { "name": "Bob", "extension": "201", "source_numbers": ["HSupport", "X1"] },
            { "extension": "203" },
          ],
          "groups": [
            { "name": "Sales", "members": ["Alice", "Carol"], "broadcast": "no" },
          ],
          "extra": true,
        }
        """;

    [Fact]
    public void Every_mistake_is_reported_with_its_line_and_path()
    {
        var result = Config.Parse(TenMistakes);
        Assert.Null(result.Configuration);
        Assert.Equal([
            (4, "system.min_message_length", ConfigurationCodes.NotInThisMode),
            (5, "system.max_message_length", ConfigurationCodes.OutOfRange),
            (6, "system.languge", ConfigurationCodes.UnknownKey),
            (7, "system.time_zone", ConfigurationCodes.InvalidValue),
            (10, "users[0].email_mode", ConfigurationCodes.EmailModeWithoutAddress),
            (11, "users[1].extension", ConfigurationCodes.DuplicateExtension),
            (11, "users[1].source_numbers[0]", ConfigurationCodes.UndefinedReference),
            (11, "users[1].source_numbers[1]", ConfigurationCodes.InvalidValue),
            (12, "users[2]", ConfigurationCodes.MissingKey),
            (15, "groups[0].members[1]", ConfigurationCodes.UndefinedReference),
            (15, "groups[0].broadcast", ConfigurationCodes.WrongType),
            (17, "extra", ConfigurationCodes.UnknownKey),
        ], result.Diagnostics.Select(d => (d.Line, d.Path, d.Code)));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsError));
    }

    [Fact]
    public void Columns_point_at_the_value_or_at_the_key_for_key_problems()
    {
        var result = Config.Parse(TenMistakes);
        var columns = result.Diagnostics.ToDictionary(d => d.Path, d => d.Column);
        Assert.Equal(5, columns["system.min_message_length"]);   // the key: setting it at all is the mistake
        Assert.Equal(27, columns["system.max_message_length"]);  // the value
        Assert.Equal(5, columns["system.languge"]);
        Assert.Equal(35, columns["users[1].extension"]);
        Assert.Equal(5, columns["users[2]"]);
        Assert.Equal(3, columns["extra"]);
    }
}
