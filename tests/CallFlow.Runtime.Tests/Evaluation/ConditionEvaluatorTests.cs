using CallFlow.Runtime.Evaluation;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>Conditions compiled from .vflow and loaded from root.vmp bytes, evaluated at chosen instants.</summary>
public sealed class ConditionEvaluatorTests
{
    private static readonly VmpProgram Program = TestPrograms.Compile("""
        uservar Night = "on"
        condition Open = weekly(Mon-Fri 09:00-17:30)
        condition Weekend = weekly(Sat-Sun)
        condition NightShift = weekly(Mon-Fri 22:00-24:00, Tue-Sat 00:00-06:00)
        condition Lunch = weekly(Fri-Mon 12:00-13:00)
        condition SmallHours = weekly(Sun 01:00-02:00)
        condition AfterTwo = weekly(Sun 02:00-03:00)
        condition Holidays = calendar(2026-12-25, 2026-12-26)
        condition Shutdown = calendar(2026-12-24 - 2026-12-31)
        condition TurnOfYear = calendar(2026-12-31 - 2027-01-02)
        condition MidSummer = calendar(2026-07-01)
        condition AnyHoliday = Holidays or Shutdown
        condition OpenToday = Open and not AnyHoliday
        condition Closed = not (OpenToday or Weekend) and not false
        condition Twice = AnyHoliday and AnyHoliday
        condition Late = $DAY >= 25
        condition BiggerThanNine = $CP1 > "9"
        condition BeforeAbd = $CP1 < "abd"
        condition IsTen = $CP1 == "10"
        condition NotTen = $CP1 != "10"
        condition AtMostFive = $CP1 <= 5
        condition AtLeastFive = $CP1 >= 5
        condition Greeting = "Hello $CP1" == "Hello World"
        condition Unset = $CP2 == ""
        condition UnsetIsZero = $CP2 == 0
        condition Fresh = $COUNTER1 == 0
        condition NightOn = $REG[Night] == "on"
        """);

    private static bool At(string condition, string utc, TimeZoneInfo? zone = null, string? cp1 = null)
    {
        zone ??= TestCalls.London;
        // The call's own clock agrees with the instant, as in the VM, so $DAY in a Compare reads the same day.
        var call = TestCalls.NewCall(UserVariables.FromProgram(Program), zone, TestCalls.Utc(utc));
        if (cp1 is not null)
            call.Set("$CP1", cp1);
        return ConditionEvaluator.Evaluate(Program, TestPrograms.IndexOf(Program, condition), call, TestCalls.Utc(utc), zone);
    }

    // November 2026 is GMT in London, so these UTC instants are local times. 2 November is a Monday.
    [Theory]
    [InlineData("Open", "2026-11-02T09:00:00Z", true)]
    [InlineData("Open", "2026-11-02T08:59:59Z", false)]
    [InlineData("Open", "2026-11-02T17:29:59Z", true)]
    [InlineData("Open", "2026-11-02T17:30:00Z", false)]
    [InlineData("Open", "2026-11-02T00:00:00Z", false)]
    [InlineData("Open", "2026-11-06T12:00:00Z", true)]
    [InlineData("Open", "2026-11-07T12:00:00Z", false)]
    [InlineData("Open", "2026-11-08T12:00:00Z", false)]
    [InlineData("Open", "2026-11-09T09:00:00Z", true)]
    [InlineData("Weekend", "2026-11-06T23:59:59Z", false)]
    [InlineData("Weekend", "2026-11-07T00:00:00Z", true)]
    [InlineData("Weekend", "2026-11-08T23:59:59Z", true)]
    [InlineData("Weekend", "2026-11-09T00:00:00Z", false)]
    [InlineData("NightShift", "2026-11-02T21:59:59Z", false)]
    [InlineData("NightShift", "2026-11-02T22:00:00Z", true)]
    [InlineData("NightShift", "2026-11-02T23:59:59Z", true)]
    [InlineData("NightShift", "2026-11-03T00:00:00Z", true)]
    [InlineData("NightShift", "2026-11-03T05:59:59Z", true)]
    [InlineData("NightShift", "2026-11-03T06:00:00Z", false)]
    [InlineData("NightShift", "2026-11-02T00:30:00Z", false)]
    [InlineData("NightShift", "2026-11-07T00:30:00Z", true)]
    [InlineData("NightShift", "2026-11-07T22:30:00Z", false)]
    [InlineData("NightShift", "2026-11-08T00:30:00Z", false)]
    [InlineData("Lunch", "2026-11-05T12:30:00Z", false)]
    [InlineData("Lunch", "2026-11-06T12:30:00Z", true)]
    [InlineData("Lunch", "2026-11-07T12:30:00Z", true)]
    [InlineData("Lunch", "2026-11-08T12:30:00Z", true)]
    [InlineData("Lunch", "2026-11-09T12:30:00Z", true)]
    [InlineData("Lunch", "2026-11-10T12:30:00Z", false)]
    public void Weekly_periods_include_the_start_and_exclude_the_end(string condition, string utc, bool expected) =>
        Assert.Equal(expected, At(condition, utc));

