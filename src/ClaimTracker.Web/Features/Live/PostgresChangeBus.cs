using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace ClaimTracker.Web.Features.Live;

/// <summary>
/// The change notifiers when several app instances share one PostgreSQL database. A change reaches this instance's
/// open pages at once, exactly as in one process, and is queued for PostgreSQL's NOTIFY on <see cref="ChannelName"/>;
/// every other instance hears it (<see cref="PostgresChangeRelay"/> sends and listens) and hands it to its own pages.
/// The database is the bus: no message server to run beside it.
/// <para>
/// What travels is what the in-process notifiers carry (ids and kinds, see <see cref="ClaimChange"/>), so the channel
/// can leak nothing: each page re-reads through the services as its own user. Every instance ignores its own
/// notifications (<see cref="Origin"/>), since its pages already had them.
/// </para>
/// </summary>
public sealed class PostgresChangeBus : IClaimChangeNotifier, ISourceChangeNotifier
{
    public const string ChannelName = "claimtracker_changes";

    /// <summary>PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; ids and kinds take well under a hundred.</summary>
    public const int MaxPayloadBytes = 7999;

    /// <summary>
    /// Changes waiting to be announced. Saves come a few a minute; a full queue means the database has been out of
    /// reach for a while, and then a change that finds no room is dropped (and logged) rather than held in memory.
    /// </summary>
    private const int OutboxCapacity = 1_000;

    private const string ClaimType = "claim";
    private const string SourceType = "source";

    // Kinds by name, not number: an instance of a newer release may reorder the enum while older ones still run.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private readonly InProcessClaimChangeNotifier claims;
    private readonly InProcessSourceChangeNotifier sources;
    private readonly ILogger<PostgresChangeBus> logger;
    private readonly Channel<string> outbox = Channel.CreateBounded<string>(
        new BoundedChannelOptions(OutboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public PostgresChangeBus(ILoggerFactory loggers)
    {
        claims = new InProcessClaimChangeNotifier(loggers.CreateLogger<InProcessClaimChangeNotifier>());
        sources = new InProcessSourceChangeNotifier(loggers.CreateLogger<InProcessSourceChangeNotifier>());
        logger = loggers.CreateLogger<PostgresChangeBus>();
    }

    /// <summary>This instance, made anew at each start: its own notifications come back to it and are skipped.</summary>
    public Guid Origin { get; } = Guid.NewGuid();

    /// <summary>The payloads waiting for NOTIFY, in the order they were published; read by <see cref="PostgresChangeRelay"/>.</summary>
    internal ChannelReader<string> Outbox => outbox.Reader;

    public void Publish(ClaimChange change)
    {
        claims.Publish(change);
        Announce(ClaimType, JsonSerializer.SerializeToNode(change, Json)!.AsObject(), change);
    }

    public void Publish(SourceChange change)
    {
        sources.Publish(change);
        Announce(SourceType, JsonSerializer.SerializeToNode(change, Json)!.AsObject(), change);
    }

    public IDisposable Subscribe(int claimId, Func<ClaimChange, Task> handler) => claims.Subscribe(claimId, handler);

    public IDisposable SubscribeToAll(Func<ClaimChange, Task> handler) => claims.SubscribeToAll(handler);

    IDisposable ISourceChangeNotifier.Subscribe(int sourceId, Func<SourceChange, Task> handler) => sources.Subscribe(sourceId, handler);

    /// <summary>
    /// A notification heard on <see cref="ChannelName"/>: handed to this instance's subscribers unless this instance sent
    /// it. Never throws: it runs inside the listener's connection, and a malformed payload (another release, a person
    /// with psql) must not take the listening down; it is logged and dropped.
    /// </summary>
    public void Receive(string payload)
    {
        try
        {
            var message = JsonNode.Parse(payload)?.AsObject() ?? throw new JsonException("the payload is JSON null");
            var origin = message["origin"]?.GetValue<Guid>() ?? throw new JsonException("it names no origin");
            if (origin == Origin)
            {
                return;
            }
            switch (message["type"]?.GetValue<string>())
            {
                case ClaimType:
                    claims.Publish(message.Deserialize<ClaimChange>(Json)!);
                    break;
                case SourceType:
                    sources.Publish(message.Deserialize<SourceChange>(Json)!);
                    break;
                case var type:
                    throw new JsonException($"its type \"{type}\" is neither \"{ClaimType}\" nor \"{SourceType}\"");
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Ignored a notification on {Channel} that is not a change this release understands: {Payload}", ChannelName, payload);
        }
    }

    /// <summary>
    /// Queues the change for the other instances and returns at once: the editor's save is done, and neither a slow nor
    /// an unreachable database may hold up or fail their request now. A change that cannot be queued is only logged.
    /// </summary>
    private void Announce(string type, JsonObject fields, object change)
    {
        var message = new JsonObject { ["origin"] = Origin, ["type"] = type };
        foreach (var (name, value) in fields)
        {
            message[name] = value?.DeepClone();
        }
        var payload = message.ToJsonString(Json);
        if (Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            logger.LogWarning("{Change} is too large for a NOTIFY payload ({Limit} bytes): other app instances do not hear of it", change, MaxPayloadBytes);
            return;
        }
        if (!outbox.Writer.TryWrite(payload))
        {
            logger.LogWarning("{Change} was not announced to other app instances: {Capacity} changes are already waiting for the database",
                change, OutboxCapacity);
        }
    }
}
