using System.Globalization;
using System.Text;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace ClaimTracker.Web.Features.Importing;

public sealed partial class AddSourcePage : IAsyncDisposable
{
    private const int PasteTab = 0;
    private const int FileTab = 1;

    private enum Access { Checking, SignIn, Denied, Allowed }

    [Inject] private SourceImportService Importer { get; set; } = null!;
    [Inject] private CurrentUser Current { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<AddSourcePage> Logger { get; set; } = null!;

    private Access access = Access.Checking;
    private string? outlet;
    private IReadOnlyList<string> knownOutlets = [];
    private string? title;
    private DateTime? publishedOn = DateTime.Today;
    private string? url;
    private int way = PasteTab;
    private ElementReference pasteBox;
    private IJSObjectReference? module;

    private string? fileName;
    private long fileSize;
    private byte[]? fileBytes;

    private bool busy;
    private bool readingFile;
    private string? failure;
    private ExistingSource? duplicate;
    private Dictionary<string, string> errors = new(StringComparer.Ordinal);

    /// <summary>The service refuses dates after today anywhere on Earth; the picker offers no later one either.</summary>
    private static DateTime LatestDate => DateTime.UtcNow.AddHours(14).Date;

    protected override async Task OnInitializedAsync()
    {
        var user = await Current.GetPrincipalAsync();
        access = user.Identity?.IsAuthenticated != true ? Access.SignIn
            : CurrentUser.Has(user, Permission.EditRecord) ? Access.Allowed
            : Access.Denied;
        if (access == Access.Allowed)
        {
            knownOutlets = await Importer.KnownOutletsAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (module is null && access == Access.Allowed && RendererInfo.IsInteractive)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Importing/AddSourcePage.razor.js");
            await module.InvokeVoidAsync("attach", pasteBox, Importer.MaxBytes);
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);

    // A message answers the last attempt; once the editor changes the field it no longer applies.
    private void Clear(string field)
    {
        errors.Remove(field);
        if (field is ImportFields.PastedText or ImportFields.File)
        {
            duplicate = null;
        }
    }

    /// <summary>
    /// Reads the chosen file at once (it is at most the import limit) and checks it the way the import will, so a
    /// wrong file is reported next to the chooser before anything is saved, and its headline can fill an empty title.
    /// </summary>
    private async Task FileChosenAsync(IBrowserFile? file)
    {
        Clear(ImportFields.File);
        (fileName, fileSize, fileBytes) = (file?.Name, file?.Size ?? 0, null);
        if (file is null)
        {
            return;
        }
        if (file.Size > Importer.MaxBytes)
        {
            // Known from the browser's description of the file: nothing is sent.
            errors[ImportFields.File] = SourceText.TooLarge(file.Name, file.Size, Importer.MaxBytes);
            return;
        }
        // Saving (and choosing another file) waits until the file is here and read: a click while it streams in
        // would find no bytes yet.
        readingFile = true;
        SourceText.Extracted read;
        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: Importer.MaxBytes);
            using var buffer = new MemoryStream((int)file.Size);
            await stream.CopyToAsync(buffer);
            fileBytes = buffer.ToArray();
            // Parsed off the circuit's thread, within the import's depth and time limits: a hostile page is refused here.
            read = await SourceText.ReadAsync(new SourceImportRequest(null, null, null, null, File: new UploadedFile(file.Name, fileBytes)), Importer.MaxBytes);
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Reading the uploaded file {Name} failed", file.Name);
            errors[ImportFields.File] = $"\"{file.Name}\" could not be read; choose it again.";
            return;
        }
        finally
        {
            readingFile = false;
        }
        if (read.Error is not null)
        {
            errors[ImportFields.File] = read.Error;
        }
        if (string.IsNullOrWhiteSpace(title) && read.Title is not null)
        {
            title = read.Title;
            Clear(ImportFields.Title);
        }
    }

    private async Task ImportAsync()
    {
        busy = true;
        failure = null;
        duplicate = null;
        errors = new(StringComparer.Ordinal);
        try
        {
            var request = new SourceImportRequest(outlet, title, publishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), url);
            if (way == FileTab)
            {
                if (fileBytes is null)
                {
                    errors[ImportFields.File] = fileName is null ? "Choose a file to upload." : $"\"{fileName}\" could not be used; choose a file within the limit.";
                }
                request = request with { File = fileBytes is null ? null : new UploadedFile(fileName!, fileBytes) };
            }
            else
            {
                request = request with { PastedText = await ReadPasteAsync() };
            }
            if (errors.Count > 0 && request is { File: null, PastedText: null })
            {
                return;
            }

            var result = await Importer.ImportAsync(request);
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    var source = result.Value!.Source!;
                    Snackbar.Add(source.SuggestionCount switch
                    {
                        0 => "Source added. The engine found no statements to suggest.",
                        1 => "Source added. 1 suggested attribution waiting for review.",
                        var n => $"Source added. {n} suggested attributions waiting for review.",
                    }, Severity.Success);
                    Nav.NavigateTo(ImportPaths.AfterImport(source.Id, source.SuggestionCount));
                    return;
                case EditOutcome.Conflict:
                    duplicate = result.Value?.Duplicate;
                    break;
            }
            errors = new(result.FieldErrors, StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(title) && result.Value?.ExtractedTitle is { } extracted)
            {
                title = extracted;
                errors.Remove(ImportFields.Title);
            }
        }
        catch (AccessDeniedException ex)
        {
            failure = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The import is one transaction: when it fails, nothing was stored and the form still holds everything.
            Logger.LogError(ex, "Importing a source failed");
            failure = "The source could not be added (nothing was stored). Try again; if it keeps failing, tell an administrator.";
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>
    /// The pasted text, streamed from the browser (the circuit takes at most 64 KB per message, a pasted article up
    /// to the import limit). Null when it is over the limit, with the message set; the import checks the limit again.
    /// </summary>
    private async Task<string?> ReadPasteAsync()
    {
        var bytes = await module!.InvokeAsync<long>("byteLength", pasteBox);
        if (bytes > Importer.MaxBytes)
        {
            errors[ImportFields.PastedText] = SourceText.PasteTooLarge(bytes, Importer.MaxBytes);
            return null;
        }
        if (bytes == 0)
        {
            return "";
        }
        var reference = await module!.InvokeAsync<IJSStreamReference>("read", pasteBox);
        await using var stream = await reference.OpenReadStreamAsync(maxAllowedSize: Importer.MaxBytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
