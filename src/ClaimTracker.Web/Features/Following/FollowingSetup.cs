namespace ClaimTracker.Web.Features.Following;

public static class FollowingSetup
{
    /// <summary>Following claims and actors, and the Following page that shows what changed in them.</summary>
    public static IServiceCollection AddFollowing(this IServiceCollection services) => services.AddScoped<FollowService>();
}
