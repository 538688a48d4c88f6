using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The <c>--scale &lt;database&gt;</c> mode: the reading pages' service calls on a large generated database (made by the
/// app's <c>generate</c> command), each scenario a fixed list of at least 200 calls, each call timed on its own so that
/// p50 and p95 mean what they say. Beside every call runs its <b>floor</b>: hand-written SQL over a plain pooled
/// connection that fetches the same rows, so the ratio says what the app adds to what the database must do anyway.
/// Before timing, each scenario runs once through (SQLite's page cache and the plan caches warm) and checks that the
/// service and the floor return the same rows; a floor that disagrees is reported, not timed.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>The target the issue sets for every scenario.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    /// <param name="postgres">
    /// When given, the services run on this PostgreSQL copy of the database (made by copy-to-postgres) and the floors stay
    /// on the SQLite file: the check before timing then also says that both engines return the same rows.
    /// </param>
    public static async Task<int> RunAsync(string databasePath, string? postgres, IReadOnlyCollection<string> only, TextWriter output)
    {
        if (!File.Exists(databasePath))
        {
            await output.WriteLineAsync($"No database at {databasePath}; make one with the app's generate command.");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        await using var workload = await Workload.OpenAsync(databasePath, postgres: postgres);
        if (postgres is not null)
        {
            await output.WriteLineAsync($"Services on PostgreSQL ({new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Password = null }}); floors on the SQLite file");
        }
        var floor = new Floors($"Data Source={databasePath};Mode=ReadOnly");
        var targets = await ScaleTargets.LoadAsync(floor);
        await output.WriteLineAsync($"Database {databasePath} ({new FileInfo(databasePath).Length / 1024 / 1024:N0} MiB): {targets}; targets chosen in {clock.Elapsed.TotalSeconds:F1} s");
        await output.WriteLineAsync($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await output.WriteLineAsync();

        var scenarios = ScaleScenarios.All(workload, floor, targets).Where(s => only.Count == 0 || only.Contains(s.Name)).ToList();
        var results = new List<(ScaleScenario Scenario, Timings Service, Timings Floor, int Mismatches)>();
        var cpuTimes = new Dictionary<string, Timings>();
        var floorCpuTimes = new Dictionary<string, Timings>();
        foreach (var scenario in scenarios)
        {
            clock.Restart();
            var mismatches = 0;
            string? firstMismatch = null;
            // Warm-up, and the check that the floor fetches what the service does.
            foreach (var call in scenario.Calls)
            {
                var service = await call.Service();
                if (call.Floor is null)
                {
                    continue;
                }
                var plain = await call.Floor();
                if (service != plain)
                {
                    mismatches++;
                    firstMismatch ??= $"{call.Label}: service {Shorten(service)} / floor {Shorten(plain)}";
                }
            }
            var serviceTimes = new List<double>(scenario.Calls.Count);
            var serviceCpu = new List<double>(scenario.Calls.Count);
            var floorTimes = new List<double>(scenario.Calls.Count);
            var floorCpu = new List<double>(scenario.Calls.Count);
            for (var i = 0; i < scenario.Calls.Count; i++)
            {
                var call = scenario.Calls[i];
                // Alternate which goes first, so neither always inherits the other's cache state.
                if (i % 2 == 0)
                {
                    await TimeServiceAsync(call.Service);
                    await TimeFloorAsync(call.Floor);
                }
                else
                {
                    await TimeFloorAsync(call.Floor);
                    await TimeServiceAsync(call.Service);
                }
            }
            async Task TimeServiceAsync(Func<Task<string>> service)
            {
                var (wall, cpu) = await TimeAsync(service);
                serviceTimes.Add(wall);
                serviceCpu.Add(cpu);
            }
            async Task TimeFloorAsync(Func<Task<string>>? floor)
            {
                if (floor is null)
                {
                    return;
                }
                var (wall, cpu) = await TimeAsync(floor);
                floorTimes.Add(wall);
                floorCpu.Add(cpu);
            }
            var result = (scenario, new Timings(serviceTimes), new Timings(floorTimes), mismatches);
            cpuTimes[scenario.Name] = new Timings(serviceCpu);
            floorCpuTimes[scenario.Name] = new Timings(floorCpu);
            results.Add(result);
            var floorSummary = floorTimes.Count == 0 ? "no floor" : $"floor {result.Item3} (CPU {floorCpuTimes[scenario.Name]})";
            await output.WriteLineAsync(
                $"{scenario.Name}: {scenario.Calls.Count} calls in {clock.Elapsed.TotalSeconds:F1} s; service {result.Item2} (CPU {cpuTimes[scenario.Name]}); {floorSummary}"
                + (mismatches > 0 ? $"; {mismatches} calls where the floor's rows differ, e.g. {firstMismatch}" : ""));
            var slowest = serviceTimes.Select((t, i) => (t, i)).OrderByDescending(x => x.t).Take(3).Select(x => $"{scenario.Calls[x.i].Label} {x.t:F1} ms");
            await output.WriteLineAsync($"  slowest: {string.Join("; ", slowest)}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| scenario | calls | p50 | p95 | max | floor p50 | floor p95 | ratio p50 | ratio p95 | CPU p50 / p95 | floor CPU p50 / p95 | CPU ratio p50 | p95 ≤ 50 ms |");
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (scenario, service, plain, mismatches) in results)
        {
            var cpu = cpuTimes[scenario.Name];
            var floorCpu = floorCpuTimes[scenario.Name];
            var ok = service.P95 <= Budget.TotalMilliseconds ? "yes" : "**no**";
            if (plain.Count == 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario.Description} | {scenario.Calls.Count} | {service.P50:F1} ms | {service.P95:F1} ms | {service.Max:F1} ms | – | – | – | – | {cpu.P50:F1} / {cpu.P95:F1} ms | – | – | {ok} |"));
                continue;
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Description} | {scenario.Calls.Count} | {service.P50:F1} ms | {service.P95:F1} ms | {service.Max:F1} ms | {plain.P50:F1} ms | {plain.P95:F1} ms | "
                + $"{service.P50 / plain.P50:F1}× | {service.P95 / plain.P95:F1}× | {cpu.P50:F1} / {cpu.P95:F1} ms | {floorCpu.P50:F1} / {floorCpu.P95:F1} ms | "
                + $"{cpu.P50 / Math.Max(0.1, floorCpu.P50):F1}× | {ok}{(mismatches > 0 ? $" ({mismatches} floor mismatches)" : "")} |"));
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Load average at the end: {LoadAverage()}");
        return results.Any(r => r.Mismatches > 0) ? 1 : 0;
    }

    /// <summary>
    /// Wall-clock time, and the CPU time the whole process used meanwhile (on a shared machine the first grows with
    /// everyone else's load, the second with this call's own work, plus whatever the runtime did in the background).
    /// </summary>
    private static async Task<(double Wall, double Cpu)> TimeAsync(Func<Task<string>> call)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        await call();
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..160] + "…";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public sealed class Timings(List<double> milliseconds)
    {
        private readonly double[] sorted = [.. milliseconds.Order()];

        public int Count => sorted.Length;

        public double P50 => Percentile(0.50);
        public double P95 => Percentile(0.95);
        public double Max => sorted[^1];

        /// <summary>Nearest rank: the smallest time that at least <paramref name="p"/> of the calls did not exceed.</summary>
        private double Percentile(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} ms, p95 {P95:F1} ms, max {Max:F1} ms");
    }
}

