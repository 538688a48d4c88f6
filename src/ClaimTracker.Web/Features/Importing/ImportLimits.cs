namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// How deep and how long an uploaded file may be to parse. The size limit (<see cref="ImportOptions.MaxBytes"/>) alone
/// does not bound the work: parsing HTML costs time in proportion to the square of its nesting depth (the HTML
/// standard's tree builder looks through every open element for each new one), so 2 MB of nested <c>&lt;div&gt;</c>
/// tags kept a server busy for most of a minute, and Markdown nested deeper than Markdig allows threw.
/// The limits are far beyond any real article: a news page nests its text some 20 to 40 elements deep, and
/// Markdown quotes or lists more than a handful of levels deep are unreadable.
/// </summary>
public static class ImportLimits
{
    /// <summary>Elements inside elements, counted from <c>&lt;html&gt;</c>. Browsers themselves stop nesting at 512.</summary>
    public const int MaxHtmlDepth = 256;

    /// <summary>Quotes, lists and inline markup inside each other (Markdig's own limit is 128).</summary>
    public const int MaxMarkdownDepth = 64;

    /// <summary>
    /// Reading a file (decoding and parsing), by the clock. A 2 MB article takes under a second of processor time; the
    /// rest is room for a busy server, where a parse gets a small share of a core (measured: over 10 s on a shared
    /// two-core machine running forty processes). The depth limits stop the known slow inputs long before this.
    /// </summary>
    public const int ParseTimeoutSeconds = 30;

    public static TimeSpan ParseTimeout => TimeSpan.FromSeconds(ParseTimeoutSeconds);
}

/// <summary>A file whose structure is nested deeper than <see cref="Limit"/>: refused before it costs more work.</summary>
public sealed class NestedTooDeepException(int limit)
    : Exception($"The input is nested more than {limit} levels deep.")
{
    public int Limit { get; } = limit;
}
