namespace ClaimTracker.Web.Features.Merging;

public static class MergingSetup
{
    /// <summary>Merging duplicate claims, taking a merge back, and finding the claims that may be duplicates.</summary>
    public static IServiceCollection AddMerging(this IServiceCollection services) => services
        .AddScoped<ClaimMergeService>()
        .AddScoped<MergeCandidateSearch>();
}
