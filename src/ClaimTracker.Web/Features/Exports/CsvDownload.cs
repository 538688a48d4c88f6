using System.Reflection;
using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace ClaimTracker.Web.Features.Exports;

/// <summary>
/// A CSV file streamed to the client as its rows are read: each batch is written (and flushed once CsvHelper's buffer
/// fills) before the next is queried, so an export of a million statements holds one batch in memory, never the table.
/// The parameters were checked before this result was made: once the first bytes are out the status cannot change, and
/// a failure midway ends the response short rather than as an error page.
/// </summary>
public sealed class CsvDownload<T>(string fileName, IAsyncEnumerable<IReadOnlyList<T>> batches) : IResult, IEndpointMetadataProvider
{
    /// <summary>Tells the OpenAPI document what a 200 is: CSV text.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// RFC 4180 with a UTF-8 byte-order mark: without it Excel reads the file as the machine's legacy code page, and every
    /// accented name ("Zelenskyy", "Élysée") comes out garbled.
    /// <para>
    /// Formula injection (CSV injection): a spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>
    /// (or a tab or carriage return, which some strip before looking) as a formula, and the record holds text that others
    /// wrote: a quote, a claim, an actor's name typed in an import. "=HYPERLINK(…)" in a quote would become a live link or
    /// worse in the desk's spreadsheet. So every text cell that starts with one of them gets a leading apostrophe, which
    /// spreadsheets read as "this cell is text" (OWASP's advice, and CsvHelper's <see cref="CsvInjection.Escape"/>).
    /// Numbers and dates are not text and stay as they are, so a negative count is still a number.
    /// </para>
    /// </summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        // The record changes; an export is read fresh every time.
        response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        // The header first, so that an export that matches nothing is still a file with its columns.
        csv.WriteHeader<T>();
        await csv.WriteRecordsAsync(Rows(ct), ct);
        await csv.FlushAsync(ct);
    }

    private async IAsyncEnumerable<T> Rows([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in batches.WithCancellation(ct))
        {
            foreach (var row in batch)
            {
                yield return row;
            }
        }
    }
}
