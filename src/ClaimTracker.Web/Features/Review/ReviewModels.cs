using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Editing;

namespace ClaimTracker.Web.Features.Review;

/// <summary>Which suggestions the queue shows.</summary>
public enum ReviewFilter
{
    Pending,
    Accepted,
    Rejected,
    All,
}

public sealed record SuggestionCounts(int Pending, int Accepted, int Rejected)
{
    public int Total => Pending + Accepted + Rejected;

    public int For(ReviewFilter filter) => filter switch
    {
        ReviewFilter.Pending => Pending,
        ReviewFilter.Accepted => Accepted,
        ReviewFilter.Rejected => Rejected,
        _ => Total,
    };
}

/// <summary>
/// One suggestion as the reviewer sees it. <see cref="ActorId"/> is set when the engine recognised a known actor
/// (<see cref="ActorName"/> is then that actor's name); <see cref="ClaimId"/> when an existing claim says much the same
/// (<see cref="ExistingClaimText"/> is its text, <see cref="Similarity"/> how close, 0–1), otherwise
/// <see cref="ClaimText"/> is the new claim proposed.
/// </summary>
public sealed record SuggestionItem(
    int Id,
    int SourceId,
    int Start,
    int End,
    string Quote,
    string ActorName,
    int? ActorId,
    Stance Stance,
    AttributionMode Mode,
    string ClaimText,
    int? ClaimId,
    string? ExistingClaimText,
    double? Similarity,
    string Cue,
    SuggestionStatus Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    int? AttributionId,
    int? AttributionClaimId,
    Guid Version)
{
    /// <summary>The decision that accepts the suggestion as proposed.</summary>
    public SuggestionDecision AsProposed() => new(ActorId, ActorId is null ? ActorName : null, ActorKind.Person, Stance, Mode,
        Start, End, ClaimId, ClaimId is null ? ClaimText : null, Quote);

    /// <summary>Why a decision on this suggestion cannot be made now: someone else made one first.</summary>
    public string DecidedMessage => Status switch
    {
        SuggestionStatus.Accepted => $"Already accepted by {DecidedBy} at {DecidedAt:yyyy-MM-dd HH:mm} UTC.",
        SuggestionStatus.Rejected => $"Already rejected by {DecidedBy} at {DecidedAt:yyyy-MM-dd HH:mm} UTC.",
        _ => "Someone changed this suggestion since you loaded it; it is shown as it is now.",
    };
}

/// <summary>
/// What the editor accepts, perhaps after editing: the actor (an existing <see cref="ActorId"/>, or a new actor's
/// <see cref="NewActorName"/> and <see cref="NewActorKind"/>), stance, mode, the span of the source text (the quote is
/// the text there), and the claim (an existing <see cref="ClaimId"/>, or <see cref="NewClaimText"/>).
/// <see cref="SelectedText"/> is the text the reviewer's page showed at the span; the stored text must still hold it.
/// </summary>
public sealed record SuggestionDecision(
    int? ActorId,
    string? NewActorName,
    ActorKind NewActorKind,
    Stance Stance,
    AttributionMode Mode,
    int SpanStart,
    int SpanEnd,
    int? ClaimId,
    string? NewClaimText,
    string? SelectedText = null)
{
    /// <summary>The statement this decision records in <paramref name="sourceId"/>, drafted as a statement recorded by hand is.</summary>
    public StatementDraft ToDraft(int sourceId) => new(
        ActorId,
        ActorId is null && !string.IsNullOrWhiteSpace(NewActorName) ? new ActorDraft(NewActorName, NewActorKind, null, null, []) : null,
        ClaimId,
        ClaimId is null && NewClaimText is not null ? new ClaimDraft(NewClaimText, []) : null,
        sourceId, Stance, Mode, SpanStart, SpanEnd, SelectedText: SelectedText);
}

/// <summary>A source's review queue: its text, the counts by status, and the suggestions the filter selects, in text order.</summary>
public sealed record ReviewQueue(
    int SourceId,
    string Title,
    string Outlet,
    string Text,
    SuggestionCounts Counts,
    ReviewFilter Filter,
    IReadOnlyList<SuggestionItem> Items)
{
    /// <summary>
    /// More suggestions are in this tab than were loaded (see <see cref="ReviewQueueService.MaxItems"/>). The page
    /// reloads after every decision, so in the Pending tab the next ones come in as these are decided.
    /// </summary>
    public bool IsWindowed => Counts.For(Filter) > Items.Count;
}

/// <summary>A source with suggestions waiting, for the editors' list of queues.</summary>
public sealed record PendingQueue(int SourceId, string Title, string Outlet, int Pending);

/// <summary>An actor or claim chosen in the edit form's autocompletes.</summary>
public sealed record Pick(int Id, string Label);
