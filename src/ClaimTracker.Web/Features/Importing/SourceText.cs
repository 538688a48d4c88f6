using System.Globalization;
using System.Text;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// The text to store for a source, from pasted text or an uploaded file (.txt, .md, .html, .htm), checked for size,
/// encoding and content, with the title the file suggests. Errors name the field they belong to.
/// </summary>
public static class SourceText
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".md", ".html", ".htm"];

    /// <summary>The file input's <c>accept</c> attribute.</summary>
    public static string Accept => string.Join(",", Extensions);

    public sealed record Extracted(string? Text, string? Title, string Field, string? Error);

    /// <summary>
    /// <see cref="Read"/> on a thread-pool thread (parsing a large page is CPU work that must not hold up a circuit),
    /// refused when it takes longer than <paramref name="timeout"/> (by default <see cref="ImportLimits.ParseTimeout"/>).
    /// </summary>
    public static Task<Extracted> ReadAsync(SourceImportRequest request, int maxBytes, CancellationToken ct = default, TimeSpan? timeout = null) =>
        ReadAsync(request, maxBytes, Read, ct, timeout);

    /// <summary>
    /// The time limit around any reader: tests hand in a reader that outlasts the limit for certain, where a real
    /// parse racing a short limit could win on a fast machine.
    /// </summary>
    internal static async Task<Extracted> ReadAsync(
        SourceImportRequest request, int maxBytes, Func<SourceImportRequest, int, CancellationToken, Extracted> read,
        CancellationToken ct = default, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? ImportLimits.ParseTimeout);
        try
        {
            // WaitAsync as well: should a parser ever stop looking at the token, the caller still gets its answer in time.
            return await Task.Run(() => read(request, maxBytes, limit.Token), limit.Token).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var tooLong = $"took more than {ImportLimits.ParseTimeoutSeconds} seconds to read, where an article takes about a second";
            return request.File is { } file
                ? new(null, null, ImportFields.File, $"\"{file.Name}\" {tooLong}. Try again later, or paste the article's text.")
                : new(null, null, ImportFields.PastedText, $"The text {tooLong}. Try again later.");
        }
    }

    /// <summary>The text to store and the title it suggests, or the reason it is refused. Stops when <paramref name="ct"/> is cancelled.</summary>
    public static Extracted Read(SourceImportRequest request, int maxBytes, CancellationToken ct = default)
    {
        var hasPaste = !string.IsNullOrWhiteSpace(request.PastedText);
        if (request.File is { } file)
        {
            return hasPaste
                ? new(null, null, ImportFields.PastedText, "Give the text one way: paste it or upload a file, not both.")
                : FromFile(file, maxBytes, ct);
        }
        if (request.PastedText is null || request.PastedText.Length == 0)
        {
            return new(null, null, ImportFields.PastedText, "Paste the text of the article, or upload a file.");
        }
        return FromPaste(request.PastedText, maxBytes);
    }

    public static string TooLarge(string fileName, long size, int maxBytes) => $"\"{fileName}\" is {Over(size, maxBytes)}.";

    public static string PasteTooLarge(long size, int maxBytes) => $"The text is {Over(size, maxBytes)}.";

    /// <summary>"3 MB; the limit is 2 MB", in bytes when rounding would make the two look the same.</summary>
    private static string Over(long size, int maxBytes)
    {
        var (actual, limit) = (ImportOptions.Size(size), ImportOptions.Size(maxBytes));
        return actual == limit
            ? string.Create(CultureInfo.InvariantCulture, $"{size:N0} bytes; the limit is {maxBytes:N0} bytes ({limit})")
            : $"{actual}; the limit is {limit}";
    }

    private static Extracted FromPaste(string pasted, int maxBytes)
    {
        const string field = ImportFields.PastedText;
        var bytes = Encoding.UTF8.GetByteCount(pasted);
        if (bytes > maxBytes)
        {
            return new(null, null, field, PasteTooLarge(bytes, maxBytes));
        }
        if (TextDecoding.LooksBinary(pasted))
        {
            return new(null, null, field, "The pasted text holds binary data (control characters), not prose.");
        }
        var text = TextDecoding.Normalize(pasted);
        return text.Length == 0
            ? new(null, null, field, "The pasted text is empty (only white space).")
            : new(text, null, field, null);
    }

    private static Extracted FromFile(UploadedFile file, int maxBytes, CancellationToken ct)
    {
        const string field = ImportFields.File;
        var extension = Path.GetExtension(file.Name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            var what = extension.Length == 0 ? "a file without an extension" : $"a {extension} file";
            return new(null, null, field, $"\"{file.Name}\" is {what}; only .txt, .md, .html and .htm files can be imported.");
        }
        if (file.Content.Length > maxBytes)
        {
            return new(null, null, field, TooLarge(file.Name, file.Content.Length, maxBytes));
        }
        var (decoded, error) = TextDecoding.Decode(file.Content);
        if (decoded is null)
        {
            return new(null, null, field, error);
        }
        string text;
        string? title;
        try
        {
            (text, title) = extension switch
            {
                ".md" => MarkdownText.Extract(decoded, ct),
                ".html" or ".htm" => HtmlText.Extract(decoded, ct),
                _ => (decoded, null),
            };
        }
        catch (NestedTooDeepException ex)
        {
            var what = extension == ".md" ? "quotes, lists or markup" : "its elements";
            return new(null, null, field,
                $"\"{file.Name}\" nests {what} more than {ex.Limit} levels deep, which no article does; paste the article's text, or save it as .txt.");
        }
        text = TextDecoding.Normalize(text);
        if (text.Length == 0)
        {
            var empty = extension is ".html" or ".htm"
                ? $"\"{file.Name}\" has no readable text (nothing left once scripts, menus and page furniture are set aside)."
                : $"\"{file.Name}\" is empty (only white space).";
            return new(null, title, field, empty);
        }
        return new(text, title, field, null);
    }
}
