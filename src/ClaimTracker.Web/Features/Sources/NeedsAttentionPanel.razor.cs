using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ClaimTracker.Web.Features.Sources;

public partial class NeedsAttentionPanel
{
    [Parameter, EditorRequired] public int SourceId { get; set; }

    /// <summary>The revision of the text the page shows: a selection's offsets are offsets into it.</summary>
    [Parameter, EditorRequired] public int Revision { get; set; }

    [Inject] private AnchorRepairService Repairs { get; set; } = null!;
    [Inject] private RecordEditService Editing { get; set; } = null!;
    [Inject] private AnnotationService Notes { get; set; } = null!;
    [Inject] private CurrentUser Current { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    /// <summary>Shape of what claimTrackerSelection.take() returns (wwwroot/js/selection.js).</summary>
    private sealed record Selection(int Start, int End, string? Text);

    private bool canEdit;
    private bool busy;
    private IReadOnlyList<AnchorAttention>? items;
    private Dictionary<(AnchoredKind, int), string> errors = [];

    protected override async Task OnParametersSetAsync()
    {
        canEdit = await Current.HasAsync(Permission.EditRecord);
        items = canEdit ? await Repairs.ListNeedingAttentionAsync(SourceId) : [];
    }

    private async Task ReattachAsync(AnchorAttention item)
    {
        var selection = await JS.InvokeAsync<Selection?>("claimTrackerSelection.take", InputLimits.SpanLength);
        if (selection is null)
        {
            errors[(item.Kind, item.Id)] = "First select the right words in the text.";
            return;
        }
        if (selection.Text is null)
        {
            errors[(item.Kind, item.Id)] = SelectedWords.TooLongMessage(selection.Start, selection.End);
            return;
        }
        await RunAsync(item, () => Repairs.ReattachAsync(item.Kind, item.Id, item.Version, Revision, selection.Start, selection.End));
    }

    private Task ConfirmAsync(AnchorAttention item) => RunAsync(item, () => Repairs.ConfirmAsync(item.Kind, item.Id, item.Version));

    private async Task RemoveAsync(AnchorAttention item)
    {
        var what = item.Kind == AnchoredKind.Attribution ? "statement" : "note";
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove this {what}?",
            $"It leaves the record; nothing is destroyed, and an editor can restore it from the claim's History.", yesText: "Remove", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        if (item.Kind == AnchoredKind.Attribution)
        {
            await RunAsync(item, async () =>
            {
                var result = await Editing.DeleteAttributionAsync(item.Id, item.Version);
                return (result.Outcome, result.FieldErrors);
            });
        }
        else
        {
            await RunAsync(item, async () =>
            {
                var result = await Notes.DeleteAsync(item.Id, item.Version);
                return (result.Outcome == EditOutcome.Saved ? EditOutcome.Saved : EditOutcome.Conflict, FieldErrors.None);
            });
        }
    }

    private Task RunAsync(AnchorAttention item, Func<Task<EditResult<AnchorAttention>>> action) =>
        RunAsync(item, async () =>
        {
            var result = await action();
            return (result.Outcome, result.FieldErrors);
        });

    private async Task RunAsync(AnchorAttention item, Func<Task<(EditOutcome Outcome, FieldErrors Errors)>> action)
    {
        busy = true;
        errors.Remove((item.Kind, item.Id));
        try
        {
            var (outcome, fieldErrors) = await action();
            switch (outcome)
            {
                case EditOutcome.Saved:
                    // The marks in the text change too: reload the reader.
                    Nav.NavigateTo($"/sources/{SourceId}", forceLoad: true);
                    break;
                case EditOutcome.Invalid:
                    errors[(item.Kind, item.Id)] = string.Join(" ", fieldErrors.Values);
                    break;
                default:
                    errors[(item.Kind, item.Id)] = "Someone changed this meanwhile; reload the page to see what they did.";
                    break;
            }
        }
        catch (AccessDeniedException ex)
        {
            errors[(item.Kind, item.Id)] = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
