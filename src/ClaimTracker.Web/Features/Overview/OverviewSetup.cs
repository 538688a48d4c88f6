namespace ClaimTracker.Web.Features.Overview;

public static class OverviewSetup
{
    /// <summary>The home page's overview: the most disputed claims, the most cited actors, the latest sources.</summary>
    public static IServiceCollection AddOverview(this IServiceCollection services) => services
        .AddScoped<OverviewService>();
}
