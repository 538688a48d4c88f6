using System.Globalization;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// A source to import: its details as typed, and its text either pasted or uploaded (exactly one of the two).
/// <see cref="PublishedOn"/> is <c>yyyy-MM-dd</c>, as typed on the command line or formatted by the page's date picker.
/// </summary>
public sealed record SourceImportRequest(
    string? Outlet,
    string? Title,
    string? PublishedOn,
    string? Url,
    string? PastedText = null,
    UploadedFile? File = null);

/// <summary>An uploaded file: its name (the extension decides how it is read) and its bytes.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>The names of the request's fields, as the import's <see cref="Data.FieldErrors"/> are keyed.</summary>
public static class ImportFields
{
    public const string Outlet = nameof(SourceImportRequest.Outlet);
    public const string Title = nameof(SourceImportRequest.Title);
    public const string PublishedOn = nameof(SourceImportRequest.PublishedOn);
    public const string Url = nameof(SourceImportRequest.Url);
    public const string PastedText = nameof(SourceImportRequest.PastedText);
    public const string File = nameof(SourceImportRequest.File);
}

/// <summary>The source as stored, and how many suggested attributions wait for review.</summary>
public sealed record ImportedSource(int Id, string Key, string Title, int SuggestionCount);

/// <summary>The source that already holds the same text.</summary>
public sealed record ExistingSource(int Id, string Key, string Title, string Outlet, DateOnly PublishedOn);

/// <summary>
/// What an import found, whatever its outcome: the <see cref="Source"/> stored (saved), or the source that already holds
/// the same text (<see cref="Duplicate"/>, a conflict), and <see cref="ExtractedTitle"/>, the title read from the file
/// (an HTML page's <c>&lt;h1&gt;</c> or <c>&lt;title&gt;</c>, a Markdown file's first heading), so a page can fill in an
/// empty title even when something else was wrong.
/// </summary>
public sealed record ImportReport(ImportedSource? Source, ExistingSource? Duplicate, string? ExtractedTitle);

/// <summary>Settings under <c>ClaimTracker:Import</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "ClaimTracker:Import";
    public const int DefaultMaxBytes = 2 * 1024 * 1024;

    /// <summary>The largest text accepted, in bytes of the file (or of the pasted text as UTF-8).</summary>
    public int MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>"2 MB", "512 KB", "1,500 bytes": sizes as people read them.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };
}
