namespace CallFlow.Mailbox;

/// <summary>
/// The file system of the store's data directory is full: the store has given up its space reserve to finish what
/// was already under way (recordings in progress, their commits), and takes no new message until space is freed.
/// </summary>
public sealed class StorageFullException : IOException
{
    /// <summary>Creates the exception for <paramref name="dataDirectory"/>, with the error that showed it if any.</summary>
    public StorageFullException(string dataDirectory, Exception? cause = null)
        : base($"the file system of the data directory '{dataDirectory}' is full; no new message is taken until space is freed", cause) =>
        DataDirectory = dataDirectory;

    /// <summary>The store's data directory.</summary>
    public string DataDirectory { get; }
}
