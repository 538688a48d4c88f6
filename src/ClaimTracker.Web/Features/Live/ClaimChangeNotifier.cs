namespace ClaimTracker.Web.Features.Live;

public enum ClaimChangeKind
{
    Claim,
    Attribution,
    Relation,
    Annotation,
    Verdict,
}

/// <summary>
/// Something about a claim changed; open pages showing that claim reload what they show. It carries ids, never
/// content: every listener re-reads through the services, which filter for its own user (a journalist's page
/// hearing of a new verdict draft reloads and still gets no draft), so nothing can leak through this channel.
/// </summary>
public sealed record ClaimChange(int ClaimId, ClaimChangeKind Kind);

/// <summary>
/// Tells open pages that a claim changed, so every browser showing it updates without a reload. Behind an
/// interface because the reach depends on the engine: one process on SQLite, every app instance sharing the
/// database on PostgreSQL (see <see cref="LiveSetup.AddLiveUpdates"/>).
/// </summary>
public interface IClaimChangeNotifier
{
    /// <summary>Announce a change, after it is saved.</summary>
    void Publish(ClaimChange change);

    /// <summary>Listen for changes to one claim until the returned handle is disposed.
    /// The handler runs on the publisher's thread: components must marshal with <c>InvokeAsync</c>.</summary>
    IDisposable Subscribe(int claimId, Func<ClaimChange, Task> handler);

    /// <summary>Listen for changes to any claim until the returned handle is disposed; for a page whose claims are not
    /// known in advance (a followed actor's next statement may be on a claim made today). Same threading as <see cref="Subscribe"/>.</summary>
    IDisposable SubscribeToAll(Func<ClaimChange, Task> handler);
}

public sealed class InProcessClaimChangeNotifier(ILogger<InProcessClaimChangeNotifier> logger)
    : InProcessChangeNotifier<ClaimChange>(change => change.ClaimId, logger), IClaimChangeNotifier;
