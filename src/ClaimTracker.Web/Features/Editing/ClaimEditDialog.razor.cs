using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Editing;

public partial class ClaimEditDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Parameter, EditorRequired] public int ClaimId { get; set; }
    [Inject] private RecordEditService Editing { get; set; } = null!;

    private ClaimRecord? loaded;
    private ClaimRecord? conflict;
    private string text = "";
    private string topics = "";
    private readonly EditDialogSave save = new();

    protected override async Task OnInitializedAsync()
    {
        loaded = await Editing.GetClaimAsync(ClaimId);
        if (loaded is null)
        {
            save.Message = "This claim no longer exists.";
            return;
        }
        text = loaded.Text;
        topics = string.Join(", ", loaded.Topics);
    }

    private ClaimDraft Draft() => new(text, topics.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private Task SaveAsync() => SaveAgainstAsync(loaded!.Version);

    /// <summary>The editor has seen the other version and chooses theirs to win: save against the version now stored.</summary>
    private Task ReapplyAsync()
    {
        loaded = conflict!;
        conflict = null;
        return SaveAgainstAsync(loaded.Version);
    }

    private Task SaveAgainstAsync(Guid version) =>
        save.RunAsync(Dialog, "claim", () => Editing.UpdateClaimAsync(ClaimId, version, Draft()), theirs => conflict = theirs);

    /// <summary>Drops the editor's change; the claim page already shows what is stored (it follows the claim's changes).</summary>
    private void DiscardMine() => Dialog.Close(DialogResult.Ok(conflict));

    private void Cancel() => Dialog.Cancel();
}
