using System.Diagnostics;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Data;

/// <summary><c>backup &lt;file&gt; [--force]</c>: a consistent copy of the live database, and the restore the README describes.</summary>
public sealed partial class BackupCommandTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [GeneratedRegex(@"^backup=(?<path>.+) bytes=(?<bytes>\d+) integrity=ok\n$")]
    private static partial Regex Success();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands[BackupCommand.Name](services, [BackupCommand.Name, .. args], new StringReader(""), output, error);
        return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    private static async Task<string> DumpAsync(string path)
    {
        await using var connection = await DatabaseFile.OpenAsync(path, SqliteOpenMode.ReadOnly);
        return await DatabaseFile.DumpAsync(connection);
    }

    [Fact]
    public async Task A_backup_taken_while_saves_go_on_is_the_database_as_it_stood_between_two_saves_and_restores_to_an_app_that_serves_it()
    {
        var database = dir.File("live.db");
        var backup = dir.File("copy.db");
        // Only the writer below writes, so between two of its saves the file stands still: a dump taken there is a state
        // the database really had. A consistent copy must equal one of them.
        var states = new List<string>();
        int before, after;
        (int Exit, string Output, string Error) result;
        string liveConnectionString;
        // Pooled, as in production: connections stay open, so recent saves sit in the -wal file, not yet in the database
        // file (a plain file copy would miss them).
        await using (var live = new FileDatabaseApp(database, pooling: true))
        {
            var services = live.Start();
            await using (var db = live.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContext())
            {
                liveConnectionString = db.Database.GetConnectionString()!;
            }
            states.Add(await DumpAsync(database));
            using var stop = new CancellationTokenSource();
            var saves = new SavesCounter();
            var writer = Task.Run(async () =>
            {
                var claimId = 1;
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    // A scope per save: one held past the circuit revalidation interval (30 s, easily reached on a busy
                    // machine) is checked against the accounts table, where these test users have no row.
                    await using var journalist = services.ScopeAs(Roles.Journalist, "backup-journalist");
                    await using var editor = services.ScopeAs(Roles.Editor, "backup-editor");
                    if (i % 3 == 0)
                    {
                        var claim = await editor.As<RecordEditService>().CreateClaimAsync(new ClaimDraft($"Claim saved during a backup {i}", ["backup"]));
                        Assert.True(claim.Succeeded);
                        claimId = claim.Value!.Id;
                    }
                    else
                    {
                        var note = await journalist.As<AnnotationService>().AddToClaimAsync(claimId, $"Note saved during a backup {i}");
                        Assert.True(note.Succeeded, note.Message);
                    }
                    var state = await DumpAsync(database);
                    lock (states)
                    {
                        states.Add(state);
                    }
                    saves.Saved();
                }
            });

            await saves.AtLeastAsync(3, writer);
            lock (states)
            {
                before = states.Count;
            }
            result = await RunAsync(services, backup);
            lock (states)
            {
                after = states.Count;
            }
            await saves.AtLeastAsync(after + 3, writer); // the writer went on after the copy was taken
            await stop.CancelAsync();
            await writer;
        }

        Assert.True(result.Exit == 0, result.Error);
        var match = Success().Match(result.Output);
        Assert.True(match.Success, result.Output);
        Assert.Equal(backup, match.Groups["path"].Value);
        Assert.Equal(new FileInfo(backup).Length, long.Parse(match.Groups["bytes"].Value));

        // The copy is one of the states between saves: the one the backup began in, or one a save reached before the copy's
        // read began; never a mix of two, never one of the saves after the backup returned.
        var copy = await DumpAsync(backup);
        var index = states.IndexOf(copy);
        Assert.True(index >= 0, $"The copy equals none of the {states.Count} states the database went through.");
        Assert.InRange(index, before - 1, after);
        Assert.True(states.Count > after + 1, "the writer saved after the backup, so the live database is ahead of the copy");

        // Restore as the README says: the app is stopped (above, and its pooled connections closed); copy the file over the
        // database; delete -wal and -shm; start.
        SqliteConnection.ClearPool(new SqliteConnection(liveConnectionString));
        var lastCopied = await LastNoteAsync(backup);
        var lastLive = await LastNoteAsync(database);
        Assert.NotEqual(lastCopied, lastLive);
        File.Copy(backup, database, overwrite: true);
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        await using (var restored = new FileDatabaseApp(database))
        {
            await using var reader = restored.Start().ScopeAs(Roles.Editor, "backup-reader");
            var notes = reader.As<AnnotationService>();
            Assert.Contains(await notes.ListForClaimAsync(lastCopied.ClaimId), n => n.Id == lastCopied.Id && n.Body == lastCopied.Body);
            Assert.DoesNotContain(await notes.ListForClaimAsync(lastLive.ClaimId), n => n.Id == lastLive.Id); // saved after the backup
        }
        // Start-up (migrations, seed, accounts) found nothing to change: the database is the copy, table by table.
        Assert.Equal(copy, await DumpAsync(database));
        await using var restoredFile = await DatabaseFile.OpenAsync(database);
        Assert.Equal("ok", await DatabaseFile.IntegrityCheckAsync(restoredFile));
        Assert.Empty(await DatabaseFile.DisputeCountMismatchesAsync(restoredFile));
        Assert.Empty(await DatabaseFile.SearchIndexMismatchesAsync(restoredFile));
    }

    private static async Task<(int Id, int ClaimId, string Body)> LastNoteAsync(string path)
    {
        await using var connection = await DatabaseFile.OpenAsync(path, SqliteOpenMode.ReadOnly);
        return (await DatabaseFile.ReadAsync(connection, "SELECT Id, ClaimId, Body FROM Annotations ORDER BY Id DESC LIMIT 1",
            r => (r.GetInt32(0), r.GetInt32(1), r.GetString(2)))).Single();
    }

    [Fact]
    public async Task The_copy_is_one_self_contained_file_that_passes_the_checks_of_the_live_database()
    {
        var backup = dir.File("nested/folder/claims-backup.db");

        var (exit, output, error) = await RunAsync(app.Services, backup);

        Assert.True(exit == 0, error);
        Assert.Equal($"backup={backup} bytes={new FileInfo(backup).Length} integrity=ok\n", output);
        Assert.Equal(["claims-backup.db"], Directory.GetFiles(Path.GetDirectoryName(backup)!).Select(Path.GetFileName));
        await using var copy = await DatabaseFile.OpenAsync(backup); // writable: FTS5's check is written as an INSERT
        await using (var command = copy.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("delete", await command.ExecuteScalarAsync()); // readable alone, with no -wal beside it
        }
        Assert.Empty(await DatabaseFile.DisputeCountMismatchesAsync(copy));
        Assert.Empty(await DatabaseFile.SearchIndexMismatchesAsync(copy));
        Assert.Null(await DatabaseFile.SearchIndexCheckAsync(copy));
    }

    [Fact]
    public async Task An_existing_file_is_left_alone_without_force_and_replaced_with_it()
    {
        var backup = dir.File("existing.db");
        await File.WriteAllTextAsync(backup, "an older backup");

        var refused = await RunAsync(app.Services, backup);

        Assert.Equal((1, ""), (refused.Exit, refused.Output));
        Assert.Equal($"{backup} already exists; nothing was written. Pass --force to replace it.\n", refused.Error.Replace("\r\n", "\n"));
        Assert.Equal("an older backup", await File.ReadAllTextAsync(backup));

        var forced = await RunAsync(app.Services, "--force", backup);

        Assert.True(forced.Exit == 0, forced.Error);
        Assert.Matches(Success(), forced.Output);
        await using var copy = await DatabaseFile.OpenAsync(backup, SqliteOpenMode.ReadOnly);
        Assert.Equal("ok", await DatabaseFile.IntegrityCheckAsync(copy));
    }

    [Fact]
    public async Task The_live_database_itself_and_its_journal_are_refused_even_with_force()
    {
        var before = await DumpAsync(app.DatabasePath);
        foreach (var target in new[] { app.DatabasePath, app.DatabasePath + "-wal" })
        {
            var (exit, output, error) = await RunAsync(app.Services, target, "--force");

            Assert.Equal((1, ""), (exit, output));
            Assert.Contains("is the live database", error);
        }
        Assert.Equal(before, await DumpAsync(app.DatabasePath));
    }

    [Theory]
    [InlineData(new string[0], "Where to?")]
    [InlineData(new[] { "a.db", "b.db" }, "Expected one file")]
    [InlineData(new[] { "--forse", "a.db" }, "Expected one file")]
    public async Task Wrong_usage_prints_the_usage_and_writes_nothing(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(app.Services, args);

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains(message, error);
        Assert.Contains(BackupCommand.Usage, error.Replace("\r\n", "\n"));
    }

    /// <summary>
    /// Through Program.cs, as an operator runs it: the command runs before start-up would migrate and seed, so a backup
    /// taken before an upgrade holds the database exactly as it was, here a file that is not even the app's schema.
    /// </summary>
    [Fact]
    public async Task The_command_line_copies_the_database_as_it_is_without_migrating_or_seeding_it()
    {
        var database = dir.File("old-version.db");
        await using (var connection = await DatabaseFile.OpenAsync(database, SqliteOpenMode.ReadWriteCreate))
        {
            await DatabaseFile.ExecuteAsync(connection, "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Body TEXT); INSERT INTO Notes (Body) VALUES ('kept as it is');");
        }
        var before = await DumpAsync(database);
        var backup = dir.File("old-version-backup.db");

        var (exit, output, error) = await RunWebAppAsync(database, BackupCommand.Name, backup);

        Assert.True(exit == 0, error);
        Assert.Equal($"backup={backup} bytes={new FileInfo(backup).Length} integrity=ok\n", output.Replace("\r\n", "\n"));
        Assert.Equal(before, await DumpAsync(database)); // no migration history, no seed, no accounts: untouched
        Assert.Equal(before, await DumpAsync(backup));

        var missing = dir.File("no-such.db");
        var refused = await RunWebAppAsync(missing, BackupCommand.Name, dir.File("never.db"));

        Assert.Equal((1, ""), (refused.Exit, refused.Output));
        Assert.Contains($"No database at {missing}", refused.Error);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(dir.File("never.db")));
    }

    /// <summary>Runs the web app (its own build output, beside the tests) with arguments, against <paramref name="database"/>.</summary>
    private async Task<(int Exit, string Output, string Error)> RunWebAppAsync(string database, params string[] args)
    {
        var start = new ProcessStartInfo(ChildProcess.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir.Path,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClaimTracker.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ConnectionStrings__ClaimTracker"] = $"Data Source={database}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Counts the writer's saves and lets the test wait for a number of them, or for the writer to fail.</summary>
    private sealed class SavesCounter
    {
        private readonly Lock gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> waiting = [];
        private int count;

        public void Saved()
        {
            lock (gate)
            {
                count++;
                foreach (var w in waiting.Where(w => count >= w.Count).ToList())
                {
                    w.Reached.TrySetResult();
                    waiting.Remove(w);
                }
            }
        }

        public async Task AtLeastAsync(int saves, Task writer)
        {
            TaskCompletionSource reached;
            lock (gate)
            {
                if (count >= saves)
                {
                    return;
                }
                reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Add((saves, reached));
            }
            if (await Task.WhenAny(reached.Task, writer) == writer)
            {
                await writer; // its failure, if it failed
                throw new InvalidOperationException($"The writer stopped after {count} saves, before {saves}.");
            }
        }
    }
}
