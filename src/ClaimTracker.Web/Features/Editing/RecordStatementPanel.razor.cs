using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClaimTracker.Web.Features.Editing;

public partial class RecordStatementPanel
{
    [Parameter, EditorRequired] public int SourceId { get; set; }

    [Inject] private RecordEditService Editing { get; set; } = null!;
    [Inject] private ClaimService Claims { get; set; } = null!;
    [Inject] private ActorService Actors { get; set; } = null!;
    [Inject] private CurrentUser Current { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    /// <summary>Shape of what claimTrackerSelection.take() returns (wwwroot/js/selection.js).</summary>
    private sealed record Selection(int Start, int End, string? Text);

    private bool canEdit;
    private Selection? selection;
    private string? hint;
    private ActorRow? actor;
    private ClaimRow? claim;
    private string? newClaimText;
    private Stance stance = Stance.Asserts;
    private AttributionMode mode = AttributionMode.Paraphrase;
    private string? saidWhen;
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    // Only for showing the panel; the service checks the permission again on save.
    protected override async Task OnInitializedAsync() => canEdit = await Current.HasAsync(Permission.EditRecord);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    private async Task TakeSelectionAsync()
    {
        selection = await JS.InvokeAsync<Selection?>("claimTrackerSelection.take", InputLimits.SpanLength);
        hint = selection switch
        {
            null => "First select the words of the statement in the article.",
            { Text: null } => SelectedWords.TooLongMessage(selection.Start, selection.End),
            _ => null,
        };
        if (selection is { Text: null })
        {
            selection = null;
        }
    }

    private void ClearErrors() => errors = new Dictionary<string, string>();

    private void Cancel()
    {
        selection = null;
        errors = new Dictionary<string, string>();
        message = null;
    }

    private async Task<IEnumerable<ActorRow>> SearchActorsAsync(string text, CancellationToken ct) =>
        (await Actors.ListAsync(text, 0, 10, ct)).Items;

    private async Task<IEnumerable<ClaimRow>> SearchClaimsAsync(string text, CancellationToken ct) =>
        await Claims.SuggestAsync(text, ct: ct);

    private async Task SaveAsync()
    {
        if (selection is null)
        {
            return;
        }
        if (actor is null)
        {
            errors = new Dictionary<string, string> { [StatementFields.Actor] = "Choose who says it." };
            return;
        }
        busy = true;
        message = null;
        try
        {
            // One save: a refused span or actor leaves no new claim behind.
            var result = await Editing.CreateStatementAsync(new StatementDraft(
                actor.Id, null, claim?.Id, claim is null ? new ClaimDraft(newClaimText ?? "", []) : null, SourceId, stance, mode,
                selection.Start, selection.End, string.IsNullOrWhiteSpace(saidWhen) ? null : saidWhen.Trim(), SelectedText: selection.Text));
            if (result.Succeeded)
            {
                // Reload the reader pointed at the new statement, so it shows as a highlighted mark.
                Nav.NavigateTo($"/sources/{SourceId}?attribution={result.Value!.Id}#a-{result.Value.Id}", forceLoad: true);
                return;
            }
            errors = result.FieldErrors;
            message = result.FieldErrors.Count == 0 ? "The statement was not recorded."
                : result.ErrorFor(nameof(AttributionDraft.SourceId)) ?? result.ErrorFor(nameof(AttributionDraft.Stance)) ?? result.ErrorFor(nameof(AttributionDraft.Mode));
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
