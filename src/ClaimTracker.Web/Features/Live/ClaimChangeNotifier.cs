namespace ClaimTracker.Web.Features.Live;

public enum ClaimChangeKind
{
    Claim,
    Attribution,
    Relation,
    Annotation,
    Verdict,
}

/// <summary>Something about a claim changed; open pages showing that claim reload what they show.</summary>
public sealed record ClaimChange(int ClaimId, ClaimChangeKind Kind);

/// <summary>
/// Tells open pages that a claim changed, so every browser showing it updates without a reload. Behind an
/// interface so that several app servers can later share a bus; today one process is the whole app.
/// </summary>
public interface IClaimChangeNotifier
{
    /// <summary>Announce a change, after it is saved.</summary>
    void Publish(ClaimChange change);

    /// <summary>Listen for changes to one claim until the returned handle is disposed.
    /// The handler runs on the publisher's thread: components must marshal with <c>InvokeAsync</c>.</summary>
    IDisposable Subscribe(int claimId, Func<ClaimChange, Task> handler);
}

public sealed class InProcessClaimChangeNotifier(ILogger<InProcessClaimChangeNotifier> logger) : IClaimChangeNotifier
{
    private readonly Lock gate = new();
    private readonly List<(int ClaimId, Func<ClaimChange, Task> Handler)> subscribers = [];

    public void Publish(ClaimChange change)
    {
        List<Func<ClaimChange, Task>> handlers;
        lock (gate)
        {
            handlers = subscribers.Where(s => s.ClaimId == change.ClaimId).Select(s => s.Handler).ToList();
        }
        foreach (var handler in handlers)
        {
            // Fire and forget per subscriber: one slow or broken page must not hold up the editor who saved.
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(change);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A page failed to handle a change to claim {ClaimId}", change.ClaimId);
                }
            });
        }
    }

    public IDisposable Subscribe(int claimId, Func<ClaimChange, Task> handler)
    {
        var entry = (claimId, handler);
        lock (gate)
        {
            subscribers.Add(entry);
        }
        return new Unsubscriber(() =>
        {
            lock (gate)
            {
                subscribers.Remove(entry);
            }
        });
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
