using CallFlow.Email.Sending;
using CallFlow.Mailbox;

namespace CallFlow.Email;

public sealed partial class OutboxWorker
{
    private enum AttemptOutcome { Sent, Retrying, Failed, Interrupted }

    /// <summary>
    /// One attempt at one e-mail, its outcome recorded in the store. The attachment is read from the message's own
    /// file (held against housekeeping meanwhile), so nothing was copied when it was queued. Never throws.
    /// </summary>
    private async Task<AttemptOutcome> SendOneAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        try
        {
            Exception? failure = null;
            try
            {
                await TransmitAsync(email, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return AttemptOutcome.Interrupted; // stopping: not counted, it stays due
            }
            catch (Exception e)
            {
                failure = e;
            }

            // The outcome is recorded even while stopping: the server's answer must not be forgotten.
            if (failure is null)
            {
                await _outbox.MarkEmailSentAsync(email.Id, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
                return AttemptOutcome.Sent;
            }
            var attempt = email.Attempts + 1;
            var permanent = failure is EmailRejectedException;
            DateTimeOffset? retryAt = permanent || attempt >= _options.Retry.Attempts ? null : Now + _options.Retry.DelayAfter(attempt);
            var reason = Describe(failure);
            await _outbox.MarkEmailAttemptFailedAsync(email.Id, reason, retryAt, CancellationToken.None).ConfigureAwait(false);
            if (retryAt is { } next)
            {
                Interlocked.Increment(ref _retried);
                Log($"outbox: e-mail {email.Id} to {email.To}: attempt {attempt} failed ({reason}); next attempt {next:yyyy-MM-dd HH:mm:ss}Z");
                return AttemptOutcome.Retrying;
            }
            Interlocked.Increment(ref _failed);
            Log($"outbox: e-mail {email.Id} to {email.To} failed for good after {attempt} attempt{(attempt == 1 ? "" : "s")}: {reason}");
            return AttemptOutcome.Failed;
        }
        catch (Exception e)
        {
            // The store could not record the outcome; the e-mail stays queued and is tried again (at least once).
            Log($"outbox: e-mail {email.Id}: could not record the outcome ({e.GetType().Name}: {e.Message})");
            return AttemptOutcome.Interrupted;
        }
    }

    private async Task TransmitAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        IMessagePlayback? playback = null;
        Stream? audio = null;
        try
        {
            string? name = null;
            if (email.AttachmentMessageId is { } messageId)
            {
                playback = await _outbox.OpenPlaybackAsync(messageId, cancellationToken).ConfigureAwait(false)
                    ?? throw new EmailRejectedException($"message {messageId}, its attachment, no longer exists");
                audio = playback.OpenAudio();
                name = EmailMessageBuilder.AttachmentName(messageId);
            }
            else if (email.AttachmentFile is { } file)
            {
                if (!File.Exists(file))
                    throw new EmailRejectedException($"its attachment {file} does not exist");
                audio = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
                name = Path.GetFileName(file);
            }
            var message = EmailMessageBuilder.Build(email, _transport.FromFor(email.To, email.From), Now, audio, name);
            await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (audio is not null)
                await audio.DisposeAsync().ConfigureAwait(false);
            playback?.Dispose();
        }
    }

    /// <summary>One line for the store and the log, without a stack trace.</summary>
    private static string Describe(Exception e)
    {
        var text = e is EmailRejectedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 500 ? text : text[..500];
    }
}