/// <summary>
/// One call of a scenario: the service as the page makes it, and its floor; each returns a digest of the rows it read.
/// No floor for the views that arrange what several queries read (the matrix, maps, timelines, consistency, comparison):
/// they are measured against the budget alone.
/// </summary>
public sealed record ScaleCall(string Label, Func<Task<string>> Service, Func<Task<string>>? Floor);

public sealed record ScaleScenario(string Name, string Description, IReadOnlyList<ScaleCall> Calls);

/// <summary>
/// What the scenarios ask about, chosen from the database with a fixed random seed: the busiest records (which the
/// skew of the generated data makes far busier than the rest, like a president among officials) and a uniform sample.
/// </summary>
public sealed record ScaleTargets(
    IReadOnlyList<int> Claims, IReadOnlyList<int> Actors, IReadOnlyList<int> Sources,
    IReadOnlyList<int> BusyActors, IReadOnlyList<int> SampleActors, IReadOnlyList<string> ActorWords, int ClaimCount)
{
    public const int Busiest = 20;
    public const int Sampled = 180;

    public static async Task<ScaleTargets> LoadAsync(Floors floor)
    {
        await using var connection = await floor.OpenAsync();
        var random = new Random(20_261_202);
        var claimCount = await Floors.ScalarAsync(connection, "SELECT COUNT(*) FROM Claims WHERE IsDeleted = 0");
        var maxClaim = await Floors.ScalarAsync(connection, "SELECT MAX(Id) FROM Claims");
        var byStatements = await Floors.IdsAsync(connection, $"SELECT ClaimId FROM Attributions WHERE IsDeleted = 0 GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT {Busiest / 2}");
        var byRelations = await Floors.IdsAsync(connection, $"""
            SELECT ClaimId FROM (SELECT FromClaimId AS ClaimId FROM ClaimRelations WHERE IsDeleted = 0 UNION ALL SELECT ToClaimId FROM ClaimRelations WHERE IsDeleted = 0)
            GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT {Busiest / 2}
            """);
        var claims = byStatements.Concat(byRelations).Distinct().ToList();
        claims.AddRange(await SampleAsync(connection, random, "Claims", "IsDeleted = 0", Sampled, maxClaim));

        var busyActors = await Floors.IdsAsync(connection, $"SELECT ActorId FROM Attributions WHERE IsDeleted = 0 GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT {Busiest}");
        var sampleActors = await SampleAsync(connection, random, "Actors", "IsDeleted = 0 AND EXISTS (SELECT 1 FROM Attributions a WHERE a.ActorId = Actors.Id)", Sampled,
            await Floors.ScalarAsync(connection, "SELECT MAX(Id) FROM Actors"));
        var busySources = await Floors.IdsAsync(connection, $"SELECT SourceId FROM Attributions WHERE IsDeleted = 0 GROUP BY SourceId ORDER BY COUNT(*) DESC, SourceId LIMIT {Busiest}");
        var sources = busySources.Concat(await SampleAsync(connection, random, "Sources", "1 = 1", Sampled, await Floors.ScalarAsync(connection, "SELECT MAX(Id) FROM Sources"))).Distinct().ToList();

        // Surnames of speakers, as people search for them.
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT Name FROM Actors WHERE Kind = 'Person' AND Id IN ({string.Join(',', sampleActors)}) ORDER BY Id LIMIT 20";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
            }
        }
        return new ScaleTargets(claims, busyActors.Concat(sampleActors).Distinct().ToList(), sources, busyActors, sampleActors, names, claimCount);
    }

    /// <summary>Distinct ids drawn uniformly from 1..<paramref name="maxId"/> among the rows that satisfy <paramref name="condition"/>.</summary>
    private static async Task<List<int>> SampleAsync(SqliteConnection connection, Random random, string table, string condition, int count, int maxId)
    {
        var picked = new List<int>();
        var seen = new HashSet<int>();
        while (picked.Count < count && seen.Count < maxId)
        {
            var id = random.Next(1, maxId + 1);
            if (seen.Add(id) && await Floors.ScalarAsync(connection, $"SELECT COUNT(*) FROM {table} WHERE Id = {id} AND {condition}") == 1)
            {
                picked.Add(id);
            }
        }
        return picked;
    }

    public override string ToString() =>
        $"{ClaimCount:N0} claims; {Claims.Count} target claims, {Actors.Count} actors, {Sources.Count} sources (the {Busiest} busiest of each and a uniform sample)";
}
