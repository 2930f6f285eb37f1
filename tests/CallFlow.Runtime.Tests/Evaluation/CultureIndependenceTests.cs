using System.Globalization;
using CallFlow.Runtime.Evaluation;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>
/// The same evaluations give the same answers whatever the current culture: de-DE writes decimals with ',',
/// tr-TR upper-cases 'i' to 'İ', th-TH and ar-SA use other calendars, and none of that may leak into a call.
/// This project runs with ICU (InvariantGlobalization off) so that these cultures exist.
/// </summary>
public sealed class CultureIndependenceTests
{
    private static readonly VmpProgram Program = TestPrograms.Compile("""
        condition Open = weekly(Mon-Fri 09:00-17:30)
        condition Holidays = calendar(2026-12-24 - 2026-12-31)
        condition Decimal = $CP1 == "1.5"
        condition Comma = $CP2 == "1.5"
        condition Turkish = $CP3 == "I"
        condition Cased = $CP3 < "B"
        """);

    private static readonly string[] Commands =
    [
        "EVAL:$CP4=123.0/2", "EVAL:$CP5=1.5*3", "EVAL:$CP6=$CP1*2", "EVAL:$CP7=$CP2*2", "EVAL:$CP8=123/2^7",
        "STRING:$CP9=upper(istanbul)", "STRING:$CP10=lower(ISTANBUL)", "STRING:$CP11=reverse(ABCdef123)",
        "STRING:$CP12=mid(01555364200,3,3)", "COUNTER1:1.9", "COUNTER2:1,9", "CP13:$DATE $TIME $DAY/$MONTH/$YEAR",
        "CP14:$CALL_DATE $CALL_TIME",
    ];

    private static IReadOnlyList<string> EvaluateEverything()
    {
        var lines = new List<string>();
        var call = TestCalls.NewCall(start: TestCalls.Utc("2026-12-24T10:15:30Z"));
        call.Set("$CP1", "1.5");
        call.Set("$CP2", "1,5");
        call.Set("$CP3", "i");
        foreach (var command in Commands)
            lines.Add($"{command} -> {GenericCommandInterpreter.Execute(command, call).Error ?? "ok"}");
        foreach (var (name, value) in call.Snapshot())
            lines.Add($"{name} = {value}");
        for (var i = 0; i < Program.Conditions.Length; i++)
            lines.Add($"{Program.Strings[Program.Conditions[i].Name]} = {ConditionEvaluator.Evaluate(Program, i, call)}");
        return lines;
    }

    [Fact]
    public void Results_do_not_depend_on_the_current_culture()
    {
        var invariant = InCulture(CultureInfo.InvariantCulture, EvaluateEverything);
        Assert.Contains("$CP4 = 61.500000", invariant);
        Assert.Contains("$CP6 = 3.000000", invariant);
        Assert.Contains("$CP7 = 0", invariant); // "1,5" is not a number
        Assert.Contains("$CP9 = ISTANBUL", invariant);
        Assert.Contains("$CP10 = istanbul", invariant);
        Assert.Contains("$CP13 = 24th December 2026 10:15:30 24/12/2026", invariant);
        Assert.Contains("$COUNTER1 = 1", invariant);
        Assert.DoesNotContain(invariant, line => line.StartsWith("$COUNTER2", StringComparison.Ordinal));
        Assert.Contains("Comma = False", invariant);
        Assert.Contains("Turkish = False", invariant);
        Assert.Contains("Cased = False", invariant); // ordinal: 'i' (0x69) sorts after 'B' (0x42)

        foreach (var name in new[] { "de-DE", "tr-TR", "th-TH", "ar-SA", "fa-IR", "ja-JP", "en-US" })
        {
            var culture = CultureInfo.GetCultureInfo(name);
            Assert.Equal(invariant, InCulture(culture, EvaluateEverything));
        }
    }

    [Fact]
    public void The_test_cultures_really_differ()
    {
        // Guards the test above: if ICU were missing these would all behave invariantly and prove nothing.
        Assert.Equal("1,5", 1.5m.ToString(CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("İ", "i".ToUpper(CultureInfo.GetCultureInfo("tr-TR")));
        Assert.Equal(2569, CultureInfo.GetCultureInfo("th-TH").Calendar.GetYear(new DateTime(2026, 12, 24)));
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (culture0, ui0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = ui0;
        }
    }
}
