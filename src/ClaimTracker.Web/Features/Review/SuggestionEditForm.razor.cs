using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClaimTracker.Web.Features.Review;

public partial class SuggestionEditForm
{
    [Parameter, EditorRequired] public SuggestionItem Item { get; set; } = null!;
    [Parameter, EditorRequired] public string SourceText { get; set; } = "";
    [Parameter] public bool Busy { get; set; }
    [Parameter] public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();
    [Parameter] public EventCallback<SuggestionDecision> OnSave { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }
    /// <summary>The span changed: the page marks the new one in the text.</summary>
    [Parameter] public EventCallback SpanChanged { get; set; }

    [Inject] private ActorService Actors { get; set; } = null!;
    [Inject] private ClaimService Claims { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>Shape of what claimTrackerSelection.take() returns (wwwroot/js/selection.js).</summary>
    private sealed record Selection(int Start, int End, string? Text);

    private int? loadedFor;
    private bool newActor;
    private Pick? actor;
    private string? newActorName;
    private ActorKind newActorKind = ActorKind.Person;
    private Stance stance;
    private AttributionMode mode;
    private bool newClaim;
    private Pick? claim;
    private string? newClaimText;
    private int start;
    private int end;
    private string? spanHint;

    /// <summary>The span as edited so far, for the page to highlight.</summary>
    public (int Start, int End) Span => (start, end);

    private string Quote => start >= 0 && end <= SourceText.Length && start < end ? SourceText[start..end] : "";

    private string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    private string? ActorError => ErrorFor(StatementFields.Actor) ?? ErrorFor(StatementFields.NewActorName) ?? ErrorFor(StatementFields.NewActorKind);

    private string? ClaimError => ErrorFor(StatementFields.Claim) ?? ErrorFor(StatementFields.NewClaimText);

    protected override void OnParametersSet()
    {
        // Starts from the suggestion once; re-renders after a refused save keep what the editor chose.
        if (loadedFor == Item.Id)
        {
            return;
        }
        loadedFor = Item.Id;
        newActor = Item.ActorId is null;
        actor = Item.ActorId is { } actorId ? new Pick(actorId, Item.ActorName) : null;
        newActorName = Item.ActorId is null ? Item.ActorName : null;
        stance = Item.Stance;
        mode = Item.Mode;
        newClaim = Item.ClaimId is null;
        claim = Item.ClaimId is { } claimId ? new Pick(claimId, Item.ExistingClaimText ?? Item.ClaimText) : null;
        newClaimText = Item.ClaimText;
        (start, end) = (Item.Start, Item.End);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Keyboard users land in the form; Enter from here accepts. Not if they have clicked into a field meanwhile:
            // this arrives a round trip after the form appears (page.js, claimTrackerFocus).
            await JS.InvokeVoidAsync("claimTrackerFocus.intoFirstField", "[data-testid=suggestion-edit]");
        }
    }

    private async Task<IEnumerable<Pick>> SearchActorsAsync(string text, CancellationToken ct) =>
        (await Actors.ListAsync(text, 0, 10, ct)).Items.Select(a => new Pick(a.Id, a.Name));

    private async Task<IEnumerable<Pick>> SearchClaimsAsync(string text, CancellationToken ct) =>
        (await Claims.SuggestAsync(text, ct: ct)).Select(c => new Pick(c.Id, c.Text));

    private async Task TakeSelectionAsync()
    {
        var selection = await JS.InvokeAsync<Selection?>("claimTrackerSelection.take", InputLimits.SpanLength);
        if (selection is null)
        {
            spanHint = "First select the words in the text, then press this button.";
            return;
        }
        if (selection.Text is null)
        {
            spanHint = SelectedWords.TooLongMessage(selection.Start, selection.End);
            return;
        }
        spanHint = null;
        (start, end) = (selection.Start, selection.End);
        await SpanChanged.InvokeAsync();
    }

    /// <summary>Accepts with the form's values; the page calls it for Enter.</summary>
    public Task SubmitAsync() => OnSave.InvokeAsync(new SuggestionDecision(
        newActor ? null : actor?.Id,
        newActor ? newActorName : null,
        newActorKind,
        stance,
        mode,
        start,
        end,
        newClaim ? null : claim?.Id,
        newClaim ? newClaimText ?? "" : null,
        // The words this page shows at the span (out of range is left to the service to refuse).
        start >= 0 && end <= SourceText.Length && start < end ? SourceText[start..end] : null));
}
