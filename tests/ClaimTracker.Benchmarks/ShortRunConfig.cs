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
