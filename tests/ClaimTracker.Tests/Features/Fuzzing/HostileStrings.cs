using System.Globalization;
using System.Text;
using CsCheck;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Generators of what a hostile or careless client sends into a text field: control characters, lone surrogates,
/// direction overrides and zero-width marks, markup (HTML, Markdown, JSON) nested thousands deep, SQL, FTS and LIKE
/// metacharacters, a million characters, and random UTF-16. Mixed with ordinary words so that some of it is accepted
/// and stored, which is what the renderers then have to show inertly.
/// </summary>
public static class HostileStrings
{
    public static readonly string[] Fragments =
    [
        // C0, DEL and C1 controls, and every way to break a line.
        "\0", "\u0001", "\u0007", "\b", "\u000B", "\f", "\u001b[31m", "\u001b]0;title\u0007", "\u007f", "\u0085", "\u009b", "\r\n", "\r", "\n", "\t", "\u2028", "\u2029",
        // Broken and reserved UTF-16: lone halves, a valid pair, noncharacters.
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDFFF\uD800", "😀", "\uD83C\uDDFA\uD83C\uDDE6", "\uFFFE", "\uFFFF", "\uFDD0", "\uDBFF\uDFFF",
        // Direction overrides, embeddings, isolates and their closers; direction marks; zero-width characters.
        "\u202E", "\u202D", "\u202A", "\u202B", "\u202C", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C",
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u3164",
        // HTML and script.
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=//evil>", "</textarea>", "</script>",
        "<!--", "-->", "]]>", "&lt;", "&#x3C;script&#x3E;", "<a href=\"javascript:alert(1)\">x</a>", "javascript:alert(1)", "data:text/html,<b>",
        "<style>*{display:none}</style>", "\" onmouseover=\"alert(1)", "' autofocus onfocus='alert(1)",
        // Markdown.
        "> ", ">", "- ", "* ", "+ ", "1. ", "    ", "```", "`", "**", "__", "*", "_", "~~", "|", "# ", "[", "](", ")", "<", "&", "!", "\\",
        "[x](javascript:alert(1))", "[x]: javascript:alert(1)", "<http://a>", "![i](https://example.com/i.png)", "---\n", "***",
        // JSON.
        "{\"a\":", "[", "]", "}", "\"", "\\u0000", "\\ud800", "{\"__proto__\":{}}",
        // SQL, FTS5 and LIKE.
        "'", "' OR 1=1 --", "'; DROP TABLE Claims; --", "%", "_", "\\%", "[a-z]", "NEAR(", "\"unterminated", " AND ", " OR ", " NOT ", "^", ":", "-", "col:", "*)",
        // Ordinary words, and words of the seed article (so quotes and searches sometimes match).
        " ", "a", "word", "Kremlin", "ready to make a deal", "Peskov", "Ukraine", "مرحبا", "שלום", "日本語",
    ];

    private static readonly string[] NestedUnits = ["> ", ">", "- ", "  - ", "* ", "1. ", "> - ", "*", "**", "_", "[", "<div>", "<b>", "{\"a\":", "[[", "\u202E", "\u2066", "(", "`"];

    /// <summary>Fragments strung together, up to 60 of them.</summary>
    public static readonly Gen<string> Fragmented = Gen.OneOf(Fragments).Array[0, 60].Select(string.Concat);

    /// <summary>A few fragments: a name, a topic or a web address that is hostile but short enough to be stored.</summary>
    public static readonly Gen<string> Short = Gen.OneOf(Fragments).Array[1, 8].Select(string.Concat);

    /// <summary>Any UTF-16 code units, lone surrogates and controls included.</summary>
    public static readonly Gen<string> RandomUtf16 = Gen.Char.Array[0, 300].Select(chars => new string(chars));

    /// <summary>
    /// One construct repeated, with text after it: at the note limits (8, 9), past Markdig's own (130), as in the reported
    /// attack (300), and far past (5,000, beyond the length limit for most constructs).
    /// </summary>
    public static readonly Gen<string> Nested = Gen.Select(Gen.OneOf(NestedUnits), Gen.OneOf(1, 2, 8, 9, 20, 130, 300, 1000, 5000), Gen.OneOf(Fragments))
        .Select((unit, depth, tail) => string.Concat(Enumerable.Repeat(unit, depth)) + " x " + tail);

    /// <summary>A million characters and one more: at, and just past, the largest limit anywhere (a corrected source text).</summary>
    public static readonly Gen<string> Huge = Gen.Select(Gen.OneOf("a", "> ", "\u202E", "\uD800", "<b>", "*", "\n", "word "), Gen.OneOf(1_000_000, 1_000_001))
        .Select((unit, length) => Repeat(unit, length));

    /// <summary>The mix every fuzz test draws from; the million-character strings rarely, as each costs real time to check.</summary>
    public static readonly Gen<string> Any = Gen.Frequency(
        (14, Fragmented),
        (4, RandomUtf16),
        (3, Nested),
        (1, Huge));

    /// <summary>
    /// For one field of several (a draft's name, role, aliases): mostly short, so that the other fields get their turn to
    /// be stored or refused, and often enough anything at all. Declared after the generators it draws on.
    /// </summary>
    public static readonly Gen<string> Field = Gen.Frequency((3, Short), (1, Gen.Const("")), (2, Any));

    /// <summary>A short, readable description of a case for a failure message: its length and its start, escaped.</summary>
    public static string Describe(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        var shown = new StringBuilder();
        foreach (var c in value.Take(160))
        {
            shown.Append(c is < ' ' or (>= '\u007f' and <= '\u00a0') || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
                ? $"\\u{(int)c:X4}"
                : c.ToString());
        }
        return $"[{value.Length:N0} chars] \"{shown}{(value.Length > 160 ? "…" : "")}\"";
    }

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }
        builder.Length = length;
        return builder.ToString();
    }
}
