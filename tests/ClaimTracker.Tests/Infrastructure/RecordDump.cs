using System.Reflection;
using System.Text.Json;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Every row of every table of the model (owned columns, shadow columns such as the dispute counts, the join table of
/// claims and subjects, the accounts, the keys), read through EF Core as the app reads them, as text that compares
/// across engines: one sorted list of rows per entity type. EF's own materialization, not the copy's column mapping,
/// so a copy is checked by something that does not share its code.
/// </summary>
public static class RecordDump
{
    private static readonly MethodInfo LoadMethod = typeof(RecordDump).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<SortedDictionary<string, List<string>>> OfAsync(ClaimTrackerDbContext db)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        foreach (var entityType in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.FindPrimaryKey() is not null))
        {
            if (entityType.HasSharedClrType)
            {
                await db.Set<Dictionary<string, object>>(entityType.Name).IgnoreQueryFilters().LoadAsync();
            }
            else
            {
                await (Task)LoadMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [db])!;
            }
        }
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            var rows = dump.TryGetValue(entry.Metadata.DisplayName(), out var list) ? list : dump[entry.Metadata.DisplayName()] = [];
            rows.Add(string.Join(" | ", entry.Properties.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(p => $"{p.Metadata.Name}={Text(p.CurrentValue)}")));
        }
        foreach (var rows in dump.Values)
        {
            rows.Sort(StringComparer.Ordinal);
        }
        return dump;
    }

    /// <summary>Every table of the model (those with a key: the search's result shape has none) and its row count, in SQL either engine reads.</summary>
    public static async Task<List<(string Table, long Rows)>> TablesAsync(ClaimTrackerDbContext db)
    {
        var tables = new List<(string, long)>();
        foreach (var table in db.Model.GetRelationalModel().Tables.Where(t => t.PrimaryKey is not null).Select(t => t.Name).Order(StringComparer.Ordinal))
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
            tables.Add((table, await db.Database.SqlQueryRaw<long>(sql).SingleAsync()));
        }
        return tables;
    }

    /// <summary>The differences between two dumps, table by table (empty when equal), short enough for an assertion message.</summary>
    public static List<string> Differences(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        var differences = new List<string>();
        foreach (var table in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(table) ?? [];
            var got = actual.GetValueOrDefault(table) ?? [];
            var missing = want.Except(got, StringComparer.Ordinal).ToList();
            var extra = got.Except(want, StringComparer.Ordinal).ToList();
            if (want.Count != got.Count || missing.Count > 0 || extra.Count > 0)
            {
                differences.Add($"{table}: {want.Count} rows expected, {got.Count} found; first missing: {missing.FirstOrDefault() ?? "-"}; first unexpected: {extra.FirstOrDefault() ?? "-"}");
            }
        }
        return differences;
    }

    private static Task LoadAsync<T>(ClaimTrackerDbContext db) where T : class => db.Set<T>().IgnoreQueryFilters().LoadAsync();

    private static string Text(object? value) => value switch
    {
        // PostgreSQL keeps an instant to the microsecond, .NET to a tenth of one: compared at PostgreSQL's precision.
        DateTimeOffset d => new DateTimeOffset(d.UtcTicks - d.UtcTicks % 10, TimeSpan.Zero).ToString("O"),
        _ => JsonSerializer.Serialize(value),
    };
}
