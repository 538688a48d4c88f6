using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// What every edit dialog keeps around one save: busy while it runs, a message beside each field, one message for the
/// whole form, and the same answer to each <see cref="EditOutcome"/>: saved closes the dialog with the stored record,
/// invalid shows the field messages, a conflict goes to the dialog (each shows the other editor's version its own
/// way), and a record gone or a permission withdrawn is said in the form.
/// </summary>
public sealed class EditDialogSave
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Busy { get; private set; }

    /// <summary>A message for the whole form (the record is gone, the editor may no longer edit).</summary>
    public string? Message { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = NoErrors;

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    /// <summary>A field message answers the last save; once the editor changes a field it no longer applies.</summary>
    public void ClearErrors() => Errors = NoErrors;

    /// <summary>Shows one message beside <paramref name="field"/> without saving (a check the form makes itself).</summary>
    public void Refuse(string field, string message) => Errors = new Dictionary<string, string> { [field] = message };

    /// <param name="noun">What is edited, for "This … no longer exists."</param>
    public async Task RunAsync<T>(IMudDialogInstance dialog, string noun, Func<Task<EditResult<T>>> save, Action<T?> onConflict)
        where T : class
    {
        Busy = true;
        Message = null;
        try
        {
            var result = await save();
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    dialog.Close(DialogResult.Ok(result.Value));
                    break;
                case EditOutcome.Invalid:
                    Errors = result.FieldErrors;
                    break;
                case EditOutcome.Conflict:
                    onConflict(result.Value);
                    break;
                default:
                    Message = $"This {noun} no longer exists.";
                    break;
            }
        }
        catch (AccessDeniedException ex)
        {
            Message = ex.Message;
        }
        finally
        {
            Busy = false;
            dialog.StateHasChanged(); // the title lives in the dialog instance, which re-renders only when told
        }
    }
}
