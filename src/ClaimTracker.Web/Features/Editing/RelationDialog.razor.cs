using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class RelationDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public int ClaimId { get; set; }
    [Inject] private RecordEditService Editing { get; set; } = null!;
    [Inject] private ClaimService Claims { get; set; } = null!;

    private RelationType type = RelationType.Contradicts;
    private ClaimRow? other;
    private string rationale = "";
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    private async Task<IEnumerable<ClaimRow>> SearchAsync(string text, CancellationToken ct) =>
        (await Claims.SuggestAsync(text, ct: ct)).Where(c => c.Id != ClaimId);

    private async Task SaveAsync()
    {
        if (other is null)
        {
            errors = new Dictionary<string, string> { [nameof(RelationDraft.ToClaimId)] = "Choose the other claim." };
            return;
        }
        busy = true;
        message = null;
        try
        {
            var result = await Editing.CreateRelationAsync(new RelationDraft(ClaimId, other.Id, type, rationale));
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
            }
            else
            {
                errors = result.FieldErrors;
            }
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
