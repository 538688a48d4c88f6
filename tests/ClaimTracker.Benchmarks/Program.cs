// Performance benchmarks of ClaimTracker's read paths on a large generated database, and of its attribution-suggestion engine.
//
// Run all benchmarks (Release is required; about 10-15 minutes on 2 cores, including generating the database):
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --filter '*'
// Run some:            ... -- --filter '*Search*'
// List them:           ... -- --list flat
// SQL and EXPLAIN QUERY PLAN of every statement each scenario sends (optionally only the named scenarios):
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --explain [SearchFirstPage ...]
// How the actor profile's time grows with the actor's activity (one timed call per actor):
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --profile-scaling
// The attribution-suggestion engine on texts of 5 KB to 2 MB (no database; a few minutes; set
// CLAIMTRACKER_ENGINE_BENCH_MAX_CHARS=500000 to leave out the longer texts):
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --filter '*SuggestionEngine*'
// The same engine, one timed call per text length, for a quick look at how its time grows (stops after the first call
// that takes longer than the given seconds, 300 when not given):
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --engine-scaling [seconds]
//
// The reading pages on a database made by the app's generate command (p50/p95 of 200+ calls each, beside hand-written SQL):
//   dotnet run --project src/ClaimTracker.Web -- generate --attributions 1000000   (into the configured database)
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --scale /path/to/that.db [Search FirstPage ...]
// The same services on a PostgreSQL copy of it (copy-to-postgres), floors still on the file:
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --scale /path/to/that.db --postgres "Host=…;Database=…" [...]
// Start-up of the published app (Production) on such a database, five runs:
//   dotnet publish -c Release src/ClaimTracker.Web -o /tmp/claimtracker-publish
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --startup /tmp/claimtracker-publish/ClaimTracker.Web.dll /path/to/that.db
//
// The database (see BenchmarkDatabase.Shape; the app's generate command makes it) is generated once per run into a temp file, which is deleted at the end.
// Set CLAIMTRACKER_BENCH_DB=/some/path.db to keep it and reuse it in later runs (delete it when the generator changes).
// Results land in BenchmarkDotNet.Artifacts/ (git-ignored); the reading of them is in RESULTS.md beside this file.

using BenchmarkDotNet.Running;
using ClaimTracker.Benchmarks;

if (args.Length > 0 && args[0] == "--engine-scaling")
{
    return EngineScaling.Run(TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300), Console.Out);
}

if (args.Length > 1 && args[0] == "--scale")
{
    // --scale <sqlite file> [--postgres "<connection string of its copy>"] [scenario ...]
    var postgres = args.Length > 3 && args[2] == "--postgres" ? args[3] : null;
    return await ScaleBenchmark.RunAsync(Path.GetFullPath(args[1]), postgres, args[(postgres is null ? 2 : 4)..], Console.Out);
}
if (args.Length > 2 && args[0] == "--startup")
{
    return await StartupTiming.RunAsync(Path.GetFullPath(args[1]), Path.GetFullPath(args[2]), args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5, Console.Out);
}

var userPath = Environment.GetEnvironmentVariable(BenchmarkDatabase.PathVariable);
var path = string.IsNullOrEmpty(userPath) ? BenchmarkDatabase.NewTempPath() : userPath;
// Set before BenchmarkDotNet starts its child processes, which inherit it: the first one generates, the rest reuse.
Environment.SetEnvironmentVariable(BenchmarkDatabase.PathVariable, path);
try
{
    if (args.Length > 0 && args[0] == "--explain")
    {
        await BenchmarkDatabase.EnsureAsync(Console.Out);
        return await QueryPlans.RunAsync(path, args[1..], TimeSpan.FromSeconds(120), Console.Out);
    }
    if (args.Length > 0 && args[0] == "--profile-scaling")
    {
        await BenchmarkDatabase.EnsureAsync(Console.Out);
        return await ProfileScaling.RunAsync(path, TimeSpan.FromSeconds(120), Console.Out);
    }
    BenchmarkSwitcher.FromAssembly(typeof(ClaimTrackerBenchmarks).Assembly).Run(args);
    return 0;
}
finally
{
    if (string.IsNullOrEmpty(userPath))
    {
        BenchmarkDatabase.Delete(path);
    }
}
