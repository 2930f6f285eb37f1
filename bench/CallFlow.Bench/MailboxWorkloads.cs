using System.Diagnostics;
using CallFlow.Audio;
using CallFlow.Mailbox;

namespace CallFlow.Bench;

/// <summary>Latency figures of one set of timings, in microseconds (nearest-rank percentiles).</summary>
internal sealed record Percentiles(int Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    /// <summary>The first <paramref name="count"/> timings of <paramref name="ticks"/> (Stopwatch ticks); sorts a copy.</summary>
    public static Percentiles Of(long[] ticks, int count)
    {
        if (count == 0)
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        var sorted = ticks.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        double At(double q) => Us(sorted[Math.Clamp((int)Math.Ceiling(q * count) - 1, 0, count - 1)]);
        var sum = 0.0;
        foreach (var t in sorted)
            sum += t;
        return new Percentiles(count, At(0.50), At(0.90), At(0.99), At(0.999), Us(sorted[^1]), Us(sum / count));
    }

    public static Percentiles Of(List<long> ticks) => Of([.. ticks], ticks.Count);

    public static double Us(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}

/// <summary>A message the bench committed, and what the store must give back for it.</summary>
internal sealed record ExpectedMessage(MessageInfo? Message, string Mailbox, byte[] Audio, int Bytes);

/// <summary>
/// The audio, the recordings and the checks of the mailbox store benchmarks. All audio is 8 kHz µ-law, written in
/// 160-byte frames (20 ms), as a call delivers it.
/// </summary>
internal static class MailboxWorkloads
{
    public const int FrameBytes = 160;

    /// <summary>Distinct audio patterns; message i gets pattern i mod this, so a mix-up between messages shows.</summary>
    public const int Patterns = 8;

    public static readonly AudioFormat Format = AudioFormat.Telephony(AudioEncoding.MuLaw);

    /// <summary><see cref="Patterns"/> buffers of <paramref name="frames"/> frames of seeded noise each.</summary>
    public static byte[][] MakeAudio(int frames, int seed)
    {
        var random = new Random(seed);
        var buffers = new byte[Patterns][];
        for (var i = 0; i < Patterns; i++)
        {
            buffers[i] = new byte[frames * FrameBytes];
            random.NextBytes(buffers[i]);
        }
        return buffers;
    }

    /// <summary>Timings of one deposit, in Stopwatch ticks.</summary>
    internal readonly record struct Deposit(ExpectedMessage Expected, long Begin, long Writes, long Commit);

    /// <summary>One message as a call leaves it: begin, the audio frame by frame, commit.</summary>
    public static async Task<Deposit> DepositAsync(IMailboxStore store, string mailbox, byte[] audio, int frames, string caller)
    {
        MailboxBench.StopIfInterrupted();
        var start = Stopwatch.GetTimestamp();
        await using var recording = await store.BeginRecordingAsync(new RecordingRequest(mailbox) { CallerNumber = caller });
        var begun = Stopwatch.GetTimestamp();
        for (var f = 0; f < frames; f++)
            recording.Write(audio.AsSpan(f * FrameBytes, FrameBytes));
        var written = Stopwatch.GetTimestamp();
        var message = await recording.CommitAsync();
        var committed = Stopwatch.GetTimestamp();
        return new Deposit(new ExpectedMessage(message, mailbox, audio, frames * FrameBytes), begun - start, written - begun, committed - written);
    }

    /// <summary>Timings of one bare deposit (no store), in Stopwatch ticks.</summary>
    internal readonly record struct BareDeposit(long Create, long Writes, long FileSync, long Rename, long DirectorySync);

    /// <summary>
    /// The file-system part of a deposit without the store: a 58-byte header and the frames through a FileStream with
    /// the store's buffer size, the header rewritten, fsync, close, rename into a directory, fsync of that directory.
    /// </summary>
    public static BareDeposit BareDepositOnce(string tmpDirectory, string targetDirectory, string name, byte[] audio, int frames)
    {
        MailboxBench.StopIfInterrupted();
        var staged = Path.Combine(tmpDirectory, name + ".wav.part");
        var create = Stopwatch.GetTimestamp();
        long start, written, synced;
        using (var file = BareFile(staged))
        {
            start = Stopwatch.GetTimestamp();
            for (var f = 0; f < frames; f++)
                file.Write(audio.AsSpan(f * FrameBytes, FrameBytes));
            written = Stopwatch.GetTimestamp();
            Span<byte> header = stackalloc byte[WavWriter.HeaderSize(Format)];
            WavWriter.WriteHeader(header, Format, (long)frames * FrameBytes);
            file.Flush();
            file.Position = 0;
            file.Write(header);
            file.Flush(flushToDisk: true);
        }
        synced = Stopwatch.GetTimestamp();
        File.Move(staged, Path.Combine(targetDirectory, name + ".wav"), overwrite: false);
        var renamed = Stopwatch.GetTimestamp();
        SyncDirectory(targetDirectory);
        var done = Stopwatch.GetTimestamp();
        return new BareDeposit(start - create, written - start, synced - written, renamed - synced, done - renamed);
    }

    /// <summary>
    /// A FileStream as the store opens a recording (CreateNew, read-write, not shared, 16 KiB buffer), with the
    /// 58-byte placeholder header already written, so every later write lands at the same offset as in the store.
    /// </summary>
    public static FileStream BareFile(string path)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 16 * 1024);
        Span<byte> header = stackalloc byte[WavWriter.HeaderSize(Format)];
        WavWriter.WriteHeader(header, Format, 0);
        file.Write(header);
        return file;
    }

    /// <summary>fsync of a directory, as the store does after a rename (POSIX only; nothing on Windows).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        var fd = Open(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), 0);
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} for fsync");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    /// <summary>
    /// Fails the benchmark unless every committed message is in the store with the right duration, and its file is
    /// a µ-law WAV whose header declares exactly its audio, of exactly the right length, holding exactly the bytes
    /// written. Also checks that <c>tmp/</c> holds nothing (no recording left half done).
    /// </summary>
    public static async Task VerifyAsync(IMailboxStore store, string dataDirectory, IReadOnlyList<ExpectedMessage> expected, string what)
    {
        var buffer = new byte[expected.Count == 0 ? 0 : expected.Max(e => e.Bytes) + 1024];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expected)
        {
            if (e.Message is null)
                throw new InvalidOperationException($"{what}: CommitAsync returned null for a {e.Bytes}-byte recording (minimum length is 0)");
            var id = e.Message.Id;
            if (!seen.Add(id))
                throw new InvalidOperationException($"{what}: message id {id} was committed twice");
            var expectedDuration = Format.DurationOf(e.Bytes);
            if (e.Message.Duration != expectedDuration || e.Message.Mailbox != e.Mailbox)
                throw new InvalidOperationException($"{what}: CommitAsync returned {id} in '{e.Message.Mailbox}' with {e.Message.Duration}, expected '{e.Mailbox}' and {expectedDuration}");
            var stored = await store.GetMessageAsync(id)
                ?? throw new InvalidOperationException($"{what}: committed message {id} is missing from the store");
            if (stored.Duration != expectedDuration || stored.Mailbox != e.Mailbox || stored.State != MessageState.New)
                throw new InvalidOperationException($"{what}: message {id} is {stored.State} in '{stored.Mailbox}' with {stored.Duration}, expected New in '{e.Mailbox}' with {expectedDuration}");
            using var playback = await store.OpenPlaybackAsync(id)
                ?? throw new InvalidOperationException($"{what}: committed message {id} cannot be opened for playback (its file is missing)");
            using var file = File.OpenHandle(playback.AudioPath);
            var length = RandomAccess.GetLength(file);
            var want = WavWriter.HeaderSize(Format) + e.Bytes + (e.Bytes & 1);
            if (length != want)
                throw new InvalidOperationException($"{what}: message {id} has a file of {length} bytes, expected {want} ({e.Bytes} bytes of audio)");
            var read = 0;
            while (read < length)
            {
                var got = RandomAccess.Read(file, buffer.AsSpan(read, (int)length - read), read);
                if (got == 0)
                    break;
                read += got;
            }
            var bytes = buffer.AsSpan(0, read);
            var wav = WavReader.Read(bytes);
            if (wav.Format != Format || wav.DeclaredDataLength != e.Bytes || wav.DataLength != e.Bytes)
                throw new InvalidOperationException($"{what}: message {id}'s WAV header says {wav.Format.Encoding} {wav.Format.SampleRate} Hz, {wav.DeclaredDataLength} bytes declared, {wav.DataLength} present; expected µ-law 8000 Hz, {e.Bytes}");
            if (!wav.GetData(bytes).SequenceEqual(e.Audio.AsSpan(0, e.Bytes)))
                throw new InvalidOperationException($"{what}: message {id}'s audio differs from what was written");
        }
        foreach (var group in expected.GroupBy(e => e.Mailbox, StringComparer.Ordinal))
        {
            var counts = await store.GetCountsAsync(group.Key);
            if (counts.New < group.Count())
                throw new InvalidOperationException($"{what}: mailbox '{group.Key}' counts {counts.New} new messages, at least {group.Count()} were committed");
        }
        var leftovers = Directory.EnumerateFileSystemEntries(Path.Combine(dataDirectory, "tmp")).Take(3).ToList();
        if (leftovers.Count > 0)
            throw new InvalidOperationException($"{what}: tmp/ still holds files after every recording was committed: {string.Join(", ", leftovers)}");
    }

    /// <summary>The file system the temporary folder is on (Linux: from /proc/mounts), for the report.</summary>
    public static string DescribeFileSystem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var best = (Mount: "", Line: (string[]?)null);
            foreach (var line in File.ReadLines("/proc/mounts"))
            {
                var parts = line.Split(' ');
                if (parts.Length < 4)
                    continue;
                var mount = parts[1];
                var under = mount == "/" || full == mount || full.StartsWith(mount + "/", StringComparison.Ordinal);
                if (under && mount.Length >= best.Mount.Length)
                    best = (mount, parts);
            }
            if (best.Line is not { } m)
                return "unknown";
            var device = Path.GetFileName(m[0]);
            var rotational = TryRead($"/sys/block/{device}/queue/rotational");
            var cache = TryRead($"/sys/block/{device}/queue/write_cache");
            return $"{m[2]} on {m[0]} mounted at {m[1]} ({m[3]})" +
                (rotational is null ? "" : $", rotational={rotational}") + (cache is null ? "" : $", write cache: {cache}");
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
