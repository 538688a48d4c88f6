using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// The checks a stored value must pass: it keeps the stored-text policy (<c>InputText</c>), and it comes out of the
/// renderers the pages use with no live markup. Each throws (an xunit assertion) with the value described.
/// </summary>
public static class Inert
{
    private static readonly HashSet<string> NoteTags = ["p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "br"];

    /// <summary>
    /// No control character but <c>\n</c> and <c>\t</c> (none at all on one line), no half of a surrogate pair, no
    /// noncharacter or byte-order mark, and every direction override or isolate closed on the line that opened it.
    /// </summary>
    public static void StoredText(string value, bool multiline, string what)
    {
        // Messages are built only on failure: this runs per character over strings of a million.
        void Fail(string problem, int at) => Assert.Fail($"{what}: {problem} at {at} in {HostileStrings.Describe(value)}");

        var open = new Stack<bool>();
        var openIsolates = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if ((char.ConvertToUtf32(c, value[i + 1]) & 0xFFFE) == 0xFFFE)
                {
                    Fail("a noncharacter", i);
                }
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                Fail("a lone surrogate", i);
            }
            if (c is '\uFEFF' or '\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF'))
            {
                Fail($"U+{(int)c:X4}", i);
            }
            if (c == '\n')
            {
                if (!multiline)
                {
                    Fail("a line break in a one-line field", i);
                }
                if (open.Count > 0)
                {
                    Fail("a direction override left open at a line break", i);
                }
                continue;
            }
            if (char.IsControl(c) && !(multiline && c == '\t'))
            {
                Fail($"control U+{(int)c:X4}", i);
            }
            switch (c)
            {
                case '\u202A' or '\u202B' or '\u202D' or '\u202E':
                    open.Push(false);
                    break;
                case '\u2066' or '\u2067' or '\u2068':
                    open.Push(true);
                    openIsolates++;
                    break;
                case '\u202C':
                    if (!open.TryPop(out var isolate) || isolate)
                    {
                        Fail("a PDF closing no embedding", i);
                    }
                    break;
                case '\u2069':
                    if (openIsolates == 0)
                    {
                        Fail("a PDI closing no isolate", i);
                    }
                    while (!open.Pop())
                    {
                    }
                    openIsolates--;
                    break;
            }
        }
        if (open.Count > 0)
        {
            Fail("a direction override left open", value.Length);
        }
    }

    /// <summary>
    /// A note as the page shows it: rendered by <see cref="MarkdownRenderer"/> without falling back (everything saved
    /// must render as Markdown), and holding only the allowed tags, no attribute but a checked <c>href</c> and <c>rel</c>.
    /// </summary>
    public static void NoteHtml(string body, string what)
    {
        var html = SavedNotes.ToHtml(body, noteId: 1);
        // Only saved notes come here, so any fallback ever logged is a failure (the cache shows each body once).
        Assert.True(SavedNotesLog.Warnings == 0, $"{what}: a saved note could not be rendered as Markdown: {HostileStrings.Describe(body)}");
        LiveFree(html, what, body);
    }

    private static readonly WarningCounter SavedNotesLog = new();
    private static readonly MarkdownRenderer SavedNotes = new(SavedNotesLog);

    /// <summary>HTML that holds only a note's allowed tags, with links only to http, https and mailto.</summary>
    public static void LiveFree(string html, string what, string source)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.True(NoteTags.Contains(element.LocalName), $"{what}: <{element.LocalName}> rendered from {HostileStrings.Describe(source)}");
            foreach (var attribute in element.Attributes)
            {
                var allowed = attribute.Name switch
                {
                    "href" => attribute.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                        || attribute.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                        || attribute.Value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase),
                    "rel" => true,
                    "class" => attribute.Value == "note-plain",
                    _ => false,
                };
                Assert.True(allowed, $"{what}: {attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}> from {HostileStrings.Describe(source)}");
            }
        }
    }

    /// <summary>
    /// A value as the claim page embeds it in its JSON-LD script (the verdict panel's ClaimReview): serialized without
    /// error and unable to end the script element.
    /// </summary>
    public static void InJsonLd(string value, string what)
    {
        var json = ClaimReviewService.Serialize(new JsonObject { ["claimReviewed"] = value, ["name"] = new JsonArray(value) });
        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain(">", json);
        Assert.False(string.IsNullOrEmpty(what));
    }

    private sealed class WarningCounter : ILogger<MarkdownRenderer>
    {
        public int Warnings;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Interlocked.Increment(ref Warnings);
            }
        }
    }
}
