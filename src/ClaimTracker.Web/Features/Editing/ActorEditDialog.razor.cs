using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;
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
    private readonly EditDialogSave save = new();

    protected override async Task OnInitializedAsync()
    {
        loaded = await Editing.GetActorAsync(ActorId);
        if (loaded is null)
        {
            save.Message = "This actor no longer exists.";
            return;
        }
        (name, kind, role, country, aliases) = (loaded.Name, loaded.Kind, loaded.Role, loaded.Country, string.Join(", ", loaded.Aliases));
    }

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

    private Task SaveAgainstAsync(Guid version) =>
        save.RunAsync(Dialog, "actor", () => Editing.UpdateActorAsync(ActorId, version, new ActorDraft(name, kind, role, country, SplitAliases())),
            theirs => conflict = theirs);

    private void DiscardMine() => Dialog.Close(DialogResult.Ok(conflict));

    private void Cancel() => Dialog.Cancel();
}
