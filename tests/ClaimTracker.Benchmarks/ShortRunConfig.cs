using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// ShortRun (1 launch, 3 warm-ups, 3 measured iterations): these calls take milliseconds to seconds and the differences
/// that matter here are 10x, not 5%, so the whole suite stays within about ten minutes on 2 cores.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig() => AddJob(Job.ShortRun.WithId("ShortRun"));
}

/// <summary>
/// ShortRun with a single warm-up, for calls that take seconds each (the actor profile): one warm-up already runs
/// the code paths and fills SQLite's page cache, and each further one would add as much time as a measured iteration.
/// </summary>
public sealed class SlowCallConfig : ManualConfig
{
    public SlowCallConfig() => AddJob(Job.ShortRun.WithWarmupCount(1).WithId("ShortRun-1warmup"));
}
