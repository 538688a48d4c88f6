using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class StatementEditDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public RecordActions.RecordKind Kind { get; set; }
    [Parameter, EditorRequired] public int Id { get; set; }
    [Inject] private RecordEditService Editing { get; set; } = null!;

    private AttributionRecord? attribution;
    private RelationRecord? relation;
    private Stance stance;
    private AttributionMode mode;
    private string? saidWhen, saidWhere, reportedVia;
    private RelationType type;
    private string rationale = "";
    private bool conflict;
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    private string Noun => Kind == RecordActions.RecordKind.Attribution ? "statement" : "relation";

    protected override async Task OnInitializedAsync()
    {
        if (Kind == RecordActions.RecordKind.Attribution)
        {
            Load(await Editing.GetAttributionAsync(Id));
        }
        else
        {
            Load(await Editing.GetRelationAsync(Id));
        }
        if (attribution is null && relation is null)
        {
            message = $"This {Noun} no longer exists.";
        }
    }

    private void Load(AttributionRecord? record)
    {
        attribution = record;
        if (record is not null)
        {
            (stance, mode, saidWhen, saidWhere, reportedVia) = (record.Stance, record.Mode, record.SaidWhen, record.SaidWhere, record.ReportedVia);
        }
    }

    private void Load(RelationRecord? record)
    {
        relation = record;
        if (record is not null)
        {
            (type, rationale) = (record.Type, record.Rationale);
        }
    }

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    private void ClearErrors() => errors = new Dictionary<string, string>();

    private async Task SaveAsync()
    {
        busy = true;
        message = null;
        try
        {
            if (attribution is { } a)
            {
                var result = await Editing.UpdateAttributionAsync(a.Id, a.Version, new AttributionDraft(
                    a.ActorId, a.ClaimId, a.SourceId, stance, mode, a.SpanStart, a.SpanEnd, saidWhen, saidWhere, reportedVia));
                Handle(result, Load);
            }
            else if (relation is { } r)
            {
                var result = await Editing.UpdateRelationAsync(r.Id, r.Version, new RelationDraft(r.FromClaimId, r.ToClaimId, type, rationale));
                Handle(result, Load);
            }
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
            Dialog.StateHasChanged(); // the title lives in the dialog instance
        }
    }

    /// <summary>Saved closes; invalid shows the messages; a conflict loads the stored version so the editor redoes their change on it.</summary>
    private void Handle<T>(EditResult<T> result, Action<T?> load) where T : class
    {
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                Dialog.Close(DialogResult.Ok(result.Value));
                break;
            case EditOutcome.Invalid:
                errors = result.FieldErrors;
                break;
            case EditOutcome.Conflict:
                conflict = true;
                load(result.Value);
                break;
            default:
                message = $"This {Noun} no longer exists.";
                break;
        }
    }
}
