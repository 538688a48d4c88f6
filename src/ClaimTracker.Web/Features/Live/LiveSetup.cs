namespace ClaimTracker.Web.Features.Live;

public static class LiveSetup
{
    /// <summary>
    /// Changes told to the open pages of this process: one notifier for claims, one for sources' texts. Singletons, so that
    /// a save in one circuit reaches the pages of every other.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services) => services
        .AddSingleton<IClaimChangeNotifier, InProcessClaimChangeNotifier>()
        .AddSingleton<ISourceChangeNotifier, InProcessSourceChangeNotifier>();
}
