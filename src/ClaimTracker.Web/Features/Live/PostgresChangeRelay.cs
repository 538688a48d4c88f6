using ClaimTracker.Web.Data;
using Npgsql;

namespace ClaimTracker.Web.Features.Live;

/// <summary>
/// Carries <see cref="PostgresChangeBus"/> changes between app instances: sends this instance's with
/// <c>pg_notify</c>, and listens for everyone's on one dedicated connection.
/// <para>
/// While the listening connection is down (a database restart, a failover, a network cut) changes saved on other
/// instances are missed here: open pages keep what they show until their next load or their next change heard.
/// The relay logs the loss, reconnects with a growing pause, and logs when it hears again. Pages are not told to
/// reload on reconnection: a missed change is rare and costs a stale page, not wrong data (every save checks versions).
/// </para>
/// </summary>
public sealed class PostgresChangeRelay(PostgresChangeBus bus, IConfiguration configuration, ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up waits for LISTEN: the database just answered the migrations, so this is normally milliseconds.</summary>
    private static readonly TimeSpan ListeningAtStart = TimeSpan.FromSeconds(15);

    /// <summary>Seconds a NOTIFY (and opening its connection) may take before the change is given up as unannounced.</summary>
    private const int SendTimeoutSeconds = 5;

    /// <summary>
    /// Seconds between Npgsql's pings on the idle listening connection: without them a connection cut silently (a
    /// dropped NAT entry, a failed-over server) would wait for notifications that can never come.
    /// </summary>
    private const int ListenKeepAliveSeconds = 30;

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string ConnectionString => configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseSetup.ConnectionStringName} is not set.");

    /// <summary>
    /// Returns once this instance listens, so that an instance that reports itself started (to a load balancer, to a
    /// test) already hears the others. If the database does not let it listen in time, start-up goes on and the relay
    /// keeps trying in the background.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await listening.Task.WaitAsync(ListeningAtStart, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Not yet listening for other app instances' changes after {Wait}; still trying", ListeningAtStart);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            // Held for the app's lifetime: outside the pool, where it would count against the pool's size. Waiting for
            // notifications needs a connection of its own, which multiplexing does not give.
            Pooling = false,
            Multiplexing = false,
        };
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = ListenKeepAliveSeconds;
        }
        builder.ApplicationName ??= "ClaimTracker live updates";
        var retry = FirstRetry;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ToString());
                connection.Notification += (_, e) => bus.Receive(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeBus.ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (lost)
                {
                    logger.LogInformation("Listening again for other app instances' changes on {Channel}", PostgresChangeBus.ChannelName);
                    lost = false;
                }
                listening.TrySetResult();
                retry = FirstRetry;
                while (true)
                {
                    // Each notification raises connection.Notification (above) before this returns.
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                lost = true;
                logger.LogWarning(ex, "Not listening for other app instances' changes on {Channel}: until this reconnects, changes saved "
                    + "on other instances do not reach this instance's open pages. Reconnecting in {Retry}", PostgresChangeBus.ChannelName, retry);
            }
            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
    }

    /// <summary>Sends the queued changes one at a time, in the order they were saved, over a pool of one connection.</summary>
    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            MaxPoolSize = 1,
            Multiplexing = false,
            Timeout = SendTimeoutSeconds,
            CommandTimeout = SendTimeoutSeconds,
        };
        builder.ApplicationName ??= "ClaimTracker live updates";
        await using var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await foreach (var payload in bus.Outbox.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var notify = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
                    notify.Parameters.AddWithValue("channel", PostgresChangeBus.ChannelName);
                    notify.Parameters.AddWithValue("payload", payload);
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "A change was not announced to other app instances, whose open pages miss it: {Payload}", payload);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: changes still queued are not announced; the other instances' pages show them on their next load.
        }
    }
}
