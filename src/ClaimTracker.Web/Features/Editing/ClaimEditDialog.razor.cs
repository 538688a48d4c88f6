using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class ClaimEditDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public int ClaimId { get; set; }
    [Inject] private RecordEditService Editing { get; set; } = null!;

    private ClaimRecord? loaded;
    private ClaimRecord? conflict;
    private string text = "";
    private string topics = "";
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    protected override async Task OnInitializedAsync()
    {
        loaded = await Editing.GetClaimAsync(ClaimId);
        if (loaded is null)
        {
            message = "This claim no longer exists.";
            return;
        }
        text = loaded.Text;
        topics = string.Join(", ", loaded.Topics);
    }

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    // A message answers the last save; once the editor changes the field it no longer applies.
    private void ClearErrors() => errors = new Dictionary<string, string>();

    private ClaimDraft Draft() => new(text, topics.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private Task SaveAsync() => SaveAgainstAsync(loaded!.Version);

    /// <summary>The editor has seen the other version and chooses theirs to win: save against the version now stored.</summary>
    private Task ReapplyAsync()
    {
        loaded = conflict!;
        conflict = null;
        return SaveAgainstAsync(loaded.Version);
    }

    private async Task SaveAgainstAsync(Guid version)
    {
        busy = true;
        message = null;
        try
        {
            var result = await Editing.UpdateClaimAsync(ClaimId, version, Draft());
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    Dialog.Close(DialogResult.Ok(result.Value));
                    break;
                case EditOutcome.Invalid:
                    errors = result.FieldErrors;
                    break;
                case EditOutcome.Conflict:
                    conflict = result.Value;
                    break;
                default:
                    message = "This claim no longer exists.";
                    break;
            }
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
            Dialog.StateHasChanged(); // the title lives in the dialog instance, which re-renders only when told
        }
    }

    /// <summary>Drops the editor's change; the page reloads and shows what is stored.</summary>
    private void DiscardMine() => Dialog.Close(DialogResult.Ok(conflict));

    private void Cancel() => Dialog.Cancel();
}
