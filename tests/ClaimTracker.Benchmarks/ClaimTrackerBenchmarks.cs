using BenchmarkDotNet.Attributes;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Sources;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// What a journalist's clicks and a data desk's API calls cost on a large newsroom database (see <see cref="BenchmarkDatabase.Shape"/>).
/// Each benchmark is one service call as a page or the API makes it, with a fresh DbContext from the factory.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortRunConfig))]
public class ClaimTrackerBenchmarks
{
    private Workload workload = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = await BenchmarkDatabase.EnsureAsync(Console.Out);
        workload = await Workload.OpenAsync(path);
        Console.WriteLine($"// Targets: {workload.Target}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await workload.DisposeAsync();

    [Benchmark(Description = "Search: first page, most disputed")]
    public Task<PagedResult<ClaimRow>> SearchFirstPage() => workload.SearchFirstPage();

    [Benchmark(Description = "Search: page 1000, most disputed")]
    public Task<PagedResult<ClaimRow>> SearchDeepPage() => workload.SearchDeepPage();

    [Benchmark(Description = "Search: one word")]
    public Task<PagedResult<ClaimRow>> SearchOneWord() => workload.SearchOneWord();

    [Benchmark(Description = "Search: busiest actor")]
    public Task<PagedResult<ClaimRow>> SearchByActor() => workload.SearchByActor();

    [Benchmark(Description = "Search: one topic")]
    public Task<PagedResult<ClaimRow>> SearchByTopic() => workload.SearchByTopic();

    [Benchmark(Description = "Dispute: most-related claim")]
    public Task<ClaimDispute?> DisputeOfHubClaim() => workload.DisputeOfHubClaim();

    // The busiest actor's profile does not finish in minutes, so it is not here: ActorProfileBenchmarks measures
    // the profile for actors of growing activity, and --profile-scaling shows where it stops finishing.

    [Benchmark(Description = "Actors: first page")]
    public Task<PagedResult<ActorRow>> ActorsFirstPage() => workload.ActorsFirstPage();

    [Benchmark(Description = "Reader: busiest source")]
    public Task<SourceReader?> ReaderOfBusiestSource() => workload.ReaderOfBusiestSource();

    [Benchmark(Description = "API /api/claims: first page")]
    public Task<object> ApiClaimsFirstPage() => workload.ApiClaimsFirstPage();

    [Benchmark(Description = "API /api/claims: middle page")]
    public Task<object> ApiClaimsMiddlePage() => workload.ApiClaimsMiddlePage();
}
