namespace ClaimTracker.Web.Features.Review;

public static class ReviewSetup
{
    /// <summary>The editors' review queue of suggested attributions.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services) => services.AddScoped<ReviewQueueService>();
}
