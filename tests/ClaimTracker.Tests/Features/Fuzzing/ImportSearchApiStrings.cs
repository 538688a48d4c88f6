using System.Text;
using CsCheck;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Random and hostile strings for the import, search and API fuzz tests, by kind: control characters, half
/// characters (lone surrogates), right-to-left and zero-width marks, SQL / FTS5 / LIKE metacharacters, markup
/// (with a marker tag that must never reach a page unescaped), deeply nested Markdown, HTML and JSON, and
/// a million characters. Each kind is also drawn mixed with the others and with ordinary words, so that a
/// failure shrinks to the smallest string that still fails.
/// </summary>
public static class ImportSearchApiStrings
{
    /// <summary>A tag that no input is allowed to put on a page as markup: shown inert, it appears escaped.</summary>
    public const string Marker = "<x-fuzz";

    public const int Million = 1_000_000;

    public enum Kind { Words, Control, Surrogates, Marks, Metacharacters, Markup, DeepMarkdown, DeepHtml, DeepJson, Huge, Random, Mixed }

    private static readonly string[] Words = ["Putin", "deal", "Kremlin", "Peskov said", "talks", "Київ", "تفاوض", "中文", "naïve", "ready"];

    private static readonly string[] Metacharacters =
    [
        "\"", "\"\"", "*", "NEAR(", "NEAR/2", "%", "_", "'", "'; DROP TABLE Claims; --", "\"; DROP TABLE Sources; --", "^", ":",
        "(", ")", "AND", "OR", "NOT", "-", "+", "\\", "[", "]", "{", "}", "col:umn", "ClaimSearch:", "rank", "%_%", "\\%", "--", "/*", "*/",
        "\0", "?", "&", "#", "=", "@p0", "$1",
    ];

    private static readonly string[] Markup =
    [
        Marker + ">", Marker + " onload=alert(1)>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea>",
        "<!--", "-->", "<![CDATA[", "&amp;", "&lt;", "&#0;", "&#xD800;", "javascript:alert(1)", "[x](javascript:alert(1))", "{{x}}", "@x",
    ];

    private static readonly char[] MarkChars = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u00AD', '\u034F', '\u061C'];

    private static readonly Gen<string> Word = Gen.OneOf(Words);

    private static readonly Gen<string> ControlRun = Gen.Char['\0', '\u001F'].Array[1, 6].Select(c => new string(c));

    private static readonly Gen<string> SurrogateRun = Gen.OneOf(
        Gen.Char['\uD800', '\uDBFF'].Select(c => c.ToString()), // a high half alone
        Gen.Char['\uDC00', '\uDFFF'].Select(c => c.ToString()), // a low half alone
        Gen.Const("\uDC00\uD800"), // both halves, the wrong way round
        Gen.Const("😀"));

    private static readonly Gen<string> MarkRun = Gen.Char[new string(MarkChars)].Array[1, 4].Select(c => new string(c));

    private static readonly Gen<string> Metacharacter = Gen.OneOf(Metacharacters);

    private static readonly Gen<string> MarkupPiece = Gen.OneOf(Markup);

    /// <summary>From a little past the import's limits (64 Markdown levels, 256 HTML levels) to a hundred thousand.</summary>
    private static readonly Gen<int> Depth = Gen.OneOf(Gen.Int[60, 300], Gen.Const(10_000), Gen.Const(100_000));

    private static readonly Gen<string> DeepMarkdown = Gen.Select(Depth, Gen.Int[0, 4], (depth, shape) => shape switch
    {
        0 => new string('>', depth) + " Peskov said so.",
        1 => string.Concat(Enumerable.Range(0, Math.Min(depth, 2_000)).Select(i => new string(' ', 2 * i) + "- item\n")),
        2 => new string('[', depth) + "x" + string.Concat(Enumerable.Repeat("](u)", depth)),
        3 => string.Concat(Enumerable.Repeat("*a _b ", depth)) + "c",
        _ => string.Concat(Enumerable.Repeat("> - ", depth)) + "x",
    });

