namespace CallFlow.Mailbox;

/// <summary>
/// Which messages are open for playback (or being copied) right now, and which are being removed. Housekeeping
/// claims a message only when nobody holds it, and a message being removed cannot be opened. When a message is
/// removed while someone still plays it, its file goes when the last holder lets go.
/// </summary>
internal sealed class PlaybackLeases
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _holders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _purging = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deleteOnRelease = new(StringComparer.Ordinal);

    public bool TryAcquire(string id)
    {
        lock (_gate)
        {
            if (_purging.Contains(id))
                return false;
            _holders[id] = _holders.GetValueOrDefault(id) + 1;
            return true;
        }
    }

    /// <summary>Lets go of one hold; returns a file to delete when this was the last holder of a removed message.</summary>
    public string? Release(string id)
    {
        lock (_gate)
        {
            var left = _holders.GetValueOrDefault(id) - 1;
            if (left > 0)
            {
                _holders[id] = left;
                return null;
            }
            _holders.Remove(id);
            return _deleteOnRelease.Remove(id, out var path) ? path : null;
        }
    }

    public bool IsHeld(string id)
    {
        lock (_gate)
            return _holders.ContainsKey(id);
    }

    /// <summary>Claims a message for removal when nobody holds it; new holds fail until <see cref="EndPurge"/>.</summary>
    public bool TryClaimForPurge(string id)
    {
        lock (_gate)
        {
            if (_holders.ContainsKey(id))
                return false;
            return _purging.Add(id);
        }
    }

    public void EndPurge(string id)
    {
        lock (_gate)
            _purging.Remove(id);
    }

    /// <summary>After a message's row is gone: true when the caller may delete the file now, false when a holder will.</summary>
    public bool DeleteNowOrOnRelease(string id, string path)
    {
        lock (_gate)
        {
            if (!_holders.ContainsKey(id))
                return true;
            _deleteOnRelease[id] = path;
            return false;
        }
    }
}
