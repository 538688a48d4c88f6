using ClaimTracker.Web.Features.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>
/// The reader: the stored text, unchanged, with every attributed span as a <c>&lt;mark&gt;</c> coloured by stance.
/// Overlapping spans are cut into flat segments (see <see cref="HighlightSegmenter"/>), so tags never cross;
/// each segment links to the claim of its innermost span and lists all covering attributions in its title.
/// </summary>
public partial class SourceReaderPage
{
    [Parameter] public int Id { get; set; }

    // Query values arrive as strings: a mangled link ("?attribution=abc") is ignored rather than failing the page.

    /// <summary>An attribution to emphasise and scroll to.</summary>
    [SupplyParameterFromQuery(Name = "attribution")] public string? AttributionParam { get; set; }

    /// <summary>A passage to point at (character offsets), e.g. the words that establish a relation.</summary>
    [SupplyParameterFromQuery(Name = "from")] public string? FromParam { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? ToParam { get; set; }

    private int? Attribution => ParseOrNull(AttributionParam);
    private int? From => ParseOrNull(FromParam);
    private int? To => ParseOrNull(ToParam);

    private static int? ParseOrNull(string? value) => int.TryParse(value, out var number) ? number : null;

    /// <summary>The source as shown; see <see cref="OnInitialized"/> for how it is carried into the live circuit.</summary>
    public SourceReader? Reader { get; set; }

    [Inject] private PersistentComponentState State { get; set; } = null!;
    [Inject] private ISourceChangeNotifier SourceChanges { get; set; } = null!;

    /// <summary>A correction saved since this page loaded its text (by anyone), which the page asks its reader to load.</summary>
    private SourceChange? correctedSince;
    private IDisposable? correctionSubscription;
    private int subscribedSourceId;

    private const string StateKey = "source-reader";

    /// <summary>
    /// Longest text whose reader is carried from the prerender into the circuit. The browser hands persisted state back
    /// in one hub message, which may not exceed 64 KB (Program.cs), and the state holds the text twice (whole and cut into
    /// segments), encoded. A longer article is loaded again once the circuit is up instead: a moment of skeleton, no failure.
    /// </summary>
    public const int PersistedTextLimit = 10_000;

    private PersistingComponentStateSubscription persisting;

    protected override void OnInitialized()
    {
        persisting = State.RegisterOnPersisting(() =>
        {
            if (Reader is { Text.Length: <= PersistedTextLimit })
            {
                State.PersistAsJson(StateKey, Reader);
            }
            return Task.CompletedTask;
        });
        if (State.TryTakeFromJson<SourceReader>(StateKey, out var restored))
        {
            Reader = restored;
        }
    }

    public void Dispose()
    {
        persisting.Dispose();
        correctionSubscription?.Dispose();
    }

    private bool scrollPending;

    protected override async Task OnParametersSetAsync()
    {
        scrollPending = Attribution is not null || From is not null;
        if (Reader is not null && Reader.Id == Id && Reader.FocusStart == From && Reader.FocusEnd == To)
        {
            return;
        }
        Reader = await Sources.GetReaderAsync(Id, From, To);
        correctedSince = null;
        if (Reader is null)
        {
            Nav.NotFound();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The text is not swapped under the reader's eyes (or under a selection being made): the page says it changed.
        if (RendererInfo.IsInteractive && Reader is { } shown && subscribedSourceId != shown.Id)
        {
            correctionSubscription?.Dispose();
            subscribedSourceId = shown.Id;
            correctionSubscription = SourceChanges.Subscribe(shown.Id, change => InvokeAsync(() =>
            {
                if (Reader is { } reader && reader.Id == change.SourceId && change.Revision > reader.Revision)
                {
                    correctedSince = change;
                    StateHasChanged();
                }
            }));
        }
        if (scrollPending && RendererInfo.IsInteractive)
        {
            scrollPending = false;
            await JS.InvokeVoidAsync("claimTracker.scrollToFocus");
        }
    }

    private void Reload() => Nav.Refresh(forceReload: true);

    /// <summary>
    /// A run covered by statements is a <c>mark</c> coloured by its innermost statement's stance (striped where several
    /// overlap), linked to that statement's claim, with every covering statement in its title; a run only pointed at
    /// (<c>?from=&amp;to=</c>) is a focus span.
    /// </summary>
    private Func<TextSegment, TextMark?> MarksOf(SourceReader source)
    {
        var spans = source.Spans.ToDictionary(s => s.AttributionId);
        return segment =>
        {
            var covering = segment.Covering.Where(s => s.Id != SourceService.FocusSpanId).Select(s => spans[s.Id]).ToList();
            var focused = segment.Covering.Any(s => s.Id == SourceService.FocusSpanId) || covering.Any(s => s.AttributionId == Attribution);
            if (covering.Count == 0)
            {
                return focused ? new TextMark("focus", "span") : null;
            }
            var innermost = covering[0];
            return new TextMark($"{Components.Shared.Labels.CssClass(innermost.Stance)}{(covering.Count > 1 ? " overlap" : "")}{(focused ? " focus" : "")}")
            {
                Attributes =
                [
                    new("data-attributions", string.Join(' ', covering.Select(c => c.AttributionId))),
                    new("title", string.Join("\n", covering.Select(c => $"{c.ActorName} {Components.Shared.Labels.Verb(c.Stance)}: {c.ClaimText}"))),
                ],
                Href = $"/claims/{innermost.ClaimId}",
            };
        };
    }

    /// <summary>Each statement starting in a run gets a link target (<c>#a-12</c>) before it.</summary>
    private static IEnumerable<string> TargetsOf(TextSegment segment) =>
        segment.Starting.Where(s => s.Id != SourceService.FocusSpanId).Select(s => $"a-{s.Id}");
}
