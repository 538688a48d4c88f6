using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Recovery;

public partial class DeletedClaimsPage
{
    [Inject] private DeletedClaimsService Deleted { get; set; } = null!;
    [Inject] private RecordEditService Editing { get; set; } = null!;

    private MudTable<DeletedClaimRow>? table;
    private string? search;
    private bool busy;
    private string? notice;
    private Severity noticeSeverity = Severity.Success;
    private int? restoredId;

    private async Task<TableData<DeletedClaimRow>> LoadPage(TableState state, CancellationToken ct)
    {
        var page = await Deleted.ListAsync(search, state.Page, state.PageSize, ct);
        return new TableData<DeletedClaimRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearch(string? value)
    {
        search = value;
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }

    private async Task RestoreAsync(DeletedClaimRow row)
    {
        busy = true;
        restoredId = null;
        try
        {
            var result = await Editing.RestoreClaimAsync(row.Id);
            (notice, noticeSeverity, restoredId) = result.Outcome switch
            {
                EditOutcome.Saved => ($"Restored “{row.Text.Shortened(70)}” and {WentWith(row)}.", Severity.Success, row.Id),
                EditOutcome.Invalid => (string.Join(" ", result.FieldErrors.Values), Severity.Warning, (int?)null),
                EditOutcome.Conflict => ("Someone changed this claim meanwhile; the list now shows it as it is.", Severity.Warning, null),
                _ => ("This claim no longer exists.", Severity.Warning, null),
            };
        }
        catch (AccessDeniedException ex)
        {
            (notice, noticeSeverity) = (ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }

    /// <summary>"2 statements and 1 relation", or "nothing else".</summary>
    private static string WentWith(DeletedClaimRow row)
    {
        var parts = new List<string>();
        if (row.Statements > 0)
        {
            parts.Add(row.Statements.Counted("statement"));
        }
        if (row.Relations > 0)
        {
            parts.Add(row.Relations.Counted("relation"));
        }
        return parts.Count == 0 ? "nothing else" : string.Join(" and ", parts);
    }

}
