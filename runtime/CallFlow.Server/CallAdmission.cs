namespace CallFlow.Server;

/// <summary>
/// Decides whether a new call may start: under the call limit and not shutting down. Counts the calls in progress so a
/// graceful shutdown can wait for them. Lock-free; any thread.
/// </summary>
public sealed class CallAdmission(int maxCalls)
{
    private int _active;
    private volatile bool _closed;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Calls in progress.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Whether new calls are refused because the server is stopping.</summary>
    public bool Closed => _closed;

    /// <summary>Admits a call (the caller must call <see cref="End"/> once when it ends), or refuses it.</summary>
    public bool TryBegin()
    {
        if (_closed)
            return false;
        if (Interlocked.Increment(ref _active) <= maxCalls && !_closed)
            return true;
        End();
        return false;
    }

    /// <summary>A call admitted by <see cref="TryBegin"/> ended.</summary>
    public void End()
    {
        if (Interlocked.Decrement(ref _active) == 0 && _closed)
            _idle.TrySetResult();
    }

    /// <summary>Refuses new calls from now on; completes when the last call in progress has ended, or after
    /// <paramref name="grace"/> (returns false then).</summary>
    public async Task<bool> CloseAsync(TimeSpan grace, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        _closed = true;
        if (Active == 0)
            return true;
        try
        {
            await _idle.Task.WaitAsync(grace, clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
