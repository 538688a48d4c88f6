using ClaimTracker.Web.Data;

namespace ClaimTracker.Web.Features.Live;

public static class LiveSetup
{
    /// <summary>
    /// Changes told to the open pages: one notifier for claims, one for sources' texts. Singletons, so that a save in
    /// one circuit reaches the pages of every other. On SQLite one process is the whole app and they stay in it; on
    /// PostgreSQL, where several instances may share the database, they also cross to every other instance through
    /// the database (<see cref="PostgresChangeBus"/>). Follows the engine <see cref="DatabaseSetup.AddClaimTrackerDatabase"/> chose.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        var database = services.LastOrDefault(d => d.ServiceType == typeof(DatabaseChoice))?.ImplementationInstance as DatabaseChoice
            ?? throw new InvalidOperationException("AddLiveUpdates follows the database engine: call AddClaimTrackerDatabase before it.");
        if (database.Engine == DatabaseEngine.Postgres)
        {
            services.AddSingleton<PostgresChangeBus>();
            services.AddSingleton<IClaimChangeNotifier>(sp => sp.GetRequiredService<PostgresChangeBus>());
            services.AddSingleton<ISourceChangeNotifier>(sp => sp.GetRequiredService<PostgresChangeBus>());
            services.AddHostedService<PostgresChangeRelay>();
            return services;
        }
        return services
            .AddSingleton<IClaimChangeNotifier, InProcessClaimChangeNotifier>()
            .AddSingleton<ISourceChangeNotifier, InProcessSourceChangeNotifier>();
    }
}
