using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

public sealed class ClockVariablesTests
{
    [Theory]
    // 3 November 2026 is GMT in London: local equals UTC.
    [InlineData("2026-11-03T14:05:09Z", "03", "11", "2026", "14", "05", "09", "3rd November 2026", "14:05:09")]
    // Summer time: UTC 23:30 on 31 July is already 1 August in London.
    [InlineData("2026-07-31T23:30:00Z", "01", "08", "2026", "00", "30", "00", "1st August 2026", "00:30:00")]
    // The last second of the year.
    [InlineData("2026-12-31T23:59:59Z", "31", "12", "2026", "23", "59", "59", "31st December 2026", "23:59:59")]
    public void Date_and_time_variables_are_local_to_the_zone(string now, string day, string month, string year,
        string hour, string minute, string second, string date, string time)
    {
        var call = TestCalls.NewCall();
        call.Now = TestCalls.Utc(now);
        Assert.Equal(day, call.Get("$DAY"));
        Assert.Equal(month, call.Get("$MONTH"));
        Assert.Equal(year, call.Get("$YEAR"));
        Assert.Equal(hour, call.Get("$HOUR"));
        Assert.Equal(minute, call.Get("$MIN"));
        Assert.Equal(second, call.Get("$SEC"));
        Assert.Equal(date, call.Get("$DATE"));
        Assert.Equal(time, call.Get("$TIME"));
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(30, "30th")]
    [InlineData(31, "31st")]
    public void Long_dates_use_English_ordinals(int day, string expected) =>
        Assert.Equal($"{expected} January 2027", CallVariables.LongDate(day, 1, 2027));

    [Fact]
    public void Call_date_and_time_are_the_call_start_in_UTC()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var start = new DateTimeOffset(2026, 3, 29, 8, 15, 0, TimeSpan.FromHours(9)); // 23:15 UTC the day before
        var call = TestCalls.NewCall(zone: tokyo, start: start);
        call.Now = start.AddHours(2);
        Assert.Equal("2026-03-28", call.Get("$CALL_DATE"));
        Assert.Equal("23:15:00", call.Get("$CALL_TIME"));
        Assert.Equal("10", call.Get("$HOUR"));
        Assert.Equal("29th March 2026", call.Get("$DATE"));
    }

    [Fact]
    public void The_zone_not_the_offset_given_decides_local_time()
    {
        // The same instant written with a +05:00 offset reads the same in London.
        var call = TestCalls.NewCall();
        call.Now = new DateTimeOffset(2026, 11, 3, 19, 5, 9, TimeSpan.FromHours(5));
        Assert.Equal("14:05:09", call.Get("$TIME"));
    }

    [Fact]
    public void Clock_variables_expand_in_text()
    {
        var call = TestCalls.NewCall();
        Assert.Equal("Today is 3rd November 2026 at 14:05", call.Expand("Today is $DATE at $HOUR:$MIN"));
    }
}
