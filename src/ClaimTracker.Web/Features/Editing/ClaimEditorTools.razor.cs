using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class ClaimEditorTools
{
    [Parameter, EditorRequired] public int ClaimId { get; set; }

    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private RecordEditService Editing { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CurrentUser Current { get; set; } = null!;

    private bool canEdit;
    private bool busy;

    // Only for showing the tools; the service checks the permission again on every change.
    protected override async Task OnParametersSetAsync() => canEdit = await Current.HasAsync(Permission.EditRecord);

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };

    // Nothing to do after either dialog saves: the claim page is subscribed to changes of its claim and reloads in place
    // (a full reload here used to race with whatever the editor did next).
    private Task EditAsync() => Dialogs.ShowAsync<ClaimEditDialog>("Edit claim",
        new DialogParameters<ClaimEditDialog> { { d => d.ClaimId, ClaimId } }, Options);

    private Task AddRelationAsync() => Dialogs.ShowAsync<RelationDialog>("Add relation",
        new DialogParameters<RelationDialog> { { d => d.ClaimId, ClaimId } }, Options);

    private async Task MergeAsync()
    {
        var dialog = await Dialogs.ShowAsync<Merging.ClaimMergeDialog>("Merge duplicate claims",
            new DialogParameters<Merging.ClaimMergeDialog> { { d => d.ClaimId, ClaimId } }, Options);
        if (await dialog.Result is { Canceled: false, Data: Merging.MergeSummary merge })
        {
            // This page may be the claim that was merged away: go to the survivor, which shows the merge with Undo.
            Nav.NavigateTo($"/claims/{merge.SurvivorId}?merge={merge.Id}", forceLoad: true);
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this claim?",
            "The claim, its attributions and its relations leave the record. Nothing is destroyed: an editor can restore them from the History.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        try
        {
            var claim = await Editing.GetClaimAsync(ClaimId);
            if (claim is null)
            {
                return;
            }
            var result = await Editing.DeleteClaimAsync(ClaimId, claim.Version);
            if (result.Succeeded)
            {
                Snackbar.Add("Claim deleted.", Severity.Info, o =>
                {
                    o.Action = "Undo";
                    o.OnClick = async _ =>
                    {
                        await Editing.RestoreClaimAsync(ClaimId);
                        Nav.NavigateTo($"/claims/{ClaimId}", forceLoad: true);
                    };
                });
                Nav.NavigateTo("/claims");
            }
            else
            {
                Snackbar.Add(result.IsConflict ? "Someone changed this claim meanwhile; reload and try again." : "The claim could not be deleted.", Severity.Warning);
            }
        }
        catch (AccessDeniedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }
}
