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

        log.WriteLine($"// Generating {DatasetShape.Default} into {path}");
        // Generate beside the target and move it into place, so a run cut short never leaves a half-filled file to reuse.
        var partial = path + ".partial";
        File.Delete(partial);
        await DataGenerator.GenerateAsync(partial, DatasetShape.Default, log, ct);
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
