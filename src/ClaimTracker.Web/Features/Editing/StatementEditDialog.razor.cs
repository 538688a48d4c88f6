using ClaimTracker.Web.Domain;
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
    private readonly EditDialogSave save = new();

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
            save.Message = $"This {Noun} no longer exists.";
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

    /// <summary>A conflict loads the stored version into the form so the editor redoes their change on it.</summary>
    private Task SaveAsync()
    {
        if (attribution is { } a)
        {
            return save.RunAsync(Dialog, Noun, () => Editing.UpdateAttributionAsync(a.Id, a.Version, new AttributionDraft(
                a.ActorId, a.ClaimId, a.SourceId, stance, mode, a.SpanStart, a.SpanEnd, saidWhen, saidWhere, reportedVia)), Reload);
        }
        if (relation is { } r)
        {
            return save.RunAsync(Dialog, Noun, () => Editing.UpdateRelationAsync(r.Id, r.Version, new RelationDraft(r.FromClaimId, r.ToClaimId, type, rationale)), Reload);
        }
        return Task.CompletedTask;
    }

    private void Reload(AttributionRecord? stored)
    {
        conflict = true;
        Load(stored);
    }

    private void Reload(RelationRecord? stored)
    {
        conflict = true;
        Load(stored);
    }
}
