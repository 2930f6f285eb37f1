using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CallFlow.Mailbox;
using static CallFlow.Bench.MailboxWorkloads;

namespace CallFlow.Bench;

/// <summary>
/// The mailbox store benchmarks (<see cref="SqliteMailboxStore"/> on the real disk, in a temporary data directory
/// under the system temp folder, deleted at the end): messages deposited per second with their audio, listing a
/// mailbox of 10,000 messages, and 250 recordings written at once against bare FileStreams writing the same frames.
/// Every committed message is checked afterwards (row, duration, WAV header, length, every byte); any difference
/// fails the benchmark.
/// </summary>
internal static class MailboxBench
{
    /// <summary>20 s of audio: 1,000 frames of 160 bytes, 160,000 bytes.</summary>
    private const int DepositFrames = 1_000;

    private const int Depositors = 8;
    private const int DepositMailboxes = 20;
    private const int FillWorkers = 16;
    private const int Recordings = 250;
    private const int RecordingMailboxes = 50;
    private const int WarmUpFrames = 100;

    private sealed record DepositRun(string Name, int Messages, double WallMs, Percentiles Begin, Percentiles Writes, Percentiles Commit, int Threads)
    {
        public double MessagesPerSecond => Messages / (WallMs / 1000);
        public double MegabytesPerSecond => (double)Messages * DepositFrames * FrameBytes / 1e6 / (WallMs / 1000);
    }

    private sealed record ListingRow(string Operation, string Rows, double MedianMs, double P90Ms, double AllocatedBytes, int Runs);

    private sealed record Round(
        string Writer, int Number, int Frames, double OpenMs, double WallMs, Percentiles Append, double AllocatedPerFrame, int Gen0,
        double FinishWallMs, Percentiles Finish, Percentiles Done, int Threads)
    {
        public long Appends => (long)Recordings * Frames;
        public double AppendsPerSecond => Appends / (WallMs / 1000);
        public double MegabytesPerSecond => Appends * FrameBytes / 1e6 / (WallMs / 1000);
    }

    /// <summary>Set by Ctrl-C or SIGTERM: the benchmark stops at the next check and cleans up.</summary>
    private static readonly CancellationTokenSource Interrupted = new();

    /// <summary>Throws when the run was interrupted (checked before each deposit, timed call and round).</summary>
    internal static void StopIfInterrupted()
    {
        if (Interrupted.IsCancellationRequested)
            throw new OperationCanceledException("interrupted (the temporary data directory is deleted)");
    }