    [Theory]
    // 29 March 2026: London jumps from 01:00 GMT to 02:00 BST, so local 01:00-02:00 never happens.
    [InlineData("SmallHours", "2026-03-29T00:30:00Z", false)]
    [InlineData("SmallHours", "2026-03-29T00:59:59Z", false)]
    [InlineData("SmallHours", "2026-03-29T01:00:00Z", false)]
    [InlineData("AfterTwo", "2026-03-29T00:59:59Z", false)]
    [InlineData("AfterTwo", "2026-03-29T01:00:00Z", true)]
    [InlineData("AfterTwo", "2026-03-29T01:59:59Z", true)]
    [InlineData("AfterTwo", "2026-03-29T02:00:00Z", false)]
    // The Monday after: office hours are 08:00-16:30 UTC.
    [InlineData("Open", "2026-03-30T07:59:59Z", false)]
    [InlineData("Open", "2026-03-30T08:00:00Z", true)]
    [InlineData("Open", "2026-03-30T16:29:59Z", true)]
    [InlineData("Open", "2026-03-30T16:30:00Z", false)]
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so local 01:00-02:00 happens twice.
    [InlineData("SmallHours", "2026-10-24T23:59:59Z", false)]
    [InlineData("SmallHours", "2026-10-25T00:00:00Z", true)]
    [InlineData("SmallHours", "2026-10-25T00:59:59Z", true)]
    [InlineData("SmallHours", "2026-10-25T01:00:00Z", true)]
    [InlineData("SmallHours", "2026-10-25T01:59:59Z", true)]
    [InlineData("SmallHours", "2026-10-25T02:00:00Z", false)]
    // Friday before (BST) and Monday after (GMT).
    [InlineData("Open", "2026-10-23T07:59:59Z", false)]
    [InlineData("Open", "2026-10-23T08:00:00Z", true)]
    [InlineData("Open", "2026-10-23T16:29:59Z", true)]
    [InlineData("Open", "2026-10-23T16:30:00Z", false)]
    [InlineData("Open", "2026-10-26T08:59:59Z", false)]
    [InlineData("Open", "2026-10-26T09:00:00Z", true)]
    [InlineData("Open", "2026-10-26T17:29:59Z", true)]
    [InlineData("Open", "2026-10-26T17:30:00Z", false)]
    public void Weekly_follows_the_local_clock_across_daylight_saving_changes(string condition, string utc, bool expected) =>
        Assert.Equal(expected, At(condition, utc));

    [Theory]
    [InlineData("Holidays", "2026-12-24T23:59:59Z", false)]
    [InlineData("Holidays", "2026-12-25T00:00:00Z", true)]
    [InlineData("Holidays", "2026-12-26T23:59:59Z", true)]
    [InlineData("Holidays", "2026-12-27T00:00:00Z", false)]
    [InlineData("Shutdown", "2026-12-23T23:59:59Z", false)]
    [InlineData("Shutdown", "2026-12-24T00:00:00Z", true)]
    [InlineData("Shutdown", "2026-12-28T12:00:00Z", true)]
    [InlineData("Shutdown", "2026-12-31T23:59:59Z", true)]
    [InlineData("Shutdown", "2027-01-01T00:00:00Z", false)]
    [InlineData("TurnOfYear", "2026-12-30T23:59:59Z", false)]
    [InlineData("TurnOfYear", "2027-01-01T12:00:00Z", true)]
    [InlineData("TurnOfYear", "2027-01-03T00:00:00Z", false)]
    // In summer time London's day starts at 23:00 UTC.
    [InlineData("MidSummer", "2026-06-30T22:59:59Z", false)]
    [InlineData("MidSummer", "2026-06-30T23:00:00Z", true)]
    [InlineData("MidSummer", "2026-07-01T22:59:59Z", true)]
    [InlineData("MidSummer", "2026-07-01T23:00:00Z", false)]
    public void Calendar_ranges_are_inclusive_local_dates(string condition, string utc, bool expected) =>
        Assert.Equal(expected, At(condition, utc));

