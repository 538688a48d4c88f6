using System.Text;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ClaimTracker.Web.Features.Sources;

public partial class CorrectTextDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public int SourceId { get; set; }
    [Inject] private SourceCorrectionService Corrections { get; set; } = null!;
    [Inject] private SourceService Sources { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>Largest text read from the browser, in UTF-8 bytes: the service's character limit, at up to 4 bytes each.</summary>
    private const long MaxBytes = InputLimits.SourceText * 4L;

    private SourceCorrection? current;
    private SourceCorrection? conflict;
    private SourceCorrection? summary;
    private ElementReference textArea;
    // The textarea is not bound (its value streams on save); this is what it is rendered with, and re-rendered with
    // only when it changes (their text after a conflict), so what the editor types is never overwritten.
    private string initialText = "";
    private int expectedRevision;
    private string? note;
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    protected override async Task OnInitializedAsync()
    {
        current = await Sources.GetCurrentAsync(SourceId);
        if (current is null)
        {
            message = "This source no longer exists.";
            return;
        }
        initialText = current.Text;
        expectedRevision = current.Revision;
    }

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    private async Task SaveAsync()
    {
        busy = true;
        message = null;
        try
        {
            var text = await ReadTextAsync();
            var result = await Corrections.CorrectAsync(SourceId, expectedRevision, text, note);
            errors = result.FieldErrors;
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    summary = result.Value;
                    break;
                case EditOutcome.Conflict:
                    conflict = result.Value;
                    break;
                case EditOutcome.NotFound:
                    message = "This source no longer exists.";
                    break;
            }
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        catch (InvalidOperationException)
        {
            // Stream.ReadAsync past the limit given to OpenReadStreamAsync.
            errors = new Dictionary<string, string> { ["Text"] = $"The text can be at most {InputLimits.SourceText:N0} characters." };
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<string> ReadTextAsync()
    {
        var stream = await JS.InvokeAsync<IJSStreamReference>("claimTrackerCorrection.textOf", textArea);
        await using var bytes = await stream.OpenReadStreamAsync(MaxBytes);
        using var reader = new StreamReader(bytes, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The editor has read the other correction: redo theirs on top of it, starting from their text.</summary>
    private void StartFromTheirs()
    {
        initialText = conflict!.Text;
        expectedRevision = conflict.Revision;
        current = conflict;
        conflict = null;
        errors = new Dictionary<string, string>();
    }

    private void Cancel() => Dialog.Cancel();

    private void Done() => Dialog.Close(DialogResult.Ok(summary));
}
