using CallFlow.Server.Alarms;

namespace CallFlow.Server.Tests.Alarms;

/// <summary>
/// When alarms ring: single, daily and weekly in the server's zone, strictly after the moment asked about, across
/// both daylight saving changes (Europe/London 2026: clocks forward 29 March 01:00 GMT → 02:00 BST, back 25 October
/// 02:00 BST → 01:00 GMT), and what a call's outcome does to the alarm. 2 March 2026 is a Monday.
/// </summary>
public sealed class AlarmScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeOnly Seven = new(7, 0);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Daily_rings_today_while_the_time_is_ahead_and_tomorrow_once_it_has_passed()
    {
        Assert.Equal(Utc(3, 2, 7), AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Friday, Utc(3, 2, 6), TimeZoneInfo.Utc));
        Assert.Equal(Utc(3, 3, 7), AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Friday, Utc(3, 2, 7), TimeZoneInfo.Utc)); // strictly after
        Assert.Equal(Utc(3, 3, 7), AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Friday, Utc(3, 2, 8), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Weekly_rings_on_its_weekday_and_a_week_on_when_today_has_passed()
    {
        Assert.Equal(Utc(3, 4, 7), AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Wednesday, Utc(3, 2, 9), TimeZoneInfo.Utc));
        Assert.Equal(Utc(3, 2, 7), AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Monday, Utc(3, 2, 6), TimeZoneInfo.Utc));
        Assert.Equal(Utc(3, 9, 7), AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Monday, Utc(3, 2, 9), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Single_rings_on_its_day_and_a_past_time_today_is_tomorrows_wake_up_call()
    {
        Assert.Equal(Utc(3, 2, 7), AlarmSchedule.Next(AlarmFrequency.Single, Seven, DayOfWeek.Monday, Utc(3, 2, 6), TimeZoneInfo.Utc));
        Assert.Equal(Utc(3, 3, 7), AlarmSchedule.Next(AlarmFrequency.Single, Seven, DayOfWeek.Monday, Utc(3, 2, 23), TimeZoneInfo.Utc));
        Assert.Equal(Utc(3, 6, 7), AlarmSchedule.Next(AlarmFrequency.Single, Seven, DayOfWeek.Friday, Utc(3, 2, 23), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Times_are_the_zones_wall_clock()
    {
        // 07:00 in New York in early March is 12:00 UTC (EST); after 8 March (EDT) it is 11:00 UTC.
        Assert.Equal(Utc(3, 2, 12), AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Monday, Utc(3, 2, 6), NewYork));
        Assert.Equal(Utc(3, 9, 11), AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Monday, Utc(3, 3, 0), NewYork));
        // 02:00 UTC on Tuesday is still Monday evening (21:00) in New York: a daily 22:00 alarm rings that Monday evening.
        Assert.Equal(Utc(3, 3, 3), AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(22, 0), DayOfWeek.Monday, Utc(3, 3, 2), NewYork));
    }

    [Fact]
    public void A_daily_alarm_keeps_its_wall_clock_time_across_the_spring_change()
    {
        var saturday = AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Monday, Utc(3, 28, 0), London);
        var sunday = AlarmSchedule.Next(AlarmFrequency.Daily, Seven, DayOfWeek.Monday, saturday, London);
        Assert.Equal(Utc(3, 28, 7), saturday); // 07:00 GMT
        Assert.Equal(Utc(3, 29, 6), sunday); // 07:00 BST: 23 hours later
    }

    [Fact]
    public void A_time_the_spring_change_skips_rings_as_if_the_clocks_had_not_changed()
    {
        // 01:30 does not exist on 29 March in London: it rings at 01:30 GMT, which the clocks show as 02:30 BST.
        var skipped = AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, Utc(3, 28, 12), London);
        Assert.Equal(Utc(3, 29, 1, 30), skipped);
        Assert.Equal(Utc(3, 30, 0, 30), AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, skipped, London));
    }

    [Fact]
    public void A_time_the_autumn_change_repeats_rings_once_at_its_first_occurrence()
    {
        // 01:30 happens twice on 25 October in London: 00:30 UTC (BST) and 01:30 UTC (GMT). Only the first rings.
        var first = AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, Utc(10, 24, 12), London);
        Assert.Equal(Utc(10, 25, 0, 30), first);
        Assert.Equal(Utc(10, 26, 1, 30), AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, first, London));
        Assert.Equal(Utc(10, 26, 1, 30), AlarmSchedule.Next(AlarmFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, Utc(10, 25, 1, 0), London));
        // A weekly alarm across the change keeps 07:00 on the wall: 06:00 UTC before, 07:00 UTC after.
        var before = AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Sunday, Utc(10, 18, 0), London);
        Assert.Equal(Utc(10, 18, 6), before);
        Assert.Equal(Utc(10, 25, 7), AlarmSchedule.Next(AlarmFrequency.Weekly, Seven, DayOfWeek.Sunday, before, London));
    }

    private static Alarm Daily(int retries, int attempt = 0, AlarmFrequency frequency = AlarmFrequency.Daily) => new()
    {
        Id = 1, Target = "201", Time = Seven, Frequency = frequency, Day = DayOfWeek.Monday, Retries = retries, Attempt = attempt,
        Interval = TimeSpan.FromMinutes(5), Occurrence = Utc(3, 2, 7), NextRing = Utc(3, 2, 7).AddMinutes(5 * attempt),
    };

    [Fact]
    public void An_unanswered_call_with_retries_left_is_repeated_after_the_interval()
    {
        var now = Utc(3, 2, 7, 1);
        foreach (var result in new[] { AlarmCallResult.NoAnswer, AlarmCallResult.Busy, AlarmCallResult.Failed, AlarmCallResult.NotAcknowledged })
        {
            var next = AlarmSchedule.AfterCall(Daily(retries: 2), result, now, London)!;
            Assert.Equal((1, now.AddMinutes(5), Utc(3, 2, 7)), (next.Attempt, next.NextRing, next.Occurrence));
        }
    }

    [Fact]
    public void An_acknowledged_call_or_the_last_retry_moves_on_to_the_next_occurrence()
    {
        var now = Utc(3, 2, 7, 11);
        var acknowledged = AlarmSchedule.AfterCall(Daily(retries: 2), AlarmCallResult.Acknowledged, now, TimeZoneInfo.Utc)!;
        Assert.Equal((0, Utc(3, 3, 7), Utc(3, 3, 7)), (acknowledged.Attempt, acknowledged.NextRing, acknowledged.Occurrence));
        var exhausted = AlarmSchedule.AfterCall(Daily(retries: 2, attempt: 2), AlarmCallResult.NoAnswer, now, TimeZoneInfo.Utc)!;
        Assert.Equal((0, Utc(3, 3, 7)), (exhausted.Attempt, exhausted.NextRing));
        var weekly = AlarmSchedule.AfterCall(Daily(retries: 0, frequency: AlarmFrequency.Weekly), AlarmCallResult.Acknowledged, now, TimeZoneInfo.Utc)!;
        Assert.Equal(Utc(3, 9, 7), weekly.NextRing);
    }

    [Fact]
    public void A_single_alarm_leaves_the_book_when_it_is_done()
    {
        Assert.Null(AlarmSchedule.AfterCall(Daily(retries: 0, frequency: AlarmFrequency.Single), AlarmCallResult.Acknowledged, Utc(3, 2, 7, 1), London));
        Assert.Null(AlarmSchedule.AfterCall(Daily(retries: 1, attempt: 1, frequency: AlarmFrequency.Single), AlarmCallResult.Busy, Utc(3, 2, 7, 6), London));
        Assert.NotNull(AlarmSchedule.AfterCall(Daily(retries: 1, frequency: AlarmFrequency.Single), AlarmCallResult.Busy, Utc(3, 2, 7, 1), London));
    }

    [Fact]
    public void An_alarm_over_an_hour_late_is_missed()
    {
        var alarm = Daily(retries: 0);
        Assert.False(AlarmSchedule.IsMissed(alarm, Utc(3, 2, 7, 59)));
        Assert.True(AlarmSchedule.IsMissed(alarm, Utc(3, 2, 8, 1)));
        Assert.Equal(Utc(3, 3, 7), AlarmSchedule.NextOccurrence(alarm, Utc(3, 2, 8, 1), TimeZoneInfo.Utc)!.NextRing);
        // Days late (the server was down over a weekend): the next occurrence from now, not from the missed one.
        Assert.Equal(Utc(3, 6, 7), AlarmSchedule.NextOccurrence(alarm, Utc(3, 5, 9), TimeZoneInfo.Utc)!.NextRing);
    }
}
