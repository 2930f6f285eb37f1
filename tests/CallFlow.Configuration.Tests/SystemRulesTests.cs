namespace CallFlow.Configuration.Tests;

public sealed class SystemRulesTests
{
    [Fact]
    public void Every_system_setting_is_read()
    {
        var system = Config.Valid("""
            { "system": {
                "telephony_interface": "intuity", "min_message_length": 0, "max_message_length": 3600, "min_password_length": 15,
                "housekeeping": { "new": 1, "old": 2, "saved": 3, "unopened": 4, "new_recordings": 5, "old_recordings": 6, "deleted": 0 },
                "playback_order": { "new": "lifo", "old": "fifo", "saved": "lifo", "unopened": "lifo", "new_recordings": "lifo", "old_recordings": "lifo", "deleted": "lifo" },
                "breakout": { "dtmf0": "200", "dtmf2": "", "dtmf3": null },
                "language": "de", "time_zone": "Europe/Berlin", "data_directory": "/var/lib/callflow",
                "code_lockout": { "attempts": 0, "minutes": 1440 } } }
            """).System;
        var lifo = PlaybackDirection.Lifo;
        Assert.Equal(new SystemPreferences(TelephonyInterface.Intuity, 0, 3600, 15, new HousekeepingHours(1, 2, 3, 4, 5, 6, 0),
            new PlaybackOrders(lifo, PlaybackDirection.Fifo, lifo, lifo, lifo, lifo, lifo), new BreakoutNumbers("200", null, null),
            "de", "Europe/Berlin", "/var/lib/callflow", new CodeLockout(0, 1440)), system);
        Assert.Equal("Europe/Berlin", system.FindTimeZone().Id);
    }