    [Theory]
    [InlineData("2026-12-25T04:59:59Z", false)] // 23:59:59 on the 24th in New York
    [InlineData("2026-12-25T05:00:00Z", true)]
    [InlineData("2026-12-27T04:59:59Z", true)]
    [InlineData("2026-12-27T05:00:00Z", false)]
    public void The_given_zone_decides_the_date(string utc, bool expected) =>
        Assert.Equal(expected, At("Holidays", utc, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));

    [Theory]
    [InlineData("OpenToday", "2026-11-02T10:00:00Z", true)]
    [InlineData("OpenToday", "2026-12-21T10:00:00Z", true)]
    [InlineData("OpenToday", "2026-12-24T10:00:00Z", false)]
    [InlineData("OpenToday", "2026-11-07T10:00:00Z", false)]
    [InlineData("AnyHoliday", "2026-12-24T10:00:00Z", true)]
    [InlineData("AnyHoliday", "2026-12-23T10:00:00Z", false)]
    [InlineData("Closed", "2026-11-02T10:00:00Z", false)]
    [InlineData("Closed", "2026-11-02T18:00:00Z", true)]
    [InlineData("Closed", "2026-11-07T10:00:00Z", false)]
    [InlineData("Closed", "2026-12-24T10:00:00Z", true)]
    [InlineData("Twice", "2026-12-24T10:00:00Z", true)]
    [InlineData("Twice", "2026-12-23T10:00:00Z", false)]
    public void References_and_logic(string condition, string utc, bool expected) =>
        Assert.Equal(expected, At(condition, utc));

    [Theory]
    // Numeric when both sides are numbers: "10" > "9", "10" == "10.0".
    [InlineData("BiggerThanNine", "10", true)]
    [InlineData("BiggerThanNine", "9", false)]
    [InlineData("BiggerThanNine", "9.5", true)]
    [InlineData("BiggerThanNine", "-10", false)]
    [InlineData("IsTen", "10", true)]
    [InlineData("IsTen", "10.0", true)]
    [InlineData("IsTen", "010", true)]
    [InlineData("IsTen", " 10 ", true)]
    [InlineData("IsTen", "+10", true)]
    [InlineData("IsTen", "ten", false)]
    [InlineData("IsTen", "1e1", false)]
    [InlineData("NotTen", "10.0", false)]
    [InlineData("NotTen", "11", true)]
    [InlineData("AtMostFive", "5", true)]
    [InlineData("AtMostFive", "-6", true)]
    [InlineData("AtMostFive", "5.01", false)]
    [InlineData("AtLeastFive", "5", true)]
    [InlineData("AtLeastFive", "4.99", false)]
    // Otherwise ordinal text: character codes, upper case before lower case.
    [InlineData("BiggerThanNine", "abc", true)]
    [InlineData("BiggerThanNine", "10x", false)]
    [InlineData("BiggerThanNine", "1,000", false)]
    [InlineData("BeforeAbd", "abc", true)]
    [InlineData("BeforeAbd", "abd", false)]
    [InlineData("BeforeAbd", "abe", false)]
    [InlineData("BeforeAbd", "ABD", true)]
    [InlineData("BeforeAbd", "ab", true)]
    [InlineData("BeforeAbd", "abdx", false)]
    // Variables are replaced inside text operands.
    [InlineData("Greeting", "World", true)]
    [InlineData("Greeting", "world", false)]
    public void Compare_is_numeric_for_numbers_and_ordinal_otherwise(string condition, string cp1, bool expected) =>
        Assert.Equal(expected, At(condition, "2026-11-02T10:00:00Z", cp1: cp1));

    [Theory]
    [InlineData("Unset", true)]
    [InlineData("UnsetIsZero", false)] // "" is not a number, so "" and "0" compare as text
    [InlineData("Fresh", true)]
    [InlineData("NightOn", true)]
    public void Unset_variables_read_as_empty_and_counters_as_zero(string condition, bool expected) =>
        Assert.Equal(expected, At(condition, "2026-11-02T10:00:00Z"));

    [Theory]
    [InlineData("2026-11-24T23:59:59Z", false)]
    [InlineData("2026-11-25T00:00:00Z", true)]
    [InlineData("2026-11-09T12:00:00Z", false)] // "09" >= 25 numerically
    public void Date_variables_compare_as_numbers(string utc, bool expected) =>
        Assert.Equal(expected, At("Late", utc));

    [Fact]
    public void The_short_overload_uses_the_calls_clock()
    {
        var call = TestCalls.NewCall(start: TestCalls.Utc("2026-11-02T08:00:00Z"));
        var open = TestPrograms.IndexOf(Program, "Open");
        Assert.False(ConditionEvaluator.Evaluate(Program, open, call));
        call.Now = TestCalls.Utc("2026-11-02T09:00:00Z");
        Assert.True(ConditionEvaluator.Evaluate(Program, open, call));
    }
}
