namespace ClaimTracker.Web.Features.Positions;

public static class PositionsSetup
{
    /// <summary>Who took which position when: timelines, reversals, and two actors compared.</summary>
    public static IServiceCollection AddPositions(this IServiceCollection services) => services
        .AddScoped<TimelineService>()
        .AddScoped<ConsistencyService>()
        .AddScoped<ComparisonService>();
}