    private static readonly Gen<string> DeepHtml = Gen.Select(Depth, Gen.OneOf("<div>", "<b><i>", "<table><tr><td>", "<span>", "<blockquote>", "<svg><g>", "<template><p>"),
        (depth, open) => string.Concat(Enumerable.Repeat(open, depth)) + "Peskov said so.");

    private static readonly Gen<string> DeepJson = Gen.Select(Depth, Gen.Bool, (depth, arrays) => arrays
        ? new string('[', depth) + "1" + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    /// <summary>A million characters of one hostile kind or another (a few draws, as they are costly).</summary>
    private static readonly Gen<string> Huge = Gen.OneOf("a", "x ", "\u202E", "\"", "<div>", ">", "\u0001a", "\uD800").Select(unit =>
    {
        var builder = new StringBuilder(Million);
        while (builder.Length < Million)
        {
            builder.Append(unit);
        }
        return builder.ToString(0, Million);
    });

    private static readonly Gen<string> Piece = Gen.OneOf(Word, Word, ControlRun, SurrogateRun, MarkRun, Metacharacter, Metacharacter, MarkupPiece,
        Gen.OneOf(" ", "  ", "\n", "\r\n", "\t"));

    /// <summary>Ordinary words, hostile pieces and white space in any order.</summary>
    private static readonly Gen<string> Mixed = Piece.Array[1, 24].Select(string.Concat);

    public static Gen<string> Of(Kind kind) => kind switch
    {
        Kind.Words => Word.Array[1, 6].Select(w => string.Join(' ', w)),
        Kind.Control => Gen.Select(Word, ControlRun, Word, (a, b, c) => a + b + c),
        Kind.Surrogates => Gen.Select(Word, SurrogateRun, Word, (a, b, c) => a + b + c),
        Kind.Marks => Gen.Select(Word, MarkRun, Word, (a, b, c) => a + b + c),
        Kind.Metacharacters => Gen.OneOf(Metacharacter, Gen.Select(Word, Metacharacter, Word, (a, b, c) => a + b + c)),
        Kind.Markup => Gen.Select(Word, MarkupPiece, Word, (a, b, c) => a + " " + b + " " + c),
        Kind.DeepMarkdown => DeepMarkdown,
        Kind.DeepHtml => DeepHtml,
        Kind.DeepJson => DeepJson,
        Kind.Huge => Huge,
        Kind.Random => Gen.String[0, 40],
        _ => Mixed,
    };

    /// <summary>Every kind, each as likely as the others except a million characters, which is rarer because it is slow.</summary>
    public static readonly Gen<(Kind Kind, string Text)> Any = Gen.Frequency(
        Enum.GetValues<Kind>().Select(kind => (kind == Kind.Huge ? 1 : 4, (IGen<(Kind, string)>)Of(kind).Select(text => (kind, text)))).ToArray());

    /// <summary>
    /// A string as a URL path segment or query value, byte by byte: letters and digits as they are, everything else
    /// percent-encoded, a half character as the three bytes it would take (invalid UTF-8, as a crafted client sends it).
    /// </summary>
    public static string PercentEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '~')
            {
                builder.Append(c);
                continue;
            }
            int count;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), bytes);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                (bytes[0], bytes[1], bytes[2], count) = ((byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F)), 3);
            }
            else
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), bytes);
            }
            foreach (var b in bytes[..count])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Starts timing a fuzz run: wall-clock and this process's processor time (which includes tests running alongside).</summary>
    public static (System.Diagnostics.Stopwatch Wall, TimeSpan Cpu) StartClock() =>
        (System.Diagnostics.Stopwatch.StartNew(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>"in 12.3 s (8.1 s of processor time)": how long a run took, for the test output.</summary>
    public static string Elapsed((System.Diagnostics.Stopwatch Wall, TimeSpan Cpu) clock) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"in {clock.Wall.Elapsed.TotalSeconds:0.0} s ({(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - clock.Cpu).TotalSeconds:0.0} s of processor time)");

    /// <summary>A short description of a failing input for the test output: its kind, length and beginning.</summary>
    public static string Describe(Kind kind, string text) =>
        $"{kind}, {text.Length:N0} chars: \"{Escape(text.Length > 80 ? text[..80] + "…" : text)}\"";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) || MarkChars.Contains(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
