namespace CallFlow.Configuration.Tests;

public sealed class LoaderTests
{
    [Fact]
    public void The_samples_file_loads_with_no_diagnostics_and_has_every_mailbox_the_flows_use()
    {
        var result = ConfigurationLoader.Load(RepositoryPaths.Combine("samples", "callflow.json"));
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var config = result.Configuration!;
        foreach (var mailbox in new[] { "Reception", "Sales", "Support", "Warehouse" })
            Assert.NotNull(config.FindGroup(mailbox));
        Assert.Equal("Alice Moore", config.FindUser("Alice")!.FullName);
        Assert.Equal<string>(["Alice", "Bob"], config.FindGroup("Sales")!.Members);
        Assert.True(config.FindGroup("Warehouse")!.Broadcast);
        Assert.Equal(RepositoryPaths.Combine("samples", "data"), config.ResolveDataDirectory("/elsewhere"));
    }

    [Fact]
    public void An_empty_object_means_every_default()
    {
        var config = Config.Valid("{}");
        Assert.Equal(ConfigurationLoader.Defaults.System, config.System);
        Assert.Empty(config.Users);
        Assert.Empty(config.Groups);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var system = ConfigurationLoader.Defaults.System;
        Assert.Equal(TelephonyInterface.Intuity, system.TelephonyInterface);
        Assert.Equal(3, system.MinMessageLengthSeconds);
        Assert.Equal(120, system.MaxMessageLengthSeconds);
        Assert.Equal(2, system.MinPasswordLength);
        Assert.Equal(new HousekeepingHours(0, 0, 0, 0, 0, 0, 24), system.Housekeeping);
        Assert.Equal(PlaybackOrders.Default, system.PlaybackOrder);
        Assert.Equal(BreakoutNumbers.None, system.Breakout);
        Assert.Equal("en", system.Language);
        Assert.Equal("UTC", system.TimeZone);
        Assert.Equal("data", system.DataDirectory);
        Assert.Equal(new CodeLockout(5, 15), system.CodeLockout);
        Assert.Null(ConfigurationLoader.Defaults.BaseDirectory);
        Assert.Equal(Path.GetFullPath("/srv/callflow/data"), ConfigurationLoader.Defaults.ResolveDataDirectory("/srv/callflow"));
    }

    [Fact]
    public void Ip_office_mode_has_its_own_defaults()
    {
        var system = Config.Valid(Config.System("\"telephony_interface\": \"ip_office\"")).System;
        Assert.Equal(TelephonyInterface.IpOffice, system.TelephonyInterface);
        Assert.Equal(0, system.MinMessageLengthSeconds);
        Assert.Equal(0, system.MinPasswordLength);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_allowed()
    {
        var config = Config.Valid("\uFEFF// top\n{ /* block */ \"users\": [ { \"name\": \"Alice\", }, ], // end\n}\n");
        Assert.Equal("Alice", Assert.Single(config.Users).Name);
    }

    [Fact]
    public void A_missing_file_is_one_clear_error_without_a_position()
    {
        var result = ConfigurationLoader.Load("/no/such/dir/callflow.json");
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigurationCodes.Unreadable, diagnostic.Code);
        Assert.Equal(0, diagnostic.Line);
        Assert.Contains("does not exist", diagnostic.Message);
        Assert.Equal("/no/such/dir/callflow.json: error CFG002: the configuration file '/no/such/dir/callflow.json' does not exist\n" +
            "  hint: without a configuration file, every setting has its default and there are no users", diagnostic.ToString());
    }

    [Fact]
    public void A_folder_is_not_a_configuration_file()
    {
        var folder = Directory.CreateTempSubdirectory("callflow-config-");
        try
        {
            var diagnostic = Assert.Single(ConfigurationLoader.Load(folder.FullName).Diagnostics);
            Assert.Contains("is a folder", diagnostic.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_relative_data_directory_resolves_from_the_file_and_an_absolute_one_stays()
    {
        var folder = Directory.CreateTempSubdirectory("callflow-config-");
        try
        {
            var file = Path.Combine(folder.FullName, "callflow.json");
            File.WriteAllText(file, Config.System("\"data_directory\": \"../store\""));
            var config = ConfigurationLoader.Load(file).Configuration!;
            Assert.Equal(folder.FullName, config.BaseDirectory);
            Assert.Equal(Path.GetFullPath(Path.Combine(folder.FullName, "..", "store")), config.ResolveDataDirectory("/ignored"));

            File.WriteAllText(file, Config.System("\"data_directory\": \"/var/lib/callflow\""));
            Assert.Equal("/var/lib/callflow", ConfigurationLoader.Load(file).Configuration!.ResolveDataDirectory("/ignored"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Warnings_alone_still_give_a_configuration()
    {
        var result = Config.Parse(Config.User("\"name\": \"Alice  \""));
        Assert.NotNull(result.Configuration);
        Assert.False(result.HasErrors);
        Assert.Equal(ConfigurationCodes.TrailingSpaces, Assert.Single(result.Diagnostics).Code);
        Assert.Equal("Alice", result.Configuration!.Users[0].Name);
    }

    [Fact]
    public void User_settings_have_the_ip_office_defaults()
    {
        var user = Assert.Single(Config.Valid(Config.User("\"name\": \"Alice\"")).Users);
        Assert.Equal(UserConfiguration.Named("Alice") with { SourceNumbers = user.SourceNumbers }, user);
        Assert.True(user.VoicemailOn);
        Assert.False(user.VoicemailHelp);
        Assert.False(user.Ringback);
        Assert.Equal(EmailMode.Off, user.EmailMode);
        Assert.Empty(user.SourceNumbers);
    }

    [Fact]
    public void Every_user_and_group_setting_is_read()
    {
        var config = Config.Valid("""
            {
              "system": { "breakout": { "dtmf0": "200", "dtmf2": "300" } },
              "users": [ { "name": "Alice", "extension": "201", "full_name": "Alice Moore", "voicemail_on": false,
                           "voicemail_help": true, "ringback": true, "email": "alice@example.com", "email_mode": "forward",
                           "breakout": { "dtmf0": "", "dtmf3": "*99" }, "source_numbers": ["V0123", "HSales", "P901632960123"] } ],
              "groups": [ { "name": "Sales", "extension": "300", "members": ["Alice"], "broadcast": true,
                            "email": "sales@example.com", "email_mode": "alert" } ]
            }
            """);
        var alice = config.Users[0];
        Assert.Equal(new UserConfiguration("Alice", "201", "Alice Moore", false, true, true, "alice@example.com", EmailMode.Forward,
            new BreakoutNumbers("", null, "*99"), alice.SourceNumbers), alice);
        Assert.Equal([new(SourceNumberKind.TrustedNumber, "0123"), new(SourceNumberKind.GroupMessageWaiting, "Sales"), new SourceNumber(SourceNumberKind.CallbackNumber, "901632960123")],
            alice.SourceNumbers.ToArray(), EqualityComparer<SourceNumber>.Default);
        Assert.Equal(new BreakoutNumbers(null, "300", "*99"), config.BreakoutFor(alice));
        var sales = config.Groups[0];
        Assert.Equal(new GroupConfiguration("Sales", "300", sales.Members, true, "sales@example.com", EmailMode.Alert), sales);
        Assert.Equal<string>(["Alice"], sales.Members);
        Assert.Equal(["Alice", "Sales"], config.MailboxNames);
    }
}
