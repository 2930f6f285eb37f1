namespace CallFlow.Configuration.Tests;

public sealed class MailboxRulesTests
{
    [Fact]
    public void A_user_needs_a_name_reported_at_its_object()
    {
        var diagnostic = Config.Error("{ \"users\": [\n  { \"extension\": \"201\" } ] }", ConfigurationCodes.MissingKey, "users[0]");
        Assert.Equal((2, 3), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("\"name\": \"\"", "a mailbox name must not be empty")]
    [InlineData("\"name\": \"   \"", "a mailbox name must not be empty")]
    [InlineData("\"name\": \"Al\\nice\"", "a mailbox name must not contain control characters (tabs, line breaks, …)")]
    public void Names_must_be_usable(string body, string message) =>
        Assert.Equal(message, Config.Error(Config.User(body), ConfigurationCodes.InvalidValue, "users[0].name").Message);

    [Fact]
    public void Names_are_case_sensitive_and_keep_leading_spaces()
    {
        var config = Config.Valid("{ \"users\": [ { \"name\": \"Alice\" }, { \"name\": \"alice\" } ] }");
        Assert.Equal(["Alice", "alice"], config.Users.Select(u => u.Name));
        Assert.Equal(" Bob", Config.Valid(Config.User("\"name\": \" Bob\"")).Users[0].Name);
    }

    [Fact]
    public void Trailing_spaces_are_dropped_with_a_warning()
    {
        var result = Config.Parse(Config.User("\"name\": \"Alice   \""));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigurationSeverity.Warning, warning.Severity);
        Assert.Equal(ConfigurationCodes.TrailingSpaces, warning.Code);
        Assert.Equal("users[0].name", warning.Path);
        Assert.StartsWith("test/callflow.json(1,24): warning CFG401: users[0].name: trailing spaces dropped", warning.ToString());
        Assert.Equal("Alice", result.Configuration!.Users[0].Name);
    }

    [Theory]
    [InlineData("\"extension\": \"20a\"", "users[0].extension", "'20a' is not a valid extension: use 1 to 15 digits")]
    [InlineData("\"extension\": \"1234567890123456\"", "users[0].extension", "'1234567890123456' is not a valid extension: use 1 to 15 digits")]
    [InlineData("\"email\": \"alice\"", "users[0].email", "'alice' is not an e-mail address")]
    [InlineData("\"email\": \"alice@@example.com\"", "users[0].email", "'alice@@example.com' is not an e-mail address")]
    [InlineData("\"email\": \"alice@-example.com\"", "users[0].email", "'alice@-example.com' is not an e-mail address")]
    [InlineData("\"email\": \"al ice@example.com\"", "users[0].email", "'al ice@example.com' is not an e-mail address")]
    [InlineData("\"email\": \"alice.@example.com\"", "users[0].email", "'alice.@example.com' is not an e-mail address")]
    [InlineData("\"email_mode\": \"Copy\"", "users[0].email_mode", "'Copy' is not an e-mail mode; did you mean 'copy'?")]
    [InlineData("\"source_numbers\": [\"X123\"]", "users[0].source_numbers[0]", "'X123' is not a source number: it must start with V, H or P")]
    [InlineData("\"source_numbers\": [\"v123\"]", "users[0].source_numbers[0]", "'v123' starts with a lower-case 'v'")]
    [InlineData("\"source_numbers\": [\"V\"]", "users[0].source_numbers[0]", "'V' has no number after 'V'")]
    [InlineData("\"source_numbers\": [\"V12-34\"]", "users[0].source_numbers[0]", "'V12-34': after 'V' come 1 to 32 digits and nothing else")]
    [InlineData("\"source_numbers\": [\"P+4412\"]", "users[0].source_numbers[0]", "'P+4412': after 'P' come 1 to 32 digits and nothing else")]
    [InlineData("\"source_numbers\": [\"H \"]", "users[0].source_numbers[0]", "'H ' has no group name after 'H'")]
    [InlineData("\"source_numbers\": [\"\"]", "users[0].source_numbers[0]", "a source number must not be empty")]
    public void User_values_are_checked(string body, string path, string message)
    {
        var diagnostic = Config.SingleError(Config.User("\"name\": \"Alice\", " + body));
        Assert.Equal(path, diagnostic.Path);
        Assert.Equal(message, diagnostic.Message);
    }

    [Theory]
    [InlineData("copy")]
    [InlineData("forward")]
    [InlineData("alert")]
    public void An_email_mode_other_than_off_needs_an_address(string mode)
    {
        var diagnostic = Config.Error(Config.User($"\"name\": \"Alice\", \"email_mode\": \"{mode}\""), ConfigurationCodes.EmailModeWithoutAddress, "users[0].email_mode");
        Assert.Equal($"e-mail mode '{mode}' needs an e-mail address", diagnostic.Message);
        Config.Valid(Config.User($"\"name\": \"Alice\", \"email\": \"a@b.example\", \"email_mode\": \"{mode}\""));
    }

    [Fact]
    public void An_invalid_address_is_one_error_even_with_a_mode()
    {
        Config.Error(Config.User("\"name\": \"Alice\", \"email\": \"nope\", \"email_mode\": \"copy\""), ConfigurationCodes.InvalidValue, "users[0].email");
    }

