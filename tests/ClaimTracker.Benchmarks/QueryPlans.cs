using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The <c>--explain</c> mode: runs each scenario once more after a warm-up, records every SQL command the real services
/// send (text, parameters, time until the reader is disposed, rows read), and asks SQLite for the plan of each with
/// EXPLAIN QUERY PLAN. This says which statement inside a slow service call is the slow one, and why.
/// </summary>
public static class QueryPlans
{
    public static async Task<int> RunAsync(string databasePath, IReadOnlyCollection<string> only, TimeSpan timeout, TextWriter output)
    {
        var recorder = new CommandRecorder();
        await using var workload = await Workload.OpenAsync(databasePath, o => o.AddInterceptors(recorder));
        output.WriteLine($"Targets: {workload.Target}");

        foreach (var (name, run) in workload.Scenarios.Where(s => only.Count == 0 || only.Contains(s.Name)))
        {
            output.WriteLine();
            output.WriteLine($"## {name}");
            recorder.Commands.Clear();
            var clock = Stopwatch.StartNew();
            // Task.Run: Microsoft.Data.Sqlite's async methods complete synchronously, so run() alone would not return until done.
            var call = Task.Run(run);
            if (await Task.WhenAny(call, Task.Delay(timeout)) != call)
            {
                // The call may be stuck in memory, not in SQLite, and cannot be cancelled: report and stop the whole run,
                // since a runaway thread would distort every later timing.
                output.WriteLine($"Did not finish within {timeout.TotalSeconds:N0} s; SQL commands finished by then:");
                await WriteCommandsAsync(recorder.Commands.ToList(), databasePath, output);
                return 2;
            }
            var first = clock.Elapsed;
            await call;

            recorder.Commands.Clear();
            clock.Restart();
            await run();
            output.WriteLine($"First call {first.TotalMilliseconds:N1} ms, second call {clock.Elapsed.TotalMilliseconds:N1} ms, {recorder.Commands.Count} SQL commands:");
            await WriteCommandsAsync(recorder.Commands.ToList(), databasePath, output);
        }
        return 0;
    }

    private static async Task WriteCommandsAsync(List<RecordedCommand> commands, string databasePath, TextWriter output)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            output.WriteLine();
            // Split-query readers are all disposed at the end of the query, so their times overlap, and EF counts no reads for them.
            var rows = command.Rows > 0 ? $", {command.Rows} rows" : "";
            output.WriteLine($"### command {i + 1}: {command.Duration.TotalMilliseconds:N1} ms until the reader was disposed{rows}");
            output.WriteLine("```sql");
            foreach (var (parameter, value) in command.Parameters)
            {
                output.WriteLine($"-- {parameter} = {Describe(value)}");
            }
            output.WriteLine(command.Text);
            output.WriteLine("```");
            output.WriteLine("```");
            output.Write(await ExplainAsync(connection, command));
            output.WriteLine("```");
        }
    }

    /// <summary>SQLite's plan as the indented tree the sqlite3 shell prints.</summary>
    public static async Task<string> ExplainAsync(SqliteConnection connection, RecordedCommand recorded)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + recorded.Text;
        foreach (var (parameter, value) in recorded.Parameters)
        {
            explain.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
        }
        var depth = new Dictionary<long, int> { [0] = 0 };
        var plan = new StringBuilder();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.GetValueOrDefault(parent) + 1;
            depth[id] = level;
            plan.Append(' ', (level - 1) * 3).Append("|--").AppendLine(reader.GetString(3));
        }
        return plan.ToString();
    }

    private static string Describe(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters, TimeSpan Duration, int Rows);

    /// <summary>Times each query from execution until its reader is disposed, so stepping through the rows counts too.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly Dictionary<DbCommand, long> started = [];

        public List<RecordedCommand> Commands { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Start(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Start(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (Commands)
            {
                var elapsed = started.Remove(command, out var start) ? Stopwatch.GetElapsedTime(start) : eventData.Duration;
                // ReadCount counts the final Read() that returns false too.
                Commands.Add(new RecordedCommand(command.CommandText, parameters, elapsed, Math.Max(0, eventData.ReadCount - 1)));
            }
            return result;
        }

        private void Start(DbCommand command)
        {
            lock (Commands)
            {
                started[command] = Stopwatch.GetTimestamp();
            }
        }
    }
}
