namespace ClaimTracker.Web.Features.Claims;

public static class ClaimsSetup
{
    /// <summary>The claims browser and search, and each claim's dispute view.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services) => services
        .AddScoped<ClaimService>()
        .AddScoped<DisputeReader>();
}
