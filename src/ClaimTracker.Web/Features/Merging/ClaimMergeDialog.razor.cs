using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Merging;

public partial class ClaimMergeDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>The claim whose page the dialog was opened from.</summary>
    [Parameter, EditorRequired] public int ClaimId { get; set; }

    /// <summary>The other claim, when the editor chose it already (from "Possibly the same claim").</summary>
    [Parameter] public int? OtherId { get; set; }

    [Inject] private ClaimMergeService Merges { get; set; } = null!;
    [Inject] private ClaimService Claims { get; set; } = null!;

    private ClaimRow? other;
    private MergePreview? preview;
    private bool busy;
    private string? message;

    protected override async Task OnInitializedAsync()
    {
        if (OtherId is int otherId)
        {
            await GuardAsync(async () =>
            {
                if (await Merges.GetSideAsync(otherId) is { } side)
                {
                    await ChooseAsync(new ClaimRow(side.Id, side.Text, side.Status, [], 0, 0, side.Statements, []));
                }
            });
        }
    }

    private async Task<IEnumerable<ClaimRow>> SearchAsync(string text, CancellationToken ct) =>
        (await Claims.SuggestAsync(text, ct: ct)).Where(c => c.Id != ClaimId);

    private async Task ChooseAsync(ClaimRow? chosen)
    {
        other = chosen;
        message = null;
        preview = null;
        if (chosen is null)
        {
            return;
        }
        await GuardAsync(async () =>
        {
            var here = await Merges.GetSideAsync(ClaimId);
            var there = await Merges.GetSideAsync(chosen.Id);
            if (here is null || there is null)
            {
                message = "One of the claims is no longer in the record; close this and reload the page.";
                return;
            }
            var (survivor, merged) = MergePlanner.ShouldSurvive(here, there) ? (here, there) : (there, here);
            await LoadPreviewAsync(survivor.Id, merged.Id);
        });
    }

    private Task SwapAsync() => preview is null ? Task.CompletedTask : GuardAsync(() => LoadPreviewAsync(preview.Merged.Id, preview.Survivor.Id));

    private async Task LoadPreviewAsync(int survivorId, int mergedId)
    {
        preview = await Merges.PreviewAsync(survivorId, mergedId);
        if (preview is null)
        {
            message = "One of the claims is no longer in the record; close this and reload the page.";
        }
    }

    private Task MergeAsync() => preview is not { CanMerge: true } current ? Task.CompletedTask : GuardAsync(async () =>
    {
        var result = await Merges.MergeAsync(current.Survivor.Id, current.Survivor.Version, current.Merged.Id, current.Merged.Version);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            case EditOutcome.Conflict:
                // Show the claims as they are now, so the editor confirms what they actually merge.
                await LoadPreviewAsync(current.Survivor.Id, current.Merged.Id);
                break;
        }
        message = result.Message;
    });

    private async Task GuardAsync(Func<Task> work)
    {
        busy = true;
        try
        {
            await work();
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
