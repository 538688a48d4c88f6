using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ClaimTracker.Web.Features.Review;

/// <summary>
/// The review queue of one source: its text with the current suggestion's span marked strongly (and scrolled to) and the
/// other suggestions of the tab faintly; beside it a card for the current suggestion. Every action has a key (see
/// wwwroot/js/review.js) as well as a button. Decisions go through <see cref="ReviewQueueService"/>, which checks the
/// editor's permission and the suggestion's version again.
/// </summary>
public partial class ReviewPage
{
    [Parameter] public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "filter")] public string? FilterParam { get; set; }

    [Inject] private ReviewQueueService Review { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    private ReviewQueue? Queue { get; set; }
    private ReviewFilter Filter => Enum.TryParse<ReviewFilter>(FilterParam, ignoreCase: true, out var f) && Enum.IsDefined(f) ? f : ReviewFilter.Pending;

    private int index;
    private bool busy;
    private bool editing;
    private bool showHelp;
    private string? notice;
    private Severity noticeSeverity = Severity.Success;
    private ReviewFilter? noticeTab;
    /// <summary>The last decision made on this page, which Undo reopens.</summary>
    private SuggestionItem? undoable;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private SuggestionEditForm? form;
    private DotNetObjectReference<ReviewPage>? self;
    private bool scrollPending = true;

    /// <summary>Suggestion ids are positive; this one marks the span being edited.</summary>
    private const int EditedSpanId = -1;

    private SuggestionItem? Current => Queue is { Items.Count: > 0 } q ? q.Items[Math.Clamp(index, 0, q.Items.Count - 1)] : null;

    private string Position => Queue is null || Current is null ? ""
        : $"{index + 1} of {Queue.Items.Count} · {Queue.Counts.Pending} pending";

    private string FilterHref(ReviewFilter filter) =>
        filter == ReviewFilter.Pending ? $"/sources/{Id}/review" : $"/sources/{Id}/review?filter={filter.ToString().ToLowerInvariant()}";

    protected override async Task OnParametersSetAsync()
    {
        index = 0;
        editing = false;
        // A notice (and its Undo) belongs to the tab where the decision was made: on another tab it would describe
        // something not shown there.
        if (noticeTab != Filter)
        {
            notice = null;
            undoable = null;
        }
        await LoadAsync(keep: null);
        if (Queue is null)
        {
            Nav.NotFound();
        }
    }

    /// <summary>Reloads the tab; <paramref name="keep"/> stays current if it is still listed, else the one now at the same place.</summary>
    private async Task LoadAsync(int? keep)
    {
        var previousIndex = index;
        Queue = await Review.GetQueueAsync(Id, Filter);
        if (Queue is null)
        {
            return;
        }
        var kept = keep is null ? -1 : Queue.Items.ToList().FindIndex(i => i.Id == keep);
        index = kept >= 0 ? kept : Math.Clamp(previousIndex, 0, Math.Max(0, Queue.Items.Count - 1));
        scrollPending = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        if (self is null)
        {
            self = DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("claimTrackerReview.attach", self);
        }
        if (scrollPending)
        {
            scrollPending = false;
            await JS.InvokeVoidAsync("claimTrackerReview.scrollToCurrent");
        }
    }

    [JSInvokable]
    public async Task OnShortcut(string key)
    {
        await InvokeAsync(async () =>
        {
            if (busy || Queue is null)
            {
                return;
            }
            switch (key)
            {
                case "Enter" when editing && form is not null:
                    await form.SubmitAsync();
                    break;
                case "Escape" when editing:
                    CancelEdit();
                    break;
                case "Escape":
                    showHelp = false;
                    break;
                case "?":
                    ToggleHelp();
                    break;
                case "a" when Current is { Status: SuggestionStatus.Pending }:
                    await AcceptAsync();
                    break;
                case "e" when Current is { Status: SuggestionStatus.Pending }:
                    StartEdit();
                    break;
                case "r" when Current is { Status: SuggestionStatus.Pending }:
                    await RejectAsync();
                    break;
                case "n" or "j":
                    Next();
                    break;
                case "p" or "k":
                    Previous();
                    break;
                case "u" when undoable is not null:
                    await UndoAsync();
                    break;
                default:
                    return;
            }
            StateHasChanged();
        });
    }

    private void ToggleHelp() => showHelp = !showHelp;

    private void Next() => Move(+1);

    private void Previous() => Move(-1);

    private void Move(int step)
    {
        if (Queue is null || Queue.Items.Count == 0 || editing)
        {
            return;
        }
        index = Math.Clamp(index + step, 0, Queue.Items.Count - 1);
        scrollPending = true;
    }

    private void StartEdit()
    {
        editing = true;
        errors = new Dictionary<string, string>();
    }

    private void CancelEdit()
    {
        editing = false;
        errors = new Dictionary<string, string>();
    }

    private Task AcceptAsync() => Current is { } item ? DecideAsync(item, () => Review.AcceptAsync(item.Id, item.AsProposed(), item.Version), "Accepted") : Task.CompletedTask;

    private Task SaveEditAsync(SuggestionDecision decision) =>
        Current is { } item ? DecideAsync(item, () => Review.AcceptAsync(item.Id, decision, item.Version), "Accepted with your changes") : Task.CompletedTask;

    private Task RejectAsync() => Current is { } item ? DecideAsync(item, () => Review.RejectAsync(item.Id, item.Version), "Rejected") : Task.CompletedTask;

    private async Task DecideAsync(SuggestionItem item, Func<Task<EditResult<SuggestionItem>>> decide, string done)
    {
        busy = true;
        try
        {
            var result = await decide();
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    editing = false;
                    errors = new Dictionary<string, string>();
                    undoable = result.Value;
                    Notify($"{done}: “{item.Quote.Shortened(80)}”", Severity.Success);
                    // In the Pending tab the decided suggestion leaves the list and the next one takes its place.
                    await LoadAsync(null);
                    if (Filter is ReviewFilter.All or ReviewFilter.Accepted or ReviewFilter.Rejected)
                    {
                        MoveToNextPending(item.Id);
                    }
                    break;
                case EditOutcome.Invalid:
                    // Shown next to the fields: open the form, keeping what the editor chose.
                    errors = result.FieldErrors;
                    editing = true;
                    Notify("Not accepted: see the messages by the fields.", Severity.Error);
                    break;
                case EditOutcome.Conflict:
                    editing = false;
                    undoable = null;
                    Notify(result.Value?.DecidedMessage ?? "Someone else changed this suggestion.", Severity.Warning);
                    await LoadAsync(item.Id);
                    break;
                default:
                    Notify("This suggestion no longer exists.", Severity.Warning);
                    await LoadAsync(null);
                    break;
            }
        }
        catch (Accounts.AccessDeniedException ex)
        {
            Notify(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>In a tab that keeps decided suggestions, go on to the next one still waiting.</summary>
    private void MoveToNextPending(int decidedId)
    {
        if (Queue is null)
        {
            return;
        }
        var at = Queue.Items.ToList().FindIndex(i => i.Id == decidedId);
        var next = Queue.Items.Select((item, i) => (item, i)).FirstOrDefault(x => x.i > at && x.item.Status == SuggestionStatus.Pending);
        index = next.item is not null ? next.i : Math.Max(0, at);
    }

    private async Task UndoAsync()
    {
        if (undoable is not { } last)
        {
            return;
        }
        await ReopenAsync(last);
    }

    private Task ReopenCurrentAsync() => Current is { } item ? ReopenAsync(item) : Task.CompletedTask;

    private async Task ReopenAsync(SuggestionItem item)
    {
        busy = true;
        try
        {
            var result = await Review.ReopenAsync(item.Id, item.Version);
            undoable = null;
            if (result.Succeeded)
            {
                Notify($"Back in the queue: “{item.Quote.Shortened(80)}”", Severity.Info);
                await LoadAsync(null);
                if (Queue is not null && Queue.Items.ToList().FindIndex(i => i.Id == item.Id) is var at and >= 0)
                {
                    index = at;
                }
            }
            else
            {
                Notify(result.ErrorFor("Suggestion") ?? result.Value?.DecidedMessage ?? "It could not be reopened.", Severity.Warning);
                await LoadAsync(item.Id);
            }
        }
        catch (Accounts.AccessDeniedException ex)
        {
            Notify(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private void Notify(string message, Severity severity)
    {
        noticeTab = Filter;
        notice = message;
        noticeSeverity = severity;
    }


    /// <summary>While editing, the span being edited is what counts as current (its own id, as the reader does for a focus span).</summary>
    private int? MarkedCurrentId => editing && form?.Span is not null ? EditedSpanId : Current?.Id;

    /// <summary>The pending suggestions of the tab (and the current one, whatever its status), and the span being edited.</summary>
    private IReadOnlyList<TextSegment> Segments(ReviewQueue queue)
    {
        var current = Current;
        var edited = editing && form?.Span is { } span ? new HighlightSpan(EditedSpanId, span.Start, span.End) : null;
        var spans = queue.Items.Where(i => i.Status == SuggestionStatus.Pending || i.Id == current?.Id)
            .Select(i => new HighlightSpan(i.Id, i.Start, i.End))
            .Concat(edited is null ? [] : [edited]);
        return HighlightSegmenter.Segment(queue.Text, spans);
    }

    /// <summary>The current suggestion's words strongly, the others faintly; each run lists the suggestions covering it.</summary>
    private TextMark? MarkOf(TextSegment segment)
    {
        var currentId = MarkedCurrentId;
        var isCurrent = segment.Covering.Any(s => s.Id == currentId);
        var isOther = segment.Covering.Any(s => s.Id != currentId);
        if (!isCurrent && !isOther)
        {
            return null;
        }
        return new TextMark(isCurrent ? "review-current" : "review-other")
        {
            Attributes = [new("data-suggestions", string.Join(' ', segment.Covering.Where(s => s.Id != EditedSpanId).Select(s => s.Id)))],
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (self is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("claimTrackerReview.detach");
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the listener with the page.
            }
            self.Dispose();
        }
    }
}
