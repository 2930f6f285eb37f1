using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CallFlow.Runtime.Vm;
using CallFlow.Server.Alarms;
using CallFlow.Sip.Transport;
using CallFlow.Vmp;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>
/// Alarm calls (docs/sip.md, "Alarm calls"): Alarm Set books an alarm in the data directory's alarm book and the caller
/// hears <c>alarm_booked</c>; the <see cref="AlarmScheduler"/> rings each alarm at its time through
/// <c>server.pbx_address</c>, at most 2 at once, and plays the alarm prompt, again and again until the cancel code
/// when the alarm has one.
/// </summary>
public sealed partial class SipFrontEnd
{
    /// <summary>How long an answered alarm call with a cancel code keeps repeating its prompt before it gives up
    /// (counted as not acknowledged, so a retry follows if any are left).</summary>
    private static readonly TimeSpan AlarmCallLimit = TimeSpan.FromMinutes(5);

    /// <summary>The wait for the cancel code after each playing of the prompt.</summary>
    private static readonly TimeSpan AlarmKeyWait = TimeSpan.FromSeconds(3);

    private AlarmBook? _alarmBook;
    private AlarmScheduler? _alarmScheduler;

    /// <summary>The clock alarms are booked and rung by (tests put it just before an alarm's time).</summary>
    internal TimeProvider AlarmClock { get; init; } = TimeProvider.System;

    /// <summary>The alarm book (after <see cref="Start"/>; null when it could not be opened).</summary>
    internal AlarmBook? AlarmBook => _alarmBook;

    /// <summary>Alarm calls placed since the start (answered or not).</summary>
    public int AlarmCallsPlaced => _alarmScheduler?.CallsPlaced ?? 0;

    private void StartAlarms()
    {
        try
        {
            _alarmBook = AlarmBook.Open(_host.DataDirectory, setAside: true, problem => _log.LogError("alarm book: {Problem}", problem));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogError("alarm book in {Directory} cannot be read ({Error}): no alarms are booked or rung", _host.DataDirectory, e.Message);
            return;
        }
        _alarmScheduler = new AlarmScheduler(_alarmBook, _configuration.System.FindTimeZone(), AlarmClock, RingAlarmAsync, _host.Logging.CreateLogger("CallFlow.Alarms"));
        _alarmScheduler.Start();
        if (_alarmBook.Alarms.Length > 0)
            _log.LogInformation("alarm book: {Count} alarm(s) booked{Warning}", _alarmBook.Alarms.Length,
                _settings.PbxAddress is null ? "; server.pbx_address is not set, so none can ring" : "");
    }

