namespace ClaimTracker.Web.Data.Postgres;

/// <summary>How <see cref="PostgresCopy"/> treats what the target already holds.</summary>
public enum PostgresCopyMode
{
    /// <summary>The target must hold no ClaimTracker data (it may be migrated); it gets the source's rows, ids and all.</summary>
    IntoEmpty,

    /// <summary>
    /// The source's rows are added to what the target holds; their ids must not be taken there yet. For a source made to
    /// fit (the generator's temporary file, whose ids continue the target's: <see cref="PostgresCopy.ContinueIdsAsync"/>).
    /// The rows the migrations insert (the default rating scale) are in both and are not copied.
    /// </summary>
    Append,
}

/// <summary>One table of a copy: rows in the source, rows copied, rows in the target at the end.</summary>
/// <param name="Skipped">Rows not copied because the target has them from its own migrations (appending only).</param>
public sealed record CopiedTable(string Table, long SourceRows, long Copied, long Skipped, long TargetRows, TimeSpan Elapsed);

/// <summary>What a copy did; every table's count was checked before it committed.</summary>
/// <param name="SourceTopicRows">The source's own topic index (SQLite's <c>ClaimTopics</c>); null when appending.</param>
/// <param name="RecountedClaims">Claims whose stored dispute counts the rebuild changed: counts that were stale in the source.</param>
public sealed record PostgresCopyResult(
    IReadOnlyList<CopiedTable> Tables, long SearchRows, long TopicRows, long? SourceTopicRows, int RecountedClaims, TimeSpan Elapsed)
{
    public long RowsCopied => Tables.Sum(t => t.Copied);
}

/// <summary>A copy refused or failed; the message says what happened to the target.</summary>
public sealed class PostgresCopyException(string message, Exception? inner = null) : Exception(message, inner);
