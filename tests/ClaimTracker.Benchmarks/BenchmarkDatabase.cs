using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Generating;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Where the generated database lives. BenchmarkDotNet runs each benchmark in its own process, each with its own
/// GlobalSetup; the host process names one temp file for the whole run in <see cref="PathVariable"/> (child processes
/// inherit the environment), the first GlobalSetup generates it and the others reuse it, and the host deletes it at the end.
/// </summary>
public static class BenchmarkDatabase
{
    /// <summary>Path of the database file. Set it yourself to keep one generated database across runs.</summary>
    public const string PathVariable = "CLAIMTRACKER_BENCH_DB";

    /// <summary>How many attributions to generate (default 200,000); the rest scales from it (<see cref="NewsShape.For"/>).</summary>
    public const string AttributionsVariable = "CLAIMTRACKER_BENCH_ATTRIBUTIONS";

    public static NewsShape Shape =>
        NewsShape.For(int.TryParse(Environment.GetEnvironmentVariable(AttributionsVariable), out var n) ? n : 200_000);

    public static string NewTempPath() =>
        Path.Combine(Path.GetTempPath(), $"claimtracker-bench-{Guid.NewGuid():N}.db");

    /// <summary>The run's database, generated first if it is not there yet.</summary>
    public static async Task<string> EnsureAsync(TextWriter log, CancellationToken ct = default)
    {
        var path = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = NewTempPath();
            Environment.SetEnvironmentVariable(PathVariable, path);
        }
        if (File.Exists(path))
        {
            log.WriteLine($"// Reusing the generated database {path}");
            return path;
        }

        log.WriteLine($"// Generating {Shape} into {path}");
        // Generate beside the target and move it into place, so a run cut short never leaves a half-filled file to reuse.
        var partial = path + ".partial";
        File.Delete(partial);
        var connectionString = $"Data Source={partial};Pooling=False";
        await using (var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync(ct); // the app's schema and triggers, without the seed
        }
        await NewsGenerator.GenerateAsync(connectionString, Shape, NewsGenerator.DefaultSeed, log, ct);
        File.Move(partial, path);
        return path;
    }

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".partial" })
        {
            File.Delete(file);
        }
    }
}
