using CallFlow.Configuration;

namespace CallFlow.Email;

/// <summary>How the <see cref="OutboxWorker"/> paces itself. Everything time-based goes through <see cref="Clock"/>.</summary>
/// <example><c>new OutboxWorkerOptions { Retry = configuration.Email.Retry, Concurrency = configuration.Email.Concurrency }</c></example>
public sealed record OutboxWorkerOptions
{
    /// <summary>Attempts and backoff (<c>email.retry</c>).</summary>
    public EmailRetryPolicy Retry { get; init; } = EmailRetryPolicy.Default;

    /// <summary>E-mails in flight at once (<c>email.concurrency</c>).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>"Now" for the schedule, and the timers the loop waits on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The loop looks at the queue at least this often, even if no wake-up came (an outside change to the store).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the store itself fails, the loop waits this long before looking again.</summary>
    public TimeSpan StoreErrorDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent e-mails are kept this long (for <c>vmc mail list</c>), then removed.</summary>
    public TimeSpan KeepSent { get; init; } = TimeSpan.FromDays(7);

    /// <summary>One line per notable event (an attempt failed, an e-mail given up). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The options <c>callflow.json</c>'s email section asks for.</summary>
    public static OutboxWorkerOptions For(EmailSettings settings, TimeProvider clock, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new OutboxWorkerOptions { Retry = settings.Retry, Concurrency = settings.Concurrency, Clock = clock, Log = log };
    }
}
