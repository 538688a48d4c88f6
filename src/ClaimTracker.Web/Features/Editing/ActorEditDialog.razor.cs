using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class ActorEditDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public int ActorId { get; set; }
    [Inject] private RecordEditService Editing { get; set; } = null!;

    private ActorRecord? loaded;
    private ActorRecord? conflict;
    private string name = "";
    private ActorKind kind;
    private string? role;
    private string? country;
    private string aliases = "";
    private bool busy;
    private string? message;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();

    protected override async Task OnInitializedAsync()
    {
        loaded = await Editing.GetActorAsync(ActorId);
        if (loaded is null)
        {
            message = "This actor no longer exists.";
            return;
        }
        (name, kind, role, country, aliases) = (loaded.Name, loaded.Kind, loaded.Role, loaded.Country, string.Join(", ", loaded.Aliases));
    }

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var error) ? error : null;

    // A message answers the last save; once the editor changes the field it no longer applies.
    private void ClearErrors() => errors = new Dictionary<string, string>();

    private string[] SplitAliases() => aliases.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Describe(string name, ActorKind kind, string? role, string? country, IReadOnlyList<string> aliases) =>
        string.Join(" · ", new[] { name, kind.Label(), role, country, aliases.Count == 0 ? null : "also " + string.Join(", ", aliases) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));

    private Task SaveAsync() => SaveAgainstAsync(loaded!.Version);

    /// <summary>The editor has seen the other version and chooses theirs to lose: save against the version now stored.</summary>
    private Task ReapplyAsync()
    {
        loaded = conflict!;
        conflict = null;
        return SaveAgainstAsync(loaded.Version);
    }

    private async Task SaveAgainstAsync(Guid version)
    {
        busy = true;
        message = null;
        try
        {
            var result = await Editing.UpdateActorAsync(ActorId, version, new ActorDraft(name, kind, role, country, SplitAliases()));
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    Dialog.Close(DialogResult.Ok(result.Value));
                    break;
                case EditOutcome.Invalid:
                    errors = result.FieldErrors;
                    break;
                case EditOutcome.Conflict:
                    conflict = result.Value;
                    break;
                default:
                    message = "This actor no longer exists.";
                    break;
            }
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
            Dialog.StateHasChanged(); // the title lives in the dialog instance, which re-renders only when told
        }
    }

    private void DiscardMine() => Dialog.Close(DialogResult.Ok(conflict));

    private void Cancel() => Dialog.Cancel();
}
