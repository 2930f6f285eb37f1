namespace CallFlow.Configuration.Tests;

public sealed class ReferenceRulesTests
{
    [Fact]
    public void Users_and_groups_share_one_set_of_names()
    {
        var diagnostic = Config.Error("{\n\"users\": [ { \"name\": \"Sales\" } ],\n\"groups\": [ { \"name\": \"Sales\" } ] }", ConfigurationCodes.DuplicateName, "groups[0].name");
        Assert.Equal((3, 23), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("'Sales' is already the name of the user on line 2; users and groups share one set of mailbox names", diagnostic.Message);
        Config.Error("{ \"users\": [ { \"name\": \"Bob\" }, { \"name\": \"Bob\" } ] }", ConfigurationCodes.DuplicateName, "users[1].name");
    }

    [Fact]
    public void A_name_repeated_with_trailing_spaces_is_the_same_name()
    {
        var result = Config.Parse("{ \"users\": [ { \"name\": \"Bob\" }, { \"name\": \"Bob \" } ] }");
        Assert.Equal([ConfigurationCodes.TrailingSpaces, ConfigurationCodes.DuplicateName], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_a_warning()
    {
        var result = Config.Parse("{ \"users\": [ { \"name\": \"Sales\" } ], \"groups\": [ { \"name\": \"SALES\" } ] }");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigurationCodes.NamesDifferInCase, "groups[0].name"), (warning.Code, warning.Path));
        Assert.NotNull(result.Configuration);
    }

    [Fact]
    public void Extensions_are_unique_across_users_and_groups()
    {
        var diagnostic = Config.Error("{ \"users\": [ { \"name\": \"Alice\", \"extension\": \"200\" } ], \"groups\": [ { \"name\": \"Reception\", \"extension\": \"200\" } ] }",
            ConfigurationCodes.DuplicateExtension, "groups[0].extension");
        Assert.Equal("extension 200 is already used by 'Alice' (line 1)", diagnostic.Message);
    }

    [Fact]
    public void Members_must_be_users_of_the_configuration()
    {
        var json = """
            { "users": [ { "name": "Alice" } ],
              "groups": [ { "name": "Sales", "members": ["Alcie", "Nobody", "Support"] }, { "name": "Support" } ] }
            """;
        var result = Config.Parse(json);
        Assert.Null(result.Configuration);
        Assert.Equal([
            ("groups[0].members[0]", ConfigurationCodes.UndefinedReference, "there is no user 'Alcie'; did you mean 'Alice'?"),
            ("groups[0].members[1]", ConfigurationCodes.UndefinedReference, "there is no user 'Nobody'"),
            ("groups[0].members[2]", ConfigurationCodes.InvalidValue, "'Support' is a group (line 2); only users can be members of a group"),
        ], result.Diagnostics.Select(d => (d.Path, d.Code, d.Message)));
    }

    [Fact]
    public void H_source_numbers_must_name_a_group()
    {
        var json = """
            { "users": [ { "name": "Alice", "source_numbers": ["HSales", "HSlaes", "HAlice"] } ],
              "groups": [ { "name": "Sales" } ] }
            """;
        var result = Config.Parse(json);
        Assert.Equal([
            ("users[0].source_numbers[1]", "there is no group 'Slaes'; did you mean 'Sales'?"),
            ("users[0].source_numbers[2]", "'Alice' is a user (line 1); H source numbers name hunt groups"),
        ], result.Diagnostics.Select(d => (d.Path, d.Message)));
    }

    [Fact]
    public void Members_and_group_lamps_use_the_name_rule()
    {
        var config = Config.Valid("""
            { "users": [ { "name": "Alice", "source_numbers": ["HSales "] } ],
              "groups": [ { "name": "Sales", "members": ["Alice "] } ] }
            """);
        Assert.Equal("Sales", config.Users[0].SourceNumbers[0].Value);
        Assert.Equal<string>(["Alice"], config.Groups[0].Members);
    }
}
