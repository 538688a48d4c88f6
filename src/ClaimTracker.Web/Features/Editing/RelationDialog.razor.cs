using ClaimTracker.Web.Domain;
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
    private readonly EditDialogSave save = new();

    private async Task<IEnumerable<ClaimRow>> SearchAsync(string text, CancellationToken ct) =>
        (await Claims.SuggestAsync(text, ct: ct)).Where(c => c.Id != ClaimId);

    private Task SaveAsync()
    {
        if (other is null)
        {
            save.Refuse(nameof(RelationDraft.ToClaimId), "Choose the other claim.");
            return Task.CompletedTask;
        }
        // A new relation has no earlier version to conflict with.
        return save.RunAsync(Dialog, "claim", () => Editing.CreateRelationAsync(new RelationDraft(ClaimId, other.Id, type, rationale)), _ => { });
    }
}
