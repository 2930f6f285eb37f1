namespace CallFlow.Configuration;

/// <summary>The order in which one category's messages are played (reference §9).</summary>
public enum PlaybackDirection
{
    /// <summary>Oldest first (<c>"fifo"</c>, the default).</summary>
    Fifo,

    /// <summary>Newest first (<c>"lifo"</c>).</summary>
    Lifo,
}
