using Microsoft.Extensions.Caching.Memory;

namespace ClaimTracker.Web.Data;

/// <summary>
/// Keeps what the reading pages show (the overview, a page of claims, a dispute, an actor, a source) between requests
/// until anything in the database changes. A newsroom's readers open the same few pages over and over while the record
/// changes a few times a minute: with a thousand readers on the site, loading the overview afresh each time meant
/// eight queries per visit, and the connection pool's lock became the queue (see docs/performance.md).
/// <para>
/// Exact, not "fresh enough": every entry is keyed by <see cref="RecordVersion"/>, which changes with every commit of
/// any writer, so the first read after a save loads anew. When the version moves the old entries are dropped at once.
/// Only role-independent read models go through here (what the services return to every user alike); what depends on
/// who is asking (drafts, notes, permissions) is read per user as before. Cached models are shared between users and
/// must be immutable: the services return records over read-only lists.
/// </para>
/// </summary>
public sealed class ReadModelCache(RecordVersion? version) : IDisposable
{
    /// <summary>A cache that keeps nothing: for code that builds the services by hand to time their queries.</summary>
    public static readonly ReadModelCache Disabled = new(null);

    /// <summary>How many read models are kept: the busiest pages of a large record, each a few KB to a few hundred KB.</summary>
    public const int Capacity = 2_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly Lock gate = new();
    private long cachedVersion = -1;

    /// <summary>
    /// The model under <paramref name="key"/> as of the current version, loading it with <paramref name="load"/> when it
    /// is not kept. The key must name everything the model depends on (the method and its arguments). A null model
    /// (nothing found) is not kept.
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T>> load, CancellationToken ct = default)
    {
        if (version is null)
        {
            return await load(ct);
        }
        var current = VersionAndDropOlder();
        var versionedKey = (current, key);
        if (cache.TryGetValue(versionedKey, out T? kept))
        {
            return kept!;
        }
        var loaded = await load(ct);
        if (loaded is not null)
        {
            // Kept under the version read before loading: if a commit came in between, later readers ask under the new
            // version and never see this entry, which may or may not hold that commit.
            cache.Set(versionedKey, loaded, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return loaded;
    }

    private long VersionAndDropOlder()
    {
        var current = version!.Current;
        lock (gate)
        {
            if (current != cachedVersion)
            {
                cachedVersion = current;
                cache.Clear();
            }
        }
        return current;
    }

    public void Dispose() => cache.Dispose();
}
