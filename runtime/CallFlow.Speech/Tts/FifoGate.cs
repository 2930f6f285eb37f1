namespace CallFlow.Speech.Tts;

/// <summary>
/// A counting gate whose waiters get in strictly in arrival order (SemaphoreSlim promises no order), with a
/// timeout per waiter: the TTS ports. A waiter that times out or is cancelled is skipped when its turn comes.
/// </summary>
internal sealed class FifoGate(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private int _inUse;

    /// <summary>Places in the gate.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Places taken now.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
                return _inUse;
        }
    }

    /// <summary>Takes a place, waiting behind earlier callers for at most <paramref name="timeout"/>; false when it ran out.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async ValueTask<bool> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (_inUse < Capacity && _waiters.Count == 0)
            {
                _inUse++;
                return true;
            }
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        // Whoever completes the waiter first decides: Leave hands it the place (true), the timer or the token withdraws it.
        using var timer = new CancellationTokenSource(timeout);
        using var onTimeout = timer.Token.Register(static w => ((TaskCompletionSource<bool>)w!).TrySetResult(false), waiter);
        using var onCancel = cancellationToken.Register(static w => ((TaskCompletionSource<bool>)w!).TrySetCanceled(), waiter);
        try
        {
            return await waiter.Task.ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Gives a place back, to the longest-waiting caller that still wants it.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            while (_waiters.TryDequeue(out var next))
                if (next.TrySetResult(true))
                    return; // the place passes on; _inUse stays the same
            if (_inUse == 0)
                throw new InvalidOperationException("the gate was left more often than entered");
            _inUse--;
        }
    }
}
