using System.Globalization;
using System.Text;

namespace ClaimTracker.Web.Features.Common;

/// <summary>
/// What stored text may hold, applied by every service to what people type before it checks lengths and saves.
/// <list type="bullet">
/// <item>Line breaks are <c>\n</c> (<c>\r\n</c>, <c>\r</c>, U+2028 and U+2029 become one); a one-line field turns
/// line breaks and tabs into spaces.</item>
/// <item>Control characters other than <c>\n</c> and <c>\t</c> (C0, DEL, C1) are dropped: typed by nobody, they only
/// confuse terminals, logs, exports and other programs reading the record. So is U+FEFF, a byte-order mark.</item>
/// <item>A lone surrogate (half of a character) and a noncharacter become U+FFFD, the replacement character: such text
/// cannot be written as UTF-8, so JSON, the database and the browser would each mangle it in their own way.</item>
/// <item>Right-to-left and zero-width marks stay: Arabic, Hebrew and Persian quotes need the direction marks, and
/// zero-width joiners are part of Persian, Indic scripts and emoji. The direction <em>overrides, embeddings and
/// isolates</em> (U+202A–U+202E, U+2066–U+2069) stay too, but closed where they opened: one left open would reverse
/// the text that the page prints after the value (a name, a quote) and make it say something else. An unmatched closer
/// is dropped and every scope still open at a line break or at the end is closed there.</item>
/// </list>
/// Rendering is inert on its own (Razor encodes text, notes go through <c>MarkdownRenderer</c>); this policy is about
/// what the record keeps, so exports and other readers get clean text too.
/// </summary>
public static class InputText
{
    private const char Replacement = '\uFFFD';
    private const char PopDirectionalFormatting = '\u202C';
    private const char PopDirectionalIsolate = '\u2069';

    /// <summary>Text of several lines (a note, a rationale), trimmed unless <paramref name="trim"/> is false (Markdown, where leading spaces mean something).</summary>
    public static string Clean(string? value, bool trim = true) => Normalize(value, multiline: true, trim);

    /// <summary>Text of one line (a name, a topic, a web address): line breaks and tabs become spaces; trimmed.</summary>
    public static string CleanLine(string? value) => Normalize(value, multiline: false, trim: true);

    /// <summary>True for null, empty, or nothing a reader could see: white space, controls and invisible format characters only.</summary>
    public static bool IsBlank(string? value)
    {
        if (value is null)
        {
            return true;
        }
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return false;
            }
        }
        return true;
    }

    private static string Normalize(string? value, bool multiline, bool trim)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var builder = new StringBuilder(value.Length);
        // Open direction scopes, innermost last: true for an isolate (closed by PDI), false for an embedding or override (PDF).
        var open = new Stack<bool>();
        var openIsolates = 0; // counted, not searched for: a million closers must not each scan the stack
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                    if (IsNoncharacter(codePoint))
                    {
                        builder.Append(Replacement);
                    }
                    else
                    {
                        builder.Append(c).Append(value[i + 1]);
                    }
                    i++;
                }
                else
                {
                    builder.Append(Replacement);
                }
                continue;
            }
            switch (c)
            {
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }
                    LineBreak(builder, open, multiline);
                    openIsolates = 0;
                    break;
                case '\n' or '\u2028' or '\u2029':
                    LineBreak(builder, open, multiline);
                    openIsolates = 0;
                    break;
                case '\t':
                    builder.Append(multiline ? '\t' : ' ');
                    break;
                case '\uFEFF':
                    break;
                case '\u202A' or '\u202B' or '\u202D' or '\u202E':
                    open.Push(false);
                    builder.Append(c);
                    break;
                case '\u2066' or '\u2067' or '\u2068':
                    open.Push(true);
                    openIsolates++;
                    builder.Append(c);
                    break;
                case PopDirectionalFormatting:
                    // Closes the innermost embedding, unless an isolate opened after it (then it means nothing: dropped).
                    if (open.TryPeek(out var isolate) && !isolate)
                    {
                        open.Pop();
                        builder.Append(c);
                    }
                    break;
                case PopDirectionalIsolate:
                    // Closes the innermost isolate and every embedding opened inside it; without an open isolate, dropped.
                    if (openIsolates > 0)
                    {
                        while (!open.Pop())
                        {
                            builder.Append(PopDirectionalFormatting);
                        }
                        openIsolates--;
                        builder.Append(c);
                    }
                    break;
                default:
                    if (char.IsLowSurrogate(c) || IsNoncharacter(c))
                    {
                        builder.Append(Replacement);
                    }
                    else if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        CloseAll(builder, open);
        var result = builder.ToString();
        return trim ? result.Trim() : result;
    }

    private static void LineBreak(StringBuilder builder, Stack<bool> open, bool multiline)
    {
        // The bidi algorithm ends every scope at a paragraph break, but a page may show this value inline, where a
        // line break is only a space: close them here so the text keeps the same meaning either way.
        CloseAll(builder, open);
        builder.Append(multiline ? '\n' : ' ');
    }

    private static void CloseAll(StringBuilder builder, Stack<bool> open)
    {
        while (open.TryPop(out var isolate))
        {
            builder.Append(isolate ? PopDirectionalIsolate : PopDirectionalFormatting);
        }
    }

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane: reserved, never characters.</summary>
    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
