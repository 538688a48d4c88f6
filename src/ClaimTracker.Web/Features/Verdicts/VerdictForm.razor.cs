using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Features.Verdicts;

public partial class VerdictForm
{
    [Parameter, EditorRequired] public VerdictInput Input { get; set; } = null!;
    [Parameter, EditorRequired] public Dictionary<string, string> Errors { get; set; } = null!;
    [Parameter, EditorRequired] public IReadOnlyList<RatingOption> Ratings { get; set; } = null!;
    [Parameter, EditorRequired] public EvidenceChoices Choices { get; set; } = null!;

    /// <summary>The evidence of the verdict being edited, for naming what it cites that the picker no longer offers.</summary>
    [Parameter] public IReadOnlyList<EvidenceItem>? Cited { get; set; }

    [Parameter] public bool Disabled { get; set; }
    [Parameter] public VerdictView? Conflict { get; set; }
    [Parameter] public EventCallback OnSave { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }
    [Parameter] public EventCallback OnOverwrite { get; set; }

    private string Links
    {
        get => string.Join("\n", Input.Urls);
        set
        {
            Input.Urls = (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            Changed();
        }
    }

    /// <summary>
    /// Records the draft cites that the picker does not offer (any more): each with the list it is in, so that unticking it
    /// removes it. The server would refuse them; listed here, the editor sees why and can drop them.
    /// </summary>
    private List<(List<int> List, int Id, string Text)> StaleCitations
    {
        get
        {
            var offered = Choices.Statements.Select(o => o.AttributionId).ToHashSet();
            var offeredSources = Choices.Sources.Select(s => s.SourceId).ToHashSet();
            string Named(EvidenceKind kind, int id, string fallback) =>
                Cited?.FirstOrDefault(e => e.Kind == kind && e.Id == id)?.Text ?? fallback;
            return
            [
                .. Input.AttributionIds.Where(id => !offered.Contains(id))
                    .Select(id => (Input.AttributionIds, id, Named(EvidenceKind.Attribution, id, $"Statement {id}"))),
                .. Input.SourceIds.Where(id => !offeredSources.Contains(id))
                    .Select(id => (Input.SourceIds, id, Named(EvidenceKind.Source, id, $"Source {id}"))),
            ];
        }
    }

    private string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Once a field has a message, it is re-checked as the editor fixes it.</summary>
    private void Changed()
    {
        var now = VerdictValidation.Validate(Input);
        foreach (var field in Errors.Keys.ToList())
        {
            if (now.TryGetValue(field, out var message))
            {
                Errors[field] = message;
            }
            else if (field != nameof(VerdictInput.AttributionIds) && field != nameof(VerdictInput.SourceIds))
            {
                Errors.Remove(field);
            }
        }
    }

    private static void Toggle(List<int> list, int id, ChangeEventArgs e)
    {
        list.Remove(id);
        if (e.Value is true)
        {
            list.Add(id);
        }
    }
}