    private async ValueTask StopAlarmsAsync()
    {
        if (_alarmScheduler is not null)
            await _alarmScheduler.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Alarm Set over SIP: the resolved settings become an alarm in the book, first due at the next occurrence of its
    /// time (in the server's zone); the caller hears <c>alarm_booked</c>; Next. Nothing usable to book (no target or
    /// time, the book unwritable): the log says why, no confirmation, Next.
    /// </summary>
    private async ValueTask<Outcome> BookAlarmAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        if (_alarmBook is not { } book)
        {
            _log.LogWarning("call {CallId}: alarm not booked: the alarm book could not be opened", dialog.CallId);
            return new ResultOutcome("Next");
        }
        var zone = _configuration.System.FindTimeZone();
        var now = AlarmClock.GetUtcNow();
        var (draft, problem) = AlarmRequest.FromSettings(request.Settings, TimeZoneInfo.ConvertTime(now, zone).DayOfWeek);
        if (draft is null)
        {
            _log.LogWarning("call {CallId}: alarm not booked: {Problem}", dialog.CallId, problem);
            return new ResultOutcome("Next");
        }
        draft = AlarmSchedule.FirstOccurrence(draft with
        {
            Language = dialog.Context?.State.Language,
            BookedBy = $"call from {dialog.Invite.From?.Uri.User ?? "?"}",
        }, now, zone);
        Alarm booked;
        try
        {
            booked = await Task.Run(() => book.Add(draft), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _log.LogError("call {CallId}: alarm not booked: the alarm book could not be written ({Error})", dialog.CallId, e.Message);
            return new ResultOutcome("Next");
        }
        _alarmScheduler?.Wake();
        _log.LogInformation("call {CallId}: alarm {Id} booked for {Target} at {Time} ({Frequency}), first ring {First}", dialog.CallId, booked.Id, booked.Target,
            AlarmFields.FormatTime(booked.Time), AlarmFields.FormatFrequency(booked.Frequency),
            TimeZoneInfo.ConvertTime(booked.NextRing, zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        var played = await dialog.Channel.PlayAsync(new PlayEffect([new PlayPrompt(VmpPromptKind.System, "alarm_booked")], Languages(dialog)), cancellationToken)
            .ConfigureAwait(false);
        return played switch
        {
            HangUpOutcome => played,
            PlayedOutcome { BargeIn: { Length: > 0 } keys } => new ResultOutcome("Next") { TypedAhead = keys },
            _ => new ResultOutcome("Next"),
        };
    }

    /// <summary>
    /// One alarm call: the target (a mailbox name becomes its extension) through <c>server.pbx_address</c>, showing the
    /// alarm's display text, ringing its ring time. Answered: the alarm's prompt (its <c>file</c>, else
    /// <c>alarm_call</c>) plays once; with a cancel code it repeats until the code is keyed (at most 5 minutes); then
    /// CallFlow hangs up.
    /// </summary>
    private async Task<AlarmCallResult> RingAlarmAsync(Alarm alarm, CancellationToken stopping)
    {
        if (_settings.PbxAddress is not { } pbx)
        {
            _log.LogWarning("alarm {Id} for {Target} not rung: server.pbx_address is not set", alarm.Id, alarm.Target);
            return AlarmCallResult.Failed;
        }
        var number = NumberOf(alarm.Target);
        var call = await PlaceCallAsync(number, new SipPeer(pbx, null), alarm.Display, alarm.RingTime, () => stopping.IsCancellationRequested, stopping)
            .ConfigureAwait(false);
        if (call.Dialog is not { } dialog)
        {
            _log.LogInformation("alarm {Id} to {Number}: {Status} ({Code})", alarm.Id, number, call.Status, call.StatusCode);
            return stopping.IsCancellationRequested ? AlarmCallResult.Interrupted
                : call.Status switch
                {
                    OutboundStatus.Busy => AlarmCallResult.Busy,
                    OutboundStatus.NoAnswer => AlarmCallResult.NoAnswer,
                    _ => AlarmCallResult.Failed,
                };
        }
        var result = AlarmCallResult.Interrupted;
        try
        {
            result = await PlayAlarmAsync(dialog, alarm, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await EndDialogAsync(SipDialog.Key(dialog.CallId, dialog.LocalTag), sendBye: !dialog.Channel.IsHungUp,
                $"alarm {alarm.Id.ToString(CultureInfo.InvariantCulture)} {(result == AlarmCallResult.Acknowledged ? "acknowledged" : "ended")}").ConfigureAwait(false);
        }
        return result;
    }

    private async Task<AlarmCallResult> PlayAlarmAsync(SipDialog dialog, Alarm alarm, CancellationToken stopping)
    {
        var prompts = Prompts(alarm.File);
        if (prompts.IsEmpty)
            prompts = [new PlayPrompt(VmpPromptKind.System, "alarm_call")];
        ImmutableArray<string> languages = [alarm.Language ?? _configuration.Users.FirstOrDefault(u => u.Extension == NumberOf(alarm.Target))?.Language
            ?? _configuration.System.Language];
        if (alarm.CancelCode is not { } code)
        {
            // Answered is heard: the prompt plays once and the alarm is done, whether or not it was listened to the end.
            await dialog.Channel.PlayAsync(new PlayEffect(prompts, languages), stopping).ConfigureAwait(false);
            return AlarmCallResult.Acknowledged;
        }
        var keys = "";
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < AlarmCallLimit)
        {
            var outcome = await dialog.Channel.CollectAsync(new CollectDigitsEffect(code.Length, AlarmKeyWait, AlarmKeyWait, "", false)
            {
                Prompts = prompts,
                Languages = languages,
            }, stopping).ConfigureAwait(false);
            if (outcome is HangUpOutcome)
            {
                _log.LogInformation("alarm {Id}: {Target} hung up before keying the cancel code", alarm.Id, alarm.Target);
                return AlarmCallResult.NotAcknowledged;
            }
            if (outcome is DigitsOutcome { Digits: var digits })
            {
                keys += digits;
                // The code may follow other keys; a trailing '#' is the collection's terminator, not part of the digits.
                if (keys.EndsWith(code, StringComparison.Ordinal) || (code.Length > 1 && code[^1] == '#' && keys.EndsWith(code[..^1], StringComparison.Ordinal)))
                    return AlarmCallResult.Acknowledged;
                if (keys.Length > 16)
                    keys = keys[^8..];
            }
        }
        _log.LogInformation("alarm {Id}: nobody keyed the cancel code within {Limit}", alarm.Id, AlarmCallLimit);
        return AlarmCallResult.NotAcknowledged;
    }
}
