using BenchmarkDotNet.Attributes;
using ClaimTracker.Web.Features.Actors;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// <c>ActorService.GetProfileAsync</c> for actors of growing activity. The busiest actor (thousands of attributions)
/// is left out because its profile does not finish in minutes; the growth from one row to the next shows why.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SlowCallConfig))]
public class ActorProfileBenchmarks
{
    private Workload workload = null!;
    private int actorId;

    /// <summary>The actor picked is the one whose attribution count is nearest to this (75 is a typical actor: the median has 84).</summary>
    [Params(75, 150, 300)]
    public int Attributions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = await BenchmarkDatabase.EnsureAsync(Console.Out);
        workload = await Workload.OpenAsync(path);
        var actor = (await ProfileScaling.ActorsNearAsync(workload.Factory, [Attributions]))[0];
        actorId = actor.ActorId;
        Console.WriteLine($"// Actor: {actor}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await workload.DisposeAsync();

    [Benchmark(Description = "Actor profile")]
    public Task<ActorProfile?> Profile() => workload.Actors.GetProfileAsync(actorId);
}
