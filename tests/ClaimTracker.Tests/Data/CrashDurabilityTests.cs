using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// Kills a process that is saving through the app's services (<see cref="CrashWriter"/>: notes, claims, statements,
/// relations and imports, three writers at once) with SIGKILL at random moments, round after round on the same file
/// (three files side by side). After each kill it opens the file and checks that every save the process reported is there, that SQLite finds the
/// file whole, and that what the triggers keep (the dispute counts and the search index) agrees with a recount. This is
/// the promise of <see cref="SqliteDurability"/>: a save reported is a save kept, and a crash never leaves half a change.
/// <para>
/// The kill moments come from a seeded <see cref="Random"/>; the seed is printed, and setting
/// <c>CLAIMTRACKER_CRASH_SEED</c> to it repeats them. How far the writer gets in that time depends on the machine, so a
/// failure message names the seed, the file and the round.
/// </para>
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Files written and crashed side by side, each through <see cref="RoundsPerFile"/> kills: a process starting cold
    /// spends most of a round compiling, so two or three at once keep a round count worth having within a minute or two.
    /// </summary>
    private const int Files = 3;

    /// <summary>
    /// Four kills per file in the test suite, where the seed changes each run and so the kill moments add up across runs;
    /// <c>CLAIMTRACKER_CRASH_ROUNDS</c> asks for more in one go (the longer run in the README).
    /// </summary>
    private static readonly int RoundsPerFile =
        int.TryParse(Environment.GetEnvironmentVariable("CLAIMTRACKER_CRASH_ROUNDS"), CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 4;

    /// <summary>How long the writer runs after saying it is ready (all its code compiled) until it is killed.</summary>
    private const int MinKillDelayMs = 20;
    private const int MaxKillDelayMs = 1000;

    /// <summary>
    /// Only a deadline, for a writer that hangs: the test goes on as soon as the writer is ready, which takes a second or
    /// two on a quiet machine and has taken over a minute on one running forty other processes.
    /// </summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Every_save_reported_before_a_SIGKILL_is_kept_and_the_file_and_what_the_triggers_keep_stay_consistent()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CLAIMTRACKER_CRASH_SEED"), CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        var random = new Random(seed);
        var delays = Enumerable.Range(0, Files).Select(_ => Enumerable.Range(0, RoundsPerFile).Select(_ => random.Next(MinKillDelayMs, MaxKillDelayMs + 1)).ToArray()).ToArray();
        output.WriteLine($"seed {seed} (CLAIMTRACKER_CRASH_SEED={seed} repeats these kill moments); ms after ready, per file: "
            + string.Join("; ", delays.Select(d => string.Join(" ", d))));
        var started = Stopwatch.StartNew();

        // The real app's start-up creates the first file (write-ahead logging, migrations, the seed); the others are
        // copies of it, taken once it is closed.
        var files = Enumerable.Range(1, Files).Select(f => dir.File($"crash-{f}.db")).ToArray();
        await using (var app = new FileDatabaseApp(files[0]))
        {
            app.Start();
        }
        foreach (var file in files.Skip(1))
        {
            File.Copy(files[0], file);
        }

        var confirmed = await Task.WhenAll(files.Select((file, f) => CrashRepeatedlyAsync(file, delays[f], $"file {f + 1} of seed {seed}")));

        // After all those crashes the app still starts on a file (its migrations and trigger checks pass) and serves
        // what was saved.
        var lastClaim = confirmed[0].Last(s => s.Kind == CrashWriter.ClaimKind);
        await using (var app = new FileDatabaseApp(files[0]))
        {
            var claim = await app.CreateClient().GetJsonAsync($"/api/claims/{lastClaim.Id}");
            Assert.Contains(lastClaim.Marker, claim.GetProperty("text").GetString()!.Split(' '));
        }

        var all = confirmed.SelectMany(c => c).ToList();
        var byKind = all.CountBy(s => s.Kind).ToDictionary();
        output.WriteLine($"{Files * RoundsPerFile} rounds survived in {started.Elapsed.TotalSeconds:0} s; {all.Count} saves confirmed, 0 lost ("
            + string.Join(", ", CrashWriter.Kinds.Select(k => $"{k} {byKind.GetValueOrDefault(k)}")) + ")");
        // The rounds did write: every kind of save was reported (and so was found after its kill).
        Assert.All(CrashWriter.Kinds, kind => Assert.True(byKind.GetValueOrDefault(kind) > 0, $"no {kind} was reported (seed {seed})"));
    }

    /// <summary>Kills a writer on <paramref name="file"/> once per delay, checking the file after each kill.</summary>
    private async Task<List<ConfirmedSave>> CrashRepeatedlyAsync(string file, int[] delays, string name)
    {
        var confirmed = new List<ConfirmedSave>();
        for (var round = 0; round < delays.Length; round++)
        {
            var context = $"{name}, round {round + 1}, killed {delays[round]} ms after ready";
            var clock = Stopwatch.StartNew();
            var saves = await RunAndKillAsync(file, $"r{round + 1}", delays[round], context);
            confirmed.AddRange(saves);
            output.WriteLine($"{context}: {saves.Count} saves reported; the round took {clock.Elapsed.TotalSeconds:0.0} s");
            await AssertKeptAsync(file, confirmed, context);
        }
        return confirmed;
    }

    /// <summary>Starts the writer, waits for it to be ready, lets it write for <paramref name="delayMs"/>, and kills it.</summary>
    private static async Task<List<ConfirmedSave>> RunAndKillAsync(string database, string label, int delayMs, string context)
    {
        var start = ChildProcess.StartInfo(CrashWriter.Mode, database, label);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true; // held open; the writer exits if it closes (this process went away)
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The writer process did not start.");
        var stdout = new ChildLines(process.StandardOutput);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // (The failure messages are built only on failure: building one stops the writer to read all it said.)
            if (!await stdout.WaitForAsync(CrashWriter.Ready, StartDeadline))
            {
                Assert.Fail($"{context}: the writer did not say it was ready within {StartDeadline.TotalMinutes} minutes "
                    + $"({stdout.CountSoFar} lines read). {await StopAndReadErrorsAsync(process, stderr)}");
            }

            await Task.Delay(delayMs);
            if (process.HasExited)
            {
                // A writer that stopped on its own (an exception in a save) is a failure, not a crash to survive.
                Assert.Fail($"{context}: the writer stopped by itself before the kill. {await StopAndReadErrorsAsync(process, stderr)}");
            }
            process.Kill(); // SIGKILL on Linux: no finally blocks, no flushing, no SQLite close
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            await process.WaitForExitAsync();
        }
        var lines = await stdout.CompleteLinesAsync();
        return lines.Select(ConfirmedSave.Parse).OfType<ConfirmedSave>().ToList();
    }

    private static async Task<string> StopAndReadErrorsAsync(Process process, Task<string> stderr)
    {
        var exited = process.HasExited;
        if (!exited)
        {
            process.Kill();
        }
        await process.WaitForExitAsync();
        return $"{(exited ? $"Exit code {process.ExitCode}. " : "")}Standard error:\n{await stderr}";
    }

    /// <summary>Everything reported is in the file, and the file and its derived data are consistent.</summary>
    private static async Task AssertKeptAsync(string database, IReadOnlyList<ConfirmedSave> confirmed, string context)
    {
        await using var connection = await DatabaseFile.OpenAsync(database);

        Assert.Equal("ok", await DatabaseFile.IntegrityCheckAsync(connection));
        Assert.Null(await DatabaseFile.SearchIndexCheckAsync(connection));

        var lost = await MissingAsync(connection, confirmed);
        Assert.True(lost.Count == 0, $"{context}: {lost.Count} of {confirmed.Count} reported saves are missing:\n{string.Join("\n", lost.Take(20))}");

        var counts = await DatabaseFile.DisputeCountMismatchesAsync(connection);
        Assert.True(counts.Count == 0, $"{context}: stored dispute counts differ from a recount:\n{string.Join("\n", counts.Take(20))}");
        var index = await DatabaseFile.SearchIndexMismatchesAsync(connection);
        Assert.True(index.Count == 0, $"{context}: the search index differs from the text indexed afresh:\n{string.Join("\n", index.Take(20))}");
    }

    /// <summary>The reported saves whose record or history entry is not in the file, each with what was found instead.</summary>
    private static async Task<List<string>> MissingAsync(SqliteConnection connection, IReadOnlyList<ConfirmedSave> confirmed)
    {
        async Task<Dictionary<int, (string Text, bool Deleted)>> Rows(string table, string column) =>
            (await DatabaseFile.ReadAsync(connection, $"SELECT Id, {column}, IsDeleted FROM {table}",
                r => (Id: r.GetInt32(0), Text: r.IsDBNull(1) ? "" : r.GetString(1), Deleted: r.GetBoolean(2))))
            .ToDictionary(r => r.Id, r => (r.Text, r.Deleted));

        var notes = await Rows("Annotations", "Body");
        var claims = await Rows("Claims", "Text");
        var attributions = await Rows("Attributions", "SaidWhere");
        var relations = await Rows("ClaimRelations", "Rationale");
        var sources = (await DatabaseFile.ReadAsync(connection, "SELECT Id, Title FROM Sources", r => (Id: r.GetInt32(0), Title: r.GetString(1))))
            .ToDictionary(r => r.Id, r => (Text: r.Title, Deleted: false));
        var history = (await DatabaseFile.ReadAsync(connection, "SELECT EntityType, EntityId, COUNT(*) FROM AuditEntries GROUP BY EntityType, EntityId",
                r => (Type: r.GetString(0), Id: r.GetInt32(1), Count: r.GetInt32(2))))
            .ToDictionary(r => (r.Type, r.Id), r => r.Count);

        var missing = new List<string>();
        foreach (var save in confirmed)
        {
            var rows = EntityOf(save.Kind) switch
            {
                "Annotation" => notes,
                "Claim" => claims,
                "Attribution" => attributions,
                "ClaimRelation" => relations,
                _ => sources,
            };
            if (!rows.TryGetValue(save.Id, out var row))
            {
                missing.Add($"{save}: no such row");
            }
            else if (save.Kind == CrashWriter.AttributionDeleteKind ? !row.Deleted : !ContainsWord(row.Text, save.Marker))
            {
                missing.Add($"{save}: the row holds \"{row.Text}\"{(row.Deleted ? " (deleted)" : "")}");
            }
        }
        // Each reported save wrote one history entry for its record in the same transaction; at least those must be there.
        foreach (var group in confirmed.GroupBy(s => (Entity: EntityOf(s.Kind), s.Id)))
        {
            var found = history.GetValueOrDefault(group.Key);
            if (found < group.Count())
            {
                missing.Add($"{group.Key.Entity} {group.Key.Id}: {group.Count()} saves reported, {found} history entries");
            }
        }
        return missing;
    }

    /// <summary>The entity a kind of save writes, as history names it.</summary>
    private static string EntityOf(string kind) => kind switch
    {
        CrashWriter.NoteKind or CrashWriter.SpanNoteKind or CrashWriter.ReplyKind or CrashWriter.NoteEditKind => "Annotation",
        CrashWriter.ClaimKind or CrashWriter.ClaimEditKind => "Claim",
        CrashWriter.AttributionKind or CrashWriter.AttributionEditKind or CrashWriter.AttributionDeleteKind => "Attribution",
        CrashWriter.RelationKind => "ClaimRelation",
        CrashWriter.ImportKind => "Source",
        _ => throw new InvalidOperationException($"Unknown kind of save: {kind}"),
    };

    private static bool ContainsWord(string text, string word) =>
        text.Split(' ').Contains(word, StringComparer.Ordinal);

    /// <summary>
    /// A child's standard output, read as it comes: lines ended by a line break only, so a line cut short by the kill
    /// (written, not yet whole) is never taken for a report.
    /// </summary>
    private sealed class ChildLines
    {
        private readonly List<string> lines = [];
        private readonly Lock gate = new();
        private readonly Task reading;
        private TaskCompletionSource<bool>? waiter;
        private string? awaited;

        public ChildLines(StreamReader reader) => reading = Task.Run(() => ReadAsync(reader));

        private async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            var pending = new StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        pending.Append(buffer[i]);
                        continue;
                    }
                    var line = pending.ToString().TrimEnd('\r');
                    pending.Clear();
                    lock (gate)
                    {
                        lines.Add(line);
                        if (line == awaited)
                        {
                            waiter?.TrySetResult(true);
                        }
                    }
                }
            }
            lock (gate)
            {
                waiter?.TrySetResult(false);
            }
        }

        /// <summary>True once <paramref name="line"/> has been read; false if the output ended or the deadline passed first.</summary>
        public async Task<bool> WaitForAsync(string line, TimeSpan deadline)
        {
            TaskCompletionSource<bool> found;
            lock (gate)
            {
                if (lines.Contains(line))
                {
                    return true;
                }
                if (reading.IsCompleted)
                {
                    return false;
                }
                awaited = line;
                found = waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var first = await Task.WhenAny(found.Task, Task.Delay(deadline));
            return first == found.Task && await found.Task;
        }

        public int CountSoFar
        {
            get
            {
                lock (gate)
                {
                    return lines.Count;
                }
            }
        }

        /// <summary>Every whole line, once the output has ended (the process has exited).</summary>
        public async Task<IReadOnlyList<string>> CompleteLinesAsync()
        {
            await reading;
            lock (gate)
            {
                return [.. lines];
            }
        }
    }
}
