namespace ClaimTracker.Web.Domain;

/// <summary>
/// A signed-in person following a claim or an actor, to hear when it moves. Exactly one of <see cref="ClaimId"/> and
/// <see cref="ActorId"/> is set. What changed since they last looked is every history entry after
/// <see cref="SeenThroughEntryId"/>.
/// </summary>
public class Follow
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int? ClaimId { get; set; }
    public int? ActorId { get; set; }
    public DateTimeOffset FollowedAt { get; set; }

    /// <summary>When they last marked its changes as seen (or started following), for "since you looked on …".</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// The newest history entry (<see cref="AuditEntry.Id"/>) there was when they last looked. Ids rather than times:
    /// ids grow in the order changes are committed (writes take turns on both engines), never tie, and compare as
    /// numbers on SQLite, which keeps times as text.
    /// </summary>
    public long SeenThroughEntryId { get; set; }
}
