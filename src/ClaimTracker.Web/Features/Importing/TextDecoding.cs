using System.Text;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// Bytes of a text file to a string, strictly: UTF-8 (with or without a byte-order mark), or UTF-16 when a byte-order
/// mark says so. Anything else is refused with a message rather than decoded into replacement characters, because the
/// stored text is immutable and every anchor will point into it.
/// </summary>
public static class TextDecoding
{
    public const string NotUtf8 = "This file is not valid UTF-8 text (save it as UTF-8).";
    public const string Binary = "This file is not text (it holds binary data, as a PDF or Word document does); save it as .txt, .md or .html.";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LE = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BE = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>The decoded text, or null and the reason it could not be decoded.</summary>
    public static (string? Text, string? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                text = StrictUtf8.GetString(bytes[3..]);
            }
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                text = StrictUtf16LE.GetString(bytes[2..]);
            }
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                text = StrictUtf16BE.GetString(bytes[2..]);
            }
            else if (bytes.Contains((byte)0))
            {
                // No text encoding this app reads puts NUL bytes in text without a byte-order mark: a binary file
                // (checked before UTF-8, so a PDF is called binary rather than "not UTF-8").
                return (null, Binary);
            }
            else
            {
                text = StrictUtf8.GetString(bytes);
            }
        }
        catch (DecoderFallbackException)
        {
            return (null, NotUtf8);
        }
        return LooksBinary(text) ? (null, Binary) : (text, null);
    }

    /// <summary>
    /// NUL characters, or more than one character in a hundred a control character other than tab and line breaks:
    /// decodable, but not prose.
    /// </summary>
    public static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }
            if (IsStrayControl(c))
            {
                controls++;
            }
        }
        return controls > 0 && controls * 100 > text.Length;
    }

    /// <summary>
    /// Line breaks as <c>\n</c>, a few stray control characters dropped (a form feed between pages, an escape
    /// sequence copied from a terminal), and no surrounding white space.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\uFEFF' && i == 0)
            {
                // A byte-order mark that survived (pasted text, or one inside a UTF-16 file) is not part of the text.
            }
            else if (char.IsSurrogate(c))
            {
                AppendSurrogate(text, ref i, builder);
            }
            else if (!IsStrayControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>
    /// A one-line field (outlet, title, link) as it will be stored: control characters, tabs and line breaks as
    /// spaces, and half a character (a lone surrogate, which no text file can hold but a crafted request can) as
    /// U+FFFD, as the database would store it anyway. Null stays null.
    /// </summary>
    public static string? SingleLine(string? value)
    {
        if (value is null || !value.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (char.IsSurrogate(c))
            {
                AppendSurrogate(value, ref i, builder);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>A surrogate pair as it is; half of one as U+FFFD (the replacement character).</summary>
    private static void AppendSurrogate(string text, ref int i, StringBuilder builder)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            builder.Append(text[i]).Append(text[i + 1]);
            i++;
        }
        else
        {
            builder.Append('\uFFFD');
        }
    }

    private static bool IsStrayControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');
}
