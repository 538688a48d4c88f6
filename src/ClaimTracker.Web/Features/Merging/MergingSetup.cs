namespace ClaimTracker.Web.Features.Merging;

public static class MergingSetup
{
    /// <summary>Merging duplicate claims, taking a merge back, finding the claims that may be duplicates, and following a merged claim's address.</summary>
    public static IServiceCollection AddMerging(this IServiceCollection services) => services
        .AddScoped<ClaimMergeService>()
        .AddScoped<MergeCandidateSearch>()
        .AddScoped<MergedAddresses>();
}
