namespace ClaimTracker.Web.Features.Live;

/// <summary>
/// Hands each change to the open pages listening to its record (a claim, a source), inside this process. One slow or
/// broken page must not hold up the editor who saved, so every handler runs on its own and its failure is only logged.
/// </summary>
public abstract class InProcessChangeNotifier<TChange>(Func<TChange, int> recordOf, ILogger logger)
{
    private readonly Lock gate = new();
    // A null record: the listener hears every change (a page of things someone follows, which may gain new records).
    private readonly List<(int? RecordId, Func<TChange, Task> Handler)> subscribers = [];

    /// <summary>Announce a change, after it is saved.</summary>
    public void Publish(TChange change)
    {
        var recordId = recordOf(change);
        List<Func<TChange, Task>> handlers;
        lock (gate)
        {
            handlers = subscribers.Where(s => s.RecordId is null || s.RecordId == recordId).Select(s => s.Handler).ToList();
        }
        foreach (var handler in handlers)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(change);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A page failed to handle {Change}", change);
                }
            });
        }
    }

    /// <summary>
    /// Listen for changes to one record until the returned handle is disposed. The handler runs on the publisher's
    /// thread pool, not the page's: components must marshal with <c>InvokeAsync</c>.
    /// </summary>
    public IDisposable Subscribe(int recordId, Func<TChange, Task> handler) => Add(recordId, handler);

    /// <summary>Listen for changes to every record until the returned handle is disposed; as <see cref="Subscribe"/> otherwise.</summary>
    public IDisposable SubscribeToAll(Func<TChange, Task> handler) => Add(null, handler);

    private Unsubscriber Add(int? recordId, Func<TChange, Task> handler)
    {
        (int? RecordId, Func<TChange, Task> Handler) entry = (recordId, handler);
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