    [Fact]
    public void An_empty_email_means_none()
    {
        Assert.Null(Config.Valid(Config.User("\"name\": \"Alice\", \"email\": \"\", \"email_mode\": \"off\"")).Users[0].Email);
        Config.Error(Config.User("\"name\": \"Alice\", \"email\": \"\", \"email_mode\": \"alert\""), ConfigurationCodes.EmailModeWithoutAddress, "users[0].email_mode");
    }

    [Theory]
    [InlineData("\"voicemail_on\": \"true\"", "users[0].voicemail_on", "write it without quotes: true")]
    [InlineData("\"ringback\": 1", "users[0].ringback", null)]
    [InlineData("\"voicemail_help\": null", "users[0].voicemail_help", null)]
    [InlineData("\"extension\": 201", "users[0].extension", "write it in quotes, \"201\": numbers with leading zeros only survive as strings")]
    [InlineData("\"source_numbers\": \"V123\"", "users[0].source_numbers", null)]
    [InlineData("\"source_numbers\": [123]", "users[0].source_numbers[0]", null)]
    [InlineData("\"breakout\": \"200\"", "users[0].breakout", null)]
    [InlineData("\"full_name\": [\"Alice\"]", "users[0].full_name", null)]
    public void User_types_are_checked(string body, string path, string? hint)
    {
        var diagnostic = Config.Error(Config.User("\"name\": \"Alice\", " + body), ConfigurationCodes.WrongType, path);
        Assert.Equal(hint, diagnostic.Hint);
    }

    [Fact]
    public void Unknown_user_keys_suggest_the_close_one()
    {
        var diagnostic = Config.Error(Config.User("\"name\": \"Alice\", \"emial\": \"a@b.example\""), ConfigurationCodes.UnknownKey, "users[0].emial");
        Assert.Equal("users[0] has no key 'emial'; did you mean 'email'?", diagnostic.Message);
    }

    [Fact]
    public void A_repeated_source_number_is_a_warning()
    {
        var result = Config.Parse(Config.User("\"name\": \"Alice\", \"source_numbers\": [\"V1\", \"V1\", \"P1\"]"));
        Assert.Equal(ConfigurationCodes.Repeated, Assert.Single(result.Diagnostics).Code);
        Assert.Equal(2, result.Configuration!.Users[0].SourceNumbers.Length);
    }

    [Fact]
    public void Entries_of_users_and_groups_must_be_objects()
    {
        Config.Error("{ \"users\": [ \"Alice\" ] }", ConfigurationCodes.WrongType, "users[0]");
        Config.Error("{ \"groups\": [ 1 ] }", ConfigurationCodes.WrongType, "groups[0]");
        Config.Error("{ \"users\": { \"name\": \"Alice\" } }", ConfigurationCodes.WrongType, "users");
    }

    [Fact]
    public void Group_settings_are_checked()
    {
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"extension\": \"3OO\" } ] }", ConfigurationCodes.InvalidValue, "groups[0].extension");
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"broadcast\": \"yes\" } ] }", ConfigurationCodes.WrongType, "groups[0].broadcast");
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"email_mode\": \"forward\" } ] }", ConfigurationCodes.EmailModeWithoutAddress, "groups[0].email_mode");
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"members\": [ 7 ] } ] }", ConfigurationCodes.WrongType, "groups[0].members[0]");
        Config.Error("{ \"groups\": [ { \"name\": \"Sales\", \"source_numbers\": [] } ] }", ConfigurationCodes.UnknownKey, "groups[0].source_numbers");
        Config.Error("{ \"groups\": [ { \"members\": [] } ] }", ConfigurationCodes.MissingKey, "groups[0]");
    }

    [Fact]
    public void A_broadcast_group_without_members_is_a_warning()
    {
        var result = Config.Parse("{ \"groups\": [ { \"name\": \"Warehouse\", \"broadcast\": true } ] }");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigurationCodes.BroadcastWithoutMembers, warning.Code);
        Assert.True(result.Configuration!.Groups[0].Broadcast);
    }

    [Fact]
    public void A_repeated_member_is_a_warning_and_counted_once()
    {
        var result = Config.Parse("{ \"users\": [ { \"name\": \"Alice\" } ], \"groups\": [ { \"name\": \"Sales\", \"members\": [\"Alice\", \"Alice \"] } ] }");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigurationCodes.Repeated, "groups[0].members[1]"), (warning.Code, warning.Path));
        Assert.Equal<string>(["Alice"], result.Configuration!.Groups[0].Members);
    }

    [Fact]
    public void User_breakout_overrides_keep_empty_as_none_and_absent_as_the_system_default()
    {
        var config = Config.Valid("""
            { "system": { "breakout": { "dtmf0": "200", "dtmf2": "300", "dtmf3": "" } },
              "users": [ { "name": "Alice", "breakout": { "dtmf0": "", "dtmf2": null } }, { "name": "Bob" } ] }
            """);
        Assert.Equal(new BreakoutNumbers("200", "300", null), config.System.Breakout);
        Assert.Equal(new BreakoutNumbers("", null, null), config.Users[0].Breakout);
        Assert.Equal(new BreakoutNumbers(null, "300", null), config.BreakoutFor(config.Users[0]));
        Assert.Equal(new BreakoutNumbers("200", "300", null), config.BreakoutFor(config.Users[1]));
    }
}
