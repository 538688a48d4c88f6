namespace ClaimTracker.Web.Features.Map;

public static class MapSetup
{
    /// <summary>Claim maps: around a claim and by topic.</summary>
    public static IServiceCollection AddMap(this IServiceCollection services) => services
        .AddScoped<ClaimMapService>();
}
