namespace ClaimTracker.Web.Features.Actors;

public static class ActorsSetup
{
    /// <summary>The actors list and each actor's positions and alignments.</summary>
    public static IServiceCollection AddActors(this IServiceCollection services) => services
        .AddScoped<ActorService>();
}