    /// <summary>Runs the three benchmarks; prints progress and returns the markdown section.</summary>
    public static string Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<string> RunAsync(bool quick)
    {
        var started = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), $"callflow-bench-mailbox-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        // Ctrl-C or SIGTERM would end the process without running finally blocks: the first one stops the benchmark
        // at its next deposit or round instead, so the data directory is deleted below; a second one is not held back.
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, context =>
        {
            if (Interrupted.IsCancellationRequested)
                return;
            context.Cancel = true;
            Interrupted.Cancel();
        })).ToArray();
        try
        {
            var fileSystem = DescribeFileSystem(root);
            Console.WriteLine($"mailbox  data directory {root}: {fileSystem}");
            var (deposits, bare) = await DepositsAsync(Path.Combine(root, "deposits"), quick);
            TryDelete(Path.Combine(root, "deposits"));
            var (fill, listing) = await ListingAsync(Path.Combine(root, "listing"), quick);
            TryDelete(Path.Combine(root, "listing"));
            var rounds = await ConcurrentAsync(Path.Combine(root, "concurrent"), quick);
            return Report(quick, fileSystem, deposits, bare, fill, listing, rounds, started.Elapsed);
        }
        finally
        {
            foreach (var registration in signals)
                registration.Dispose();
            if (!TryDelete(root))
                Console.Error.WriteLine($"warning: could not delete the benchmark's data directory {root}");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1. Deposits: 20 s messages, one depositor, then eight, then the same file work without the store.

    /// <summary>The bare deposit's commit, step by step.</summary>
    private sealed record BareSteps(Percentiles FileSync, Percentiles Rename, Percentiles DirectorySync);

    private static async Task<(List<DepositRun> Runs, BareSteps Bare)> DepositsAsync(string dataDirectory, bool quick)
    {
        var messages = quick ? 304 : 2_000;
        var audio = MakeAudio(DepositFrames, seed: 1);
        var mailboxes = Enumerable.Range(201, DepositMailboxes).Select(n => $"Extn{n}").ToArray();
        var expected = new List<ExpectedMessage>();
        var runs = new List<DepositRun>();
        await using (var store = SqliteMailboxStore.Open(dataDirectory))
        {
            foreach (var mailbox in mailboxes.Append("Warmup"))
                await store.EnsureMailboxAsync(mailbox);

            // Warm-up (JIT, SQLite pages, the pool's threads): 24 deposits, 8 at a time, checked like the others.
            var warm = await Task.WhenAll(Enumerable.Range(0, Depositors).Select(w => Task.Run(async () =>
            {
                var list = new List<ExpectedMessage>();
                for (var i = 0; i < 3; i++)
                    list.Add((await DepositAsync(store, "Warmup", audio[(w + i) % Patterns], DepositFrames, "100")).Expected);
                return list;
            })));
            expected.AddRange(warm.SelectMany(l => l));

            // One depositor.
            Harness.Settle();
            var begins = new List<long>();
            var writes = new List<long>();
            var commits = new List<long>();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < messages; i++)
            {
                var d = await DepositAsync(store, mailboxes[i % mailboxes.Length], audio[i % Patterns], DepositFrames, Caller(i));
                expected.Add(d.Expected);
                begins.Add(d.Begin);
                writes.Add(d.Writes);
                commits.Add(d.Commit);
            }
            var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            runs.Add(new DepositRun("1 depositor", messages, wall, Percentiles.Of(begins), Percentiles.Of(writes), Percentiles.Of(commits), ThreadPool.ThreadCount));
            Print(runs[^1]);

            // Eight depositors at once, each leaving messages one after another.
            Harness.Settle();
            start = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(Enumerable.Range(0, Depositors).Select(w => Task.Run(async () =>
            {
                var list = new List<Deposit>();
                for (var i = w; i < messages; i += Depositors)
                    list.Add(await DepositAsync(store, mailboxes[i % mailboxes.Length], audio[i % Patterns], DepositFrames, Caller(i)));
                return list;
            })));
            wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var all = results.SelectMany(r => r).ToList();
            expected.AddRange(all.Select(d => d.Expected));
            runs.Add(new DepositRun($"{Depositors} depositors", all.Count, wall,
                Percentiles.Of(all.Select(d => d.Begin).ToList()), Percentiles.Of(all.Select(d => d.Writes).ToList()),
                Percentiles.Of(all.Select(d => d.Commit).ToList()), ThreadPool.ThreadCount));
            Print(runs[^1]);

            await VerifyAsync(store, dataDirectory, expected, "deposits");
            Console.WriteLine($"mailbox  deposits: all {expected.Count:N0} committed messages present, whole and exact");
        }

        // The same file work without the store: write, fsync, rename, fsync the directory.
        var bare = Path.Combine(dataDirectory, "bare");
        var bareTmp = Path.Combine(bare, "tmp");
        var bareTarget = Path.Combine(bare, "box");
        Directory.CreateDirectory(bareTmp);
        Directory.CreateDirectory(bareTarget);
        for (var i = 0; i < 8; i++)
            BareDepositOnce(bareTmp, bareTarget, $"warm{i}", audio[i % Patterns], DepositFrames);
        Harness.Settle();
        var bareCreates = new List<long>();
        var bareWrites = new List<long>();
        var bareSyncs = new List<long>();
        var bareRenames = new List<long>();
        var bareDirSyncs = new List<long>();
        var bareCommits = new List<long>();
        var bareStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            var d = BareDepositOnce(bareTmp, bareTarget, i.ToString("D6", CultureInfo.InvariantCulture), audio[i % Patterns], DepositFrames);
            bareCreates.Add(d.Create);
            bareWrites.Add(d.Writes);
            bareSyncs.Add(d.FileSync);
            bareRenames.Add(d.Rename);
            bareDirSyncs.Add(d.DirectorySync);
            bareCommits.Add(d.FileSync + d.Rename + d.DirectorySync);
        }
        var bareWall = Stopwatch.GetElapsedTime(bareStart).TotalMilliseconds;
        var expectedLength = WavWriterHeader + (long)DepositFrames * FrameBytes;
        foreach (var file in Directory.EnumerateFiles(bareTarget).Where(f => !Path.GetFileName(f).StartsWith("warm", StringComparison.Ordinal)))
        {
            if (new FileInfo(file).Length != expectedLength)
                throw new InvalidOperationException($"bare deposits: {file} has {new FileInfo(file).Length} bytes, expected {expectedLength}");
        }
        runs.Add(new DepositRun("bare files, 1 writer (no store)", messages, bareWall, Percentiles.Of(bareCreates), Percentiles.Of(bareWrites), Percentiles.Of(bareCommits), ThreadPool.ThreadCount));
        Print(runs[^1]);
        return (runs, new BareSteps(Percentiles.Of(bareSyncs), Percentiles.Of(bareRenames), Percentiles.Of(bareDirSyncs)));

        static void Print(DepositRun r) => Console.WriteLine(
            $"mailbox  deposits {r.Name,-32} {r.Messages,5:N0} messages in {r.WallMs / 1000,6:F2} s: {r.MessagesPerSecond,7:F1} messages/s, {r.MegabytesPerSecond,6:F1} MB/s; " +
            $"commit p50 {r.Commit.P50 / 1000:F2} ms, p99 {r.Commit.P99 / 1000:F2} ms");
    }

    private static readonly int WavWriterHeader = CallFlow.Audio.WavWriter.HeaderSize(Format);

    private static string Caller(int i) => "0163296" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------------------------------------------------
    // 2. Listing a mailbox of 10,000 messages.

    private sealed record Fill(int Messages, double WallMs, double FirstRate, double LastRate, double ReopenMs, Percentiles BigCommit, Percentiles SmallCommit);

    private static async Task<(Fill Fill, List<ListingRow> Rows)> ListingAsync(string dataDirectory, bool quick)
    {
        const string mailbox = "Big";
        var count = quick ? 2_000 : 10_000;
        var audio = MakeAudio(1, seed: 2);
        var runs = quick ? 7 : 21;
        var singles = quick ? 101 : 401;
        var rows = new List<ListingRow>();
        var store = SqliteMailboxStore.Open(dataDirectory);
        try
        {
            await store.EnsureMailboxAsync(mailbox);
            await store.EnsureMailboxAsync("Empty");

            // The fill: one-frame messages through the store API, 16 at a time, every completion time kept.
            var completions = new long[count];
            var expected = new ExpectedMessage[count];
            var next = -1;
            var done = -1;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, FillWorkers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    expected[i] = (await DepositAsync(store, mailbox, audio[i % Patterns], 1, Caller(i))).Expected;
                    completions[Interlocked.Increment(ref done)] = Stopwatch.GetTimestamp();
                }
            })));
            var fillMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var segment = Math.Min(1_000, count / 2);
            var firstRate = segment / Stopwatch.GetElapsedTime(start, completions[segment - 1]).TotalSeconds;
            var lastRate = segment / Stopwatch.GetElapsedTime(completions[count - segment - 1], completions[count - 1]).TotalSeconds;
            Console.WriteLine($"mailbox  listing: filled '{mailbox}' with {count:N0} messages in {fillMs / 1000:F2} s ({count / (fillMs / 1000):F0} commits/s; " +
                $"first {segment:N0} at {firstRate:F0}/s, last {segment:N0} at {lastRate:F0}/s)");
            await VerifyAsync(store, dataDirectory, expected, "listing");
            var counts = await store.GetCountsAsync(mailbox);
            if (counts.New != count || counts.Old + counts.Saved + counts.Unopened + counts.Deleted != 0)
                throw new InvalidOperationException($"listing: '{mailbox}' counts {counts}, expected {count} new messages and nothing else");

            // What a caller does with it, warm: list in either order, count, fetch one message, open one to play.
            var fifo = await store.ListMessagesAsync(mailbox, MessageState.New, PlaybackOrder.Fifo);
            CheckListing(fifo, expected, count);
            var lifo = await store.ListMessagesAsync(mailbox, MessageState.New, PlaybackOrder.Lifo);
            if (!lifo.Select(m => m.Id).SequenceEqual(fifo.Select(m => m.Id).Reverse()))
                throw new InvalidOperationException("listing: the LIFO listing is not the FIFO listing reversed");

            rows.Add(await TimeAsync($"`ListMessagesAsync(New, Fifo)`", $"{count:N0}", runs, settle: true,
                async () => Expect(await store.ListMessagesAsync(mailbox, MessageState.New, PlaybackOrder.Fifo), count)));
            rows.Add(await TimeAsync($"`ListMessagesAsync(New, Lifo)`", $"{count:N0}", runs, settle: true,
                async () => Expect(await store.ListMessagesAsync(mailbox, MessageState.New, PlaybackOrder.Lifo), count)));
            rows.Add(await TimeAsync("`ListMessagesAsync(Saved)` (none saved: the fixed cost)", "0", singles, settle: false,
                async () => Expect(await store.ListMessagesAsync(mailbox, MessageState.Saved), 0)));
            rows.Add(await TimeAsync("`GetCountsAsync`", "1", singles, settle: false, async () =>
            {
                if ((await store.GetCountsAsync(mailbox)).New != count)
                    throw new InvalidOperationException("listing: GetCountsAsync lost messages");
            }));
            rows.Add(await TimeAsync("`GetCountsAsync` of an empty mailbox", "1", singles, settle: false, async () =>
            {
                if ((await store.GetCountsAsync("Empty")).New != 0)
                    throw new InvalidOperationException("listing: the empty mailbox has messages");
            }));
            var random = new Random(7);
            rows.Add(await TimeAsync("`GetMessageAsync(id)` (a random one of them)", "1", singles, settle: false, async () =>
            {
                var want = fifo[random.Next(count)].Id;
                if ((await store.GetMessageAsync(want))?.Id != want)
                    throw new InvalidOperationException($"listing: GetMessageAsync({want}) did not find it");
            }));
            rows.Add(await TimeAsync("`OpenPlaybackAsync(id)` + `Dispose` (lease, row, file check)", "1", singles, settle: false, async () =>
            {
                var want = fifo[random.Next(count)].Id;
                using var playback = await store.OpenPlaybackAsync(want) ?? throw new InvalidOperationException($"listing: cannot open {want}");
            }));
            foreach (var r in rows)
                Console.WriteLine($"mailbox  listing {r.Operation,-70} median {r.MedianMs,8:F3} ms, p90 {r.P90Ms,8:F3} ms, {r.AllocatedBytes,12:N0} B allocated");

            // Opening the store again: recovery compares every row with every file.
            await store.DisposeAsync();
            Harness.Settle();
            var reopenStart = Stopwatch.GetTimestamp();
            store = SqliteMailboxStore.Open(dataDirectory);
            var reopenMs = Stopwatch.GetElapsedTime(reopenStart).TotalMilliseconds;
            var recovery = store.Recovery;
            if (!recovery.IsClean)
                throw new InvalidOperationException($"listing: reopening the store recovered something: {recovery.TemporaryFilesDeleted.Count} temporary, " +
                    $"{recovery.OrphanFilesDeleted.Count} orphan files, {recovery.MessagesWithoutAudioRemoved.Count} rows without audio");
            Expect(await store.ListMessagesAsync(mailbox, MessageState.New), count);
            Console.WriteLine($"mailbox  listing: reopening the store (recovery over {count:N0} messages) took {reopenMs:F0} ms");

            // Does a commit cost more when its mailbox is big? One-frame messages, one at a time, into the big mailbox
            // and into a small one by turns.
            await store.EnsureMailboxAsync("Small");
            var pairs = quick ? 40 : 100;
            var big = new List<long>();
            var small = new List<long>();
            var extra = new List<ExpectedMessage>();
            for (var i = 0; i < pairs; i++)
            {
                var d = await DepositAsync(store, mailbox, audio[i % Patterns], 1, Caller(i));
                big.Add(d.Commit);
                extra.Add(d.Expected);
                d = await DepositAsync(store, "Small", audio[i % Patterns], 1, Caller(i));
                small.Add(d.Commit);
                extra.Add(d.Expected);
            }
            await VerifyAsync(store, dataDirectory, extra, "listing, commits by mailbox size");
            var (bigCommit, smallCommit) = (Percentiles.Of(big), Percentiles.Of(small));
            Console.WriteLine($"mailbox  listing: one-frame commit into the {count:N0}-message mailbox p50 {bigCommit.P50 / 1000:F2} ms, " +
                $"into a mailbox of up to {pairs} p50 {smallCommit.P50 / 1000:F2} ms");
            return (new Fill(count, fillMs, firstRate, lastRate, reopenMs, bigCommit, smallCommit), rows);
        }
        finally
        {
            await store.DisposeAsync();
        }

        static void Expect(IReadOnlyList<MessageInfo> list, int count)
        {
            if (list.Count != count)
                throw new InvalidOperationException($"listing: ListMessagesAsync returned {list.Count} messages, expected {count}");
        }
    }

    /// <summary>FIFO: every committed message once, by received time, ties in commit order (as far as it can be told from outside).</summary>
    private static void CheckListing(IReadOnlyList<MessageInfo> fifo, ExpectedMessage[] expected, int count)
    {
        if (fifo.Count != count)
            throw new InvalidOperationException($"listing: ListMessagesAsync returned {fifo.Count} messages, {count} were committed");
        var ids = expected.Select(e => e.Message!.Id).ToHashSet(StringComparer.Ordinal);
        if (!fifo.All(m => ids.Contains(m.Id)))
            throw new InvalidOperationException("listing: ListMessagesAsync returned a message that was not committed");
        for (var i = 1; i < fifo.Count; i++)
        {
            if (fifo[i].ReceivedUtc < fifo[i - 1].ReceivedUtc)
                throw new InvalidOperationException($"listing: FIFO listing out of order at {i}");
        }
    }

    private static async Task<ListingRow> TimeAsync(string operation, string rows, int runs, bool settle, Func<Task> call)
    {
        for (var i = 0; i < 5; i++)
            await call();
        StopIfInterrupted();
        var times = new List<double>();
        var allocated = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            if (settle)
                Harness.Settle();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        var sorted = times.Order().ToList();
        return new ListingRow(operation, rows, Harness.Median(times), sorted[Math.Clamp((int)Math.Ceiling(0.9 * runs) - 1, 0, runs - 1)], Harness.Median(allocated), runs);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3. 250 recordings at once, against 250 bare FileStreams.

    /// <summary>Where a recording's frames go: the store's recording, or a bare FileStream.</summary>
    private abstract class Sink
    {
        public abstract void Write(ReadOnlySpan<byte> frame);

        /// <summary>Store: CommitAsync. Bare: fsync and close.</summary>
        public abstract Task<MessageInfo?> FinishAsync();
    }

    private sealed class StoreSink(IMessageRecording recording) : Sink
    {
        public override void Write(ReadOnlySpan<byte> frame) => recording.Write(frame);

        public override Task<MessageInfo?> FinishAsync() => recording.CommitAsync();
    }

    private sealed class FileSink(FileStream file) : Sink
    {
        public override void Write(ReadOnlySpan<byte> frame) => file.Write(frame);

        public override Task<MessageInfo?> FinishAsync()
        {
            file.Flush(flushToDisk: true);
            file.Dispose();
            return Task.FromResult<MessageInfo?>(null);
        }
    }

    private static async Task<List<Round>> ConcurrentAsync(string dataDirectory, bool quick)
    {
        var frames = quick ? 250 : 500;
        var measuredRounds = quick ? 1 : 2;
        var audio = MakeAudio(frames, seed: 3);
        var latencies = new long[Recordings * frames];
        var mailboxes = Enumerable.Range(0, RecordingMailboxes).Select(n => $"Rec{n:D3}").ToArray();
        var bareDirectory = Path.Combine(dataDirectory, "..", "bare-250");
        Directory.CreateDirectory(bareDirectory);
        var rounds = new List<Round>();
        var expected = new List<ExpectedMessage>();
        var bareFiles = 0;
        await using var store = SqliteMailboxStore.Open(dataDirectory);
        foreach (var mailbox in mailboxes)
            await store.EnsureMailboxAsync(mailbox);

        async Task<Sink> OpenStore(int r) =>
            new StoreSink(await store.BeginRecordingAsync(new RecordingRequest(mailboxes[r % mailboxes.Length]) { CallerNumber = Caller(r), Kind = MessageKind.Recording }));

        Task<Sink> OpenBare(int r) =>
            Task.FromResult<Sink>(new FileSink(BareFile(Path.Combine(bareDirectory, $"{Interlocked.Increment(ref bareFiles):D6}.wav.part"))));

        // Warm-up round of each (100 frames), a pause for the JIT's background tier-up, then the measured rounds, the
        // two writers taking turns.
        for (var round = 0; round <= measuredRounds; round++)
        {
            if (round == 1)
                await Task.Delay(500);
            var roundFrames = round == 0 ? WarmUpFrames : frames;
            StopIfInterrupted();
            foreach (var (writer, open) in new (string, Func<int, Task<Sink>>)[] { ("store", OpenStore), ("FileStream", OpenBare) })
            {
                var (result, messages) = await RoundAsync(writer, round, open, roundFrames, audio, latencies);
                if (writer == "store")
                {
                    expected.AddRange(messages.Select((m, r) => new ExpectedMessage(m, mailboxes[r % mailboxes.Length], audio[r % Patterns], roundFrames * FrameBytes)));
                    await VerifyAsync(store, dataDirectory, expected.Skip(expected.Count - Recordings).ToList(), $"250 recordings, round {round}");
                }
                else
                {
                    var want = WavWriterHeader + (long)roundFrames * FrameBytes;
                    foreach (var file in Directory.EnumerateFiles(bareDirectory))
                    {
                        if (new FileInfo(file).Length != want)
                            throw new InvalidOperationException($"250 FileStreams: {file} has {new FileInfo(file).Length} bytes, expected {want}");
                        File.Delete(file);
                    }
                }
                if (round > 0)
                {
                    rounds.Add(result);
                    var a = result.Append;
                    Console.WriteLine($"mailbox  250 x {writer,-10} round {round}: {result.AppendsPerSecond,9:N0} appends/s, append µs p50 {a.P50:F2} p99 {a.P99:F2} " +
                        $"p99.9 {a.P999:F1} max {a.Max:F0}, {result.AllocatedPerFrame:F1} B/frame, {result.Gen0} gen0; finish all {result.FinishWallMs:F0} ms " +
                        $"(call p50 {result.Finish.P50 / 1000:F1}, p99 {result.Finish.P99 / 1000:F1} ms; done after p50 {result.Done.P50 / 1000:F0}, p99 {result.Done.P99 / 1000:F0} ms), {result.Threads} pool threads");
                }
            }
        }
        // Every message of every round is still there and whole after all the others were written.
        await VerifyAsync(store, dataDirectory, expected, "250 recordings, all rounds");
        TryDelete(bareDirectory);
        return rounds;
    }

    private static async Task<(Round Round, MessageInfo?[] Messages)> RoundAsync(string writer, int number, Func<int, Task<Sink>> open, int frames, byte[][] audio, long[] latencies)
    {
        var openStart = Stopwatch.GetTimestamp();
        var sinks = new Sink[Recordings];
        for (var r = 0; r < Recordings; r++)
            sinks[r] = await open(r);
        var openMs = Stopwatch.GetElapsedTime(openStart).TotalMilliseconds;
        Array.Clear(latencies);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new Task[Recordings];
        for (var r = 0; r < Recordings; r++)
        {
            var (sink, pattern, offset) = (sinks[r], audio[r % Patterns], r * frames);
            tasks[r] = Task.Run(() => AppendAsync(sink, pattern, frames, latencies, offset, gate.Task));
        }
        await Task.Delay(100); // every task is waiting at the gate
        Harness.Settle();
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(tasks);
        var wallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        gen0 = GC.CollectionCount(0) - gen0;
        var append = Percentiles.Of(latencies, Recordings * frames);

        // Commit (or fsync and close) all 250 at once, each from its own work item as each call would.
        var finish = new long[Recordings];
        var done = new long[Recordings];
        var finishStart = Stopwatch.GetTimestamp();
        var finishing = new Task<MessageInfo?>[Recordings];
        for (var r = 0; r < Recordings; r++)
        {
            var (sink, index) = (sinks[r], r);
            finishing[r] = Task.Run(async () =>
            {
                var t = Stopwatch.GetTimestamp();
                var message = await sink.FinishAsync();
                var end = Stopwatch.GetTimestamp();
                finish[index] = end - t;
                done[index] = end - finishStart;
                return message;
            });
        }
        var messages = await Task.WhenAll(finishing);
        var finishMs = Stopwatch.GetElapsedTime(finishStart).TotalMilliseconds;
        var round = new Round(writer, number, frames, openMs, wallMs, append, (double)allocated / (Recordings * frames), gen0,
            finishMs, Percentiles.Of(finish, Recordings), Percentiles.Of(done, Recordings), ThreadPool.ThreadCount);
        return (round, messages);
    }

    /// <summary>
    /// One recording: after the gate opens, one frame per turn, timing each append into its own slot of the
    /// preallocated array (nothing allocated per frame), then back to the end of the pool's queue, so the 250
    /// recordings take turns frame by frame as calls delivering 20 ms packets would, only without the waiting.
    /// </summary>
    private static async Task AppendAsync(Sink sink, byte[] audio, int frames, long[] latencies, int offset, Task gate)
    {
        await gate.ConfigureAwait(false);
        for (var f = 0; f < frames; f++)
        {
            var start = Stopwatch.GetTimestamp();
            sink.Write(audio.AsSpan(f * FrameBytes, FrameBytes));
            latencies[offset + f] = Stopwatch.GetTimestamp() - start;
            await Task.Yield();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The report.

    private static string Report(bool quick, string fileSystem, List<DepositRun> deposits, BareSteps bare, Fill fill, List<ListingRow> listing, List<Round> rounds, TimeSpan elapsed)
    {
        var report = new StringBuilder();
        report.AppendLine("### Mailbox store: deposits, listing, concurrent recordings").AppendLine();
        report.AppendLine($"`SqliteMailboxStore` in a temporary data directory under `{Path.GetTempPath()}` ({fileSystem}), deleted at the end. " +
            "Audio is 8 kHz µ-law written in 160-byte frames (20 ms each) through `IMessageRecording.Write`. Every committed message was checked " +
            "afterwards: its row (`GetMessageAsync`: mailbox, duration, state New), its file (`OpenPlaybackAsync`: WAV header declaring exactly the " +
            "audio, exact length, every byte), the mailbox counts, and an empty `tmp/`.").AppendLine();

        var seq = deposits[0];
        report.AppendLine($"Deposits: {seq.Messages:N0} messages of {DepositFrames * FrameBytes / 8000} s ({DepositFrames * FrameBytes:N0} bytes, {DepositFrames:N0} frames) each, " +
            $"spread over {DepositMailboxes} mailboxes, by one depositor, then by {Depositors} at once; `BeginRecordingAsync`, {DepositFrames:N0} × `Write`, `CommitAsync`. " +
            "A commit is: pad byte and real header, fsync of the file, rename into the mailbox directory, fsync of the directory, then the row " +
            "inserted in one transaction committed with `synchronous=FULL` (fsync of the WAL). The last row does the same file work without the store " +
            "(FileStream with the same 16 KiB buffer, header rewrite, fsync, rename, fsync of the directory; no SQLite; its \"begin\" is creating the file " +
            "and writing the placeholder header, as `BeginRecordingAsync` does). MB/s counts audio bytes (10^6); wall time includes everything, so " +
            "messages/s also reflects the slow tail (commit p99, max).").AppendLine();
        report.AppendLine(Runner.Markdown(["run", "messages", "wall s", "messages/s", "audio MB/s", "begin p50 ms", "1,000 writes p50 ms", "commit p50 ms", "commit p99 ms", "commit max ms", "commit mean ms", "pool threads"],
            [.. deposits.Select(d => (string[])[
                d.Name, $"{d.Messages:N0}", $"{d.WallMs / 1000:F2}", $"{d.MessagesPerSecond:F1}", $"{d.MegabytesPerSecond:F1}",
                $"{d.Begin.P50 / 1000:F2}", $"{d.Writes.P50 / 1000:F2}", $"{d.Commit.P50 / 1000:F2}", $"{d.Commit.P99 / 1000:F2}",
                $"{d.Commit.Max / 1000:F1}", $"{d.Commit.Mean / 1000:F2}", d.Threads.ToString(CultureInfo.InvariantCulture)])]));
        var (sync, rename, dirSync) = (bare.FileSync, bare.Rename, bare.DirectorySync);
        report.AppendLine($"The bare commit, step by step (p50 / p99 ms): fsync of the file {sync.P50 / 1000:F2} / {sync.P99 / 1000:F2}, rename {rename.P50 / 1000:F3} / {rename.P99 / 1000:F3}, " +
            $"fsync of the directory {dirSync.P50 / 1000:F2} / {dirSync.P99 / 1000:F2}.").AppendLine();

        report.AppendLine($"Listing: one mailbox filled with {fill.Messages:N0} one-frame messages through the store ({FillWorkers} at once): " +
            $"{fill.WallMs / 1000:F1} s, {fill.Messages / (fill.WallMs / 1000):F0} commits/s (the first 1,000 at {fill.FirstRate:F0}/s, the last 1,000 at {fill.LastRate:F0}/s). " +
            $"Then warm: 5 untimed calls, then the median of {listing[0].Runs} calls (a full GC before each) for the listings, of {listing[^1].Runs} for the rest; " +
            "allocated = `GC.GetTotalAllocatedBytes(precise: true)` around the call (median).").AppendLine();
        report.AppendLine(Runner.Markdown(["operation", "messages returned", "median ms", "p90 ms", "allocated bytes (median)"],
            [.. listing.Select(r => (string[])[r.Operation, r.Rows, $"{r.MedianMs:F3}", $"{r.P90Ms:F3}", $"{r.AllocatedBytes:N0}"]),
             ["`SqliteMailboxStore.Open` of that store (recovery: every row against every file)", "-", $"{fill.ReopenMs:F1} (once)", "-", "-"]]));
        report.AppendLine($"Commit of a one-frame message, one at a time, by turns into the {fill.Messages:N0}-message mailbox and into a small one " +
            $"({fill.BigCommit.Count} each): p50 {fill.BigCommit.P50 / 1000:F2} ms against {fill.SmallCommit.P50 / 1000:F2} ms " +
            $"(p90 {fill.BigCommit.P90 / 1000:F2} against {fill.SmallCommit.P90 / 1000:F2}).").AppendLine();

        var frames = rounds[0].Frames;
        report.AppendLine($"250 recordings at once: {Recordings} recordings begun (`BeginRecordingAsync`, {RecordingMailboxes} mailboxes, kind Recording), then {Recordings} tasks each appending " +
            $"{frames} frames ({frames * 20 / 1000} s of audio) as fast as they can: time one `Write`, store the ticks in a preallocated array, `await Task.Yield()` " +
            $"(to the back of the pool's queue, so the recordings take turns frame by frame). Then all {Recordings} committed at once (`CommitAsync`, one pool work item each, all queued together): " +
            "the wall time for all, the time inside one `CommitAsync` call, and how long after the start each was done (queueing for a pool thread included). " +
            $"The reference: {Recordings} bare `FileStream`s (same 16 KiB buffer, same 58-byte header, same frames), fsynced and closed at the end. " +
            $"A warm-up round of {WarmUpFrames} frames of each first (and 0.5 s for the JIT to finish tiering up); the two take turns{(rounds.Count > 2 ? ", twice" : "")}. appends/s = all appends ÷ wall time from the gate opening to the last append.").AppendLine();
        report.AppendLine(Runner.Markdown(["writer, round", "appends", "appends/s", "MB/s", "append p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "mean µs",
            "bytes allocated/frame", "gen0 GCs", "begin all ms", "commit (fsync+close) all ms", "one commit call p50 / p99 ms", "done after p50 / p99 ms", "pool threads"],
            [.. rounds.Select(r => (string[])[
                $"{r.Writer}, {r.Number}", $"{r.Appends:N0}", $"{r.AppendsPerSecond:N0}", $"{r.MegabytesPerSecond:F1}", $"{r.Append.P50:F2}", $"{r.Append.P90:F2}",
                $"{r.Append.P99:F2}", $"{r.Append.P999:F1}", $"{r.Append.Max:F0}", $"{r.Append.Mean:F2}", $"{r.AllocatedPerFrame:F2}", r.Gen0.ToString(CultureInfo.InvariantCulture),
                $"{r.OpenMs:F0}", $"{r.FinishWallMs:F0}", $"{r.Finish.P50 / 1000:F1} / {r.Finish.P99 / 1000:F1}",
                $"{r.Done.P50 / 1000:F0} / {r.Done.P99 / 1000:F0}",
                r.Threads.ToString(CultureInfo.InvariantCulture)])]));
        var ratios = rounds.Where(r => r.Writer == "store").Select(s =>
        {
            var b = rounds.First(r => r.Writer != "store" && r.Number == s.Number);
            return $"round {s.Number}: p50 {s.Append.P50 / b.Append.P50:F2}×, p99 {s.Append.P99 / b.Append.P99:F2}×, p99.9 {s.Append.P999 / b.Append.P999:F2}×, " +
                $"throughput {s.AppendsPerSecond / b.AppendsPerSecond:F2}×";
        });
        report.AppendLine("Store / bare FileStream, per-frame append latency: " + string.Join("; ", ratios) + ".").AppendLine();
        report.AppendLine($"Mailbox benchmarks took {elapsed.TotalSeconds:F0} s{(quick ? " (`--quick`)" : "")}.").AppendLine();
        return report.ToString();
    }

    /// <summary>Deletes a directory tree; false (never an exception) when it could not.</summary>
    private static bool TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
