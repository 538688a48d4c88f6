using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Live;
using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Features.Editing;

public partial class ClaimHistory
{
    private const int PageSize = 10;

    [Parameter, EditorRequired] public int ClaimId { get; set; }

    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private ClaimHistoryService History { get; set; } = null!;
    [Inject] private RecordEditService Editing { get; set; } = null!;
    [Inject] private IClaimChangeNotifier Notifier { get; set; } = null!;
    [Inject] private CurrentUser Current { get; set; } = null!;
    [Inject] private Merging.ClaimMergeService Merges { get; set; } = null!;

    private readonly List<HistoryEntry> entries = [];
    private int total;
    private bool canRead;
    private bool canRestore;
    private bool canMerge;
    private bool loading = true;
    private bool busy;
    private string? message;
    private IDisposable? subscription;
    private int subscribedTo;

    protected override async Task OnParametersSetAsync()
    {
        canRead = await History.CanReadAsync();
        canRestore = canRead && await Current.HasAsync(Permission.Restore);
        canMerge = canRead && await Current.HasAsync(Permission.EditRecord);
        if (!canRead)
        {
            return;
        }
        if (subscribedTo != ClaimId)
        {
            subscription?.Dispose();
            // Another editor's change shows up here without a reload.
            subscription = Notifier.Subscribe(ClaimId, _ => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }));
            subscribedTo = ClaimId;
        }
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        loading = true;
        var page = await History.GetAsync(ClaimId, 0, Math.Max(PageSize, entries.Count));
        entries.Clear();
        entries.AddRange(page.Items);
        total = page.TotalCount;
        loading = false;
    }

    private async Task ShowMoreAsync()
    {
        loading = true;
        var page = await History.GetAsync(ClaimId, entries.Count, PageSize);
        entries.AddRange(page.Items.Where(e => entries.All(x => x.Id != e.Id)));
        total = page.TotalCount;
        loading = false;
    }

    /// <summary>Only what this feature can restore, and only if no later entry shows it restored already.</summary>
    private bool IsRestorable(HistoryEntry deleted) =>
        deleted.EntityType is nameof(Claim) or nameof(ClaimRelation) or nameof(Attribution)
        && !entries.Any(e => e.Id > deleted.Id && e.EntityType == deleted.EntityType && e.EntityId == deleted.EntityId && e.Action == AuditAction.Restored);

    private async Task RestoreAsync(HistoryEntry entry)
    {
        busy = true;
        message = null;
        try
        {
            var errors = entry.EntityType switch
            {
                nameof(Claim) => (await Editing.RestoreClaimAsync(entry.EntityId)).FieldErrors,
                nameof(ClaimRelation) => (await Editing.RestoreRelationAsync(entry.EntityId)).FieldErrors,
                _ => (await Editing.RestoreAttributionAsync(entry.EntityId)).FieldErrors,
            };
            if (errors.Count > 0)
            {
                message = string.Join(" ", errors.Values);
                return;
            }
            Nav.Refresh(forceReload: true); // the dispute view above shows it again
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private bool IsUndone(HistoryEntry merged) =>
        entries.Any(e => e.Id > merged.Id && e.EntityType == merged.EntityType && e.EntityId == merged.EntityId && e.Action == AuditAction.MergeUndone);

    private async Task UndoMergeAsync(HistoryEntry entry)
    {
        busy = true;
        message = null;
        try
        {
            var result = await Merges.UndoAsync(entry.EntityId);
            if (!result.Succeeded)
            {
                message = result.Message;
                return;
            }
            Nav.Refresh(forceReload: true); // the dispute view above loses what goes back
        }
        catch (AccessDeniedException ex)
        {
            message = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose() => subscription?.Dispose();
}