    [Fact]
    public void Min_message_length_cannot_be_set_in_ip_office_mode_whatever_the_key_order()
    {
        var diagnostic = Config.Error(Config.System("\"min_message_length\": 0, \"telephony_interface\": \"ip_office\""),
            ConfigurationCodes.NotInThisMode, "system.min_message_length");
        Assert.Contains("cannot be set in IP Office mode", diagnostic.Message);
        Assert.Equal((1, 15), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("\"min_message_length\": 11", "min_message_length must be between 0 and 10 seconds; found 11")]
    [InlineData("\"min_message_length\": -1", "min_message_length must be between 0 and 10 seconds; found -1")]
    [InlineData("\"max_message_length\": 0", "max_message_length must be between 1 and 3600 seconds; found 0")]
    [InlineData("\"max_message_length\": 3601", "max_message_length must be between 1 and 3600 seconds; found 3601")]
    [InlineData("\"min_password_length\": 1", "min_password_length must be between 2 and 15 digits in Intuity mode; found 1")]
    [InlineData("\"min_password_length\": 16", "min_password_length must be between 2 and 15 digits in Intuity mode; found 16")]
    [InlineData("\"telephony_interface\": \"ip_office\", \"min_password_length\": -1", "min_password_length must be between 0 and 15 digits in IP Office mode; found -1")]
    [InlineData("\"housekeeping\": { \"old\": -1 }", "old must be between 0 and 87600 hours; found -1")]
    [InlineData("\"code_lockout\": { \"attempts\": 101 }", "attempts must be between 0 and 100 attempts; found 101")]
    [InlineData("\"code_lockout\": { \"minutes\": 0 }", "minutes must be between 1 and 1440 minutes; found 0")]
    [InlineData("\"disk_alarm\": { \"threshold\": 10 }", "threshold must be between 11 and 1000000 MB; found 10")]
    [InlineData("\"disk_alarm\": { \"unit\": \"minutes\", \"threshold\": 5 }", "threshold must be between 11 and 1000000 minutes; found 5")]
    [InlineData("\"max_message_length\": 99999999999999999999999", "max_message_length must be a whole number of seconds; found 99999999999999999999999")]
    public void Numbers_out_of_range_name_the_range_and_the_mode(string body, string message)
    {
        var diagnostic = Config.SingleError(Config.System(body));
        Assert.Contains(diagnostic.Code, new[] { ConfigurationCodes.OutOfRange, ConfigurationCodes.InvalidValue });
        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void The_disk_alarm_takes_Voicemail_Pros_unit_threshold_and_derived_levels()
    {
        Assert.Equal(new DiskAlarm(DiskAlarmUnit.Megabytes, 60), Config.Valid(Config.System("\"language\": \"en\"")).System.DiskAlarm);
        var minutes = Config.Valid(Config.System("\"disk_alarm\": { \"unit\": \"minutes\", \"threshold\": 35 }")).System.DiskAlarm;
        Assert.Equal((DiskAlarmUnit.Minutes, 35, 65, 25), (minutes.Unit, minutes.Threshold, minutes.SpaceOk, minutes.Critical));
        Assert.Equal(30, DiskAlarm.Default.Critical);   // 30 unless the threshold is below 40
        Assert.Equal(2, minutes.Measure(2 * 480_000 + 479_999));
        Assert.Equal(1, DiskAlarm.Default.Measure(2 * 1024 * 1024 - 1));
        var unknown = Config.SingleError(Config.System("\"disk_alarm\": { \"unit\": \"gb\" }"));
        Assert.StartsWith("'gb' is not an alarm unit", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ip_office_mode_accepts_a_zero_password_length()
    {
        Assert.Equal(0, Config.Valid(Config.System("\"telephony_interface\": \"ip_office\", \"min_password_length\": 0")).System.MinPasswordLength);
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("1e2")]
    public void Whole_numbers_only(string value)
    {
        var diagnostic = Config.Error(Config.System($"\"max_message_length\": {value}"), ConfigurationCodes.InvalidValue, "system.max_message_length");
        Assert.Contains("whole number", diagnostic.Message);
    }

    [Fact]
    public void Max_message_length_below_the_minimum_is_inconsistent()
    {
        var diagnostic = Config.Error(Config.System("\"min_message_length\": 5, \"max_message_length\": 4"), ConfigurationCodes.Inconsistent, "system.max_message_length");
        Assert.Contains("shorter than min_message_length (5 seconds)", diagnostic.Message);
    }

    [Theory]
    [InlineData("\"telephony_interface\": \"IP Office\"", "'IP Office' is not a telephony interface; did you mean 'ip_office'?")]
    [InlineData("\"playback_order\": { \"new\": \"FIFO\" }", "'FIFO' is not a playback order; did you mean 'fifo'?")]
    [InlineData("\"language\": \"EN\"", "'EN' is not an installable prompt language; did you mean 'en'?")]
    [InlineData("\"language\": \"klingon\"", "'klingon' is not an installable prompt language")]
    [InlineData("\"time_zone\": \"europe/london\"", "'europe/london' is not a time zone this machine knows; did you mean 'Europe/London'?")]
    [InlineData("\"time_zone\": \"Mars/Olympus_Mons\"", "'Mars/Olympus_Mons' is not a time zone this machine knows")]
    [InlineData("\"time_zone\": \"../../etc/passwd\"", "'../../etc/passwd' is not an IANA time zone id")]
    [InlineData("\"data_directory\": \"\"", "data_directory must be a folder path, not empty and without control characters")]
    [InlineData("\"breakout\": { \"dtmf0\": \"2OO\" }", "'2OO' is not a valid dtmf0: use 1 to 32 digits, '*' and '#'")]
    public void Invalid_values_say_what_is_wrong(string body, string message)
    {
        var diagnostic = Config.SingleError(Config.System(body));
        Assert.Equal(ConfigurationCodes.InvalidValue, diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
    }

    [Theory]
    [InlineData("\"telephony_interface\": 1", "system.telephony_interface", "expected one of \"intuity\", \"ip_office\", found the number 1")]
    [InlineData("\"max_message_length\": \"120\"", "system.max_message_length", "expected a whole number of seconds, found a string")]
    [InlineData("\"housekeeping\": [1]", "system.housekeeping", "expected an object { … }, found a list")]
    [InlineData("\"breakout\": { \"dtmf0\": 200 }", "system.breakout.dtmf0", "expected a string in quotes, found the number 200")]
    [InlineData("\"language\": null, \"time_zone\": true", "system.time_zone", "expected a string in quotes, found true")]
    public void Wrong_types_name_what_was_expected_and_found(string body, string path, string message)
    {
        var diagnostic = Config.Error(Config.System(body), ConfigurationCodes.WrongType, path);
        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_number_written_as_a_number_gets_a_hint_to_quote_it()
    {
        var diagnostic = Config.SingleError(Config.System("\"breakout\": { \"dtmf0\": 200 }"));
        Assert.Equal("write it in quotes, \"200\": numbers with leading zeros only survive as strings", diagnostic.Hint);
    }

    [Fact]
    public void Unknown_keys_suggest_the_close_one_or_list_them_all()
    {
        var close = Config.Error(Config.System("\"max_mesage_length\": 60"), ConfigurationCodes.UnknownKey, "system.max_mesage_length");
        Assert.Equal("system has no key 'max_mesage_length'; did you mean 'max_message_length'?", close.Message);
        var camel = Config.SingleError(Config.System("\"timeZone\": \"UTC\""));
        Assert.EndsWith("did you mean 'time_zone'?", camel.Message);
        var far = Config.SingleError(Config.System("\"colour\": \"blue\""));
        Assert.Equal("system has no key 'colour'", far.Message);
        Assert.StartsWith("the keys of system are: telephony_interface, ", far.Hint);
        var nested = Config.Error(Config.System("\"housekeeping\": { \"delted\": 1 }"), ConfigurationCodes.UnknownKey, "system.housekeeping.delted");
        Assert.EndsWith("did you mean 'deleted'?", nested.Message);
    }

    [Fact]
    public void A_repeated_key_is_an_error_at_the_second_one()
    {
        var diagnostic = Config.Error("{\n\"system\": {\n\"language\": \"en\",\n\"language\": \"de\" } }", ConfigurationCodes.DuplicateKey, "system.language");
        Assert.Equal((4, 1), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("'language' is already set on line 3", diagnostic.Message);
    }

    [Theory]
    [InlineData("America")]
    [InlineData("Factory/")]
    [InlineData("posixrules/x")]
    [InlineData("+VERSION")]
    [InlineData("Europe//London")]
    [InlineData("zone.tab")]
    public void Odd_time_zone_ids_are_errors_not_crashes(string id) =>
        Config.Error(Config.System($"\"time_zone\": \"{id}\""), ConfigurationCodes.InvalidValue, "system.time_zone");

    [Fact]
    public void Ranges_accept_their_bounds()
    {
        Config.Valid(Config.System("\"min_message_length\": 10, \"max_message_length\": 10, \"min_password_length\": 2"));
        Config.Valid(Config.System("\"housekeeping\": { \"new\": 87600, \"deleted\": 0 }, \"code_lockout\": { \"attempts\": 100, \"minutes\": 1 }"));
        Config.Valid(Config.System("\"time_zone\": \"America/Argentina/Buenos_Aires\""));
        Config.Valid(Config.System("\"time_zone\": \"Etc/GMT+5\""));
    }

    [Fact]
    public void Every_prompt_language_is_accepted()
    {
        foreach (var code in CallFlow.Vmp.PromptLanguages.All.Keys)
            Assert.Equal(code, Config.Valid(Config.System($"\"language\": \"{code}\"")).System.Language);
    }
}
