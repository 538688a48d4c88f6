using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>One SQL statement as EF Core sent it, with its parameters.</summary>
public sealed record RecordedSql(string Text, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    public override string ToString() => Text;
}

/// <summary>Records every query the app's DbContexts send (readers and scalars), so a test can ask SQLite how it runs them.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly List<RecordedSql> commands = [];

    /// <summary>The statements recorded since the last <see cref="Take"/>, and a fresh start.</summary>
    public IReadOnlyList<RecordedSql> Take()
    {
        lock (commands)
        {
            var taken = commands.ToList();
            commands.Clear();
            return taken;
        }
    }

    private void Record(DbCommand command)
    {
        var recorded = new RecordedSql(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList());
        lock (commands)
        {
            commands.Add(recorded);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// SQLite's plan for a recorded statement (EXPLAIN QUERY PLAN), and the check that it reads Claims and Attributions
/// through their indexes. A plan line <c>SCAN c</c> reads a whole table; <c>SCAN c USING INDEX x</c> reads a whole index
/// unless the statement stops early. So a scan of either table passes only when it is:
/// <list type="bullet">
/// <item>a walk of one of the sorts' indexes in a statement that stops after a LIMIT and sorts nothing itself (no temporary
/// B-tree for ORDER BY): the index yields rows in the page's order and the walk ends with the page;</item>
/// <item>a scan of the partial index of deleted claims, which holds only those;</item>
/// <item><c>SELECT COUNT(*) FROM "Claims"</c> with no condition, which SQLite answers by counting the entries of each
/// page of an index, reading no row.</item>
/// </list>
/// </summary>
public static partial class QueryPlan
{
    /// <summary>The indexes that hold claims in the order of a sort of the claims browser.</summary>
    public static readonly IReadOnlySet<string> SortIndexes = new HashSet<string>(StringComparer.Ordinal)
    {
        "IX_Claims_ConflictCount_SupportCount_Id", "IX_Claims_Text_Id", "IX_Claims_Live",
    };

    public const string DeletedClaimsIndex = "IX_Claims_Deleted";

    private static readonly string[] Guarded = ["Claims", "Attributions"];

    [GeneratedRegex(@"(?:FROM|JOIN)\s+""?(?<table>\w+)""?\s+AS\s+""?(?<alias>\w+)""?")]
    private static partial Regex Aliases();

    [GeneratedRegex(@"^SCAN (?<alias>\w+)(?: USING (?:COVERING )?INDEX (?<index>\w+))?")]
    private static partial Regex Scan();

    [GeneratedRegex(@"^\s*SELECT COUNT\(\*\)\s+FROM ""Claims"" AS ""\w+""\s*$")]
    private static partial Regex CountOfAllClaims();

    [GeneratedRegex(@"\bLIMIT\b")]
    private static partial Regex Limit();

    /// <summary>The plan's lines (the detail column of EXPLAIN QUERY PLAN), in order, indented by depth.</summary>
    public static async Task<IReadOnlyList<string>> ExplainAsync(SqliteConnection connection, RecordedSql sql, SqliteTransaction? transaction = null)
    {
        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql.Text;
        foreach (var (name, value) in sql.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var depth = new Dictionary<long, int> { [0] = 0 };
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
            depth[reader.GetInt64(0)] = level;
            lines.Add(new string(' ', (level - 1) * 2) + reader.GetString(3));
        }
        return lines;
    }

    /// <summary>The lines of <paramref name="plan"/> that read all of Claims or Attributions (see the class summary), each with why.</summary>
    public static IReadOnlyList<string> FullScans(RecordedSql sql, IReadOnlyList<string> plan)
    {
        if (CountOfAllClaims().IsMatch(sql.Text))
        {
            return [];
        }
        // An alias may be used twice (in two parts of a UNION); for the check the table is what matters, and a scan of either
        // table under an alias used for it anywhere is reported.
        var tables = Aliases().Matches(sql.Text)
            .GroupBy(m => m.Groups["alias"].Value)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["table"].Value).FirstOrDefault(Guarded.Contains) ?? g.First().Groups["table"].Value);
        var stopsEarly = Limit().IsMatch(sql.Text) && !plan.Any(l => l.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var line in plan.Select(l => l.Trim()))
        {
            var scan = Scan().Match(line);
            if (!scan.Success || !tables.TryGetValue(scan.Groups["alias"].Value, out var table) || !Guarded.Contains(table))
            {
                continue;
            }
            var index = scan.Groups["index"].Success ? scan.Groups["index"].Value : null;
            var why = index switch
            {
                null => $"reads every row of {table}",
                DeletedClaimsIndex => null,
                _ when SortIndexes.Contains(index) && stopsEarly => null,
                _ when SortIndexes.Contains(index) => $"reads all of {index} (no LIMIT to stop at, or it sorts the rows again)",
                _ => $"reads all of {table}'s index {index}",
            };
            if (why is not null)
            {
                problems.Add($"{line}: {why}");
            }
        }
        return problems;
    }
}
