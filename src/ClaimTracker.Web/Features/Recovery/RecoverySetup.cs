namespace ClaimTracker.Web.Features.Recovery;

public static class RecoverySetup
{
    /// <summary>The editors' list of deleted claims, to restore them.</summary>
    public static IServiceCollection AddRecovery(this IServiceCollection services) => services.AddScoped<DeletedClaimsService>();
}
