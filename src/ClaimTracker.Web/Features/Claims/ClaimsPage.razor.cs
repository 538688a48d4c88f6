using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// The claims browser. Search, filters and sort live in the query string, so a filtered list can be
/// bookmarked and shared; every change navigates, and the table reloads from the new parameters.
/// </summary>
public partial class ClaimsPage
{
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    // Strings, not int?: a mangled link ("?actor=abc") must be ignored, not fail the page.
    [SupplyParameterFromQuery(Name = "actor")] public string? ActorParam { get; set; }
    [SupplyParameterFromQuery(Name = "stance")] public string? StanceParam { get; set; }
    [SupplyParameterFromQuery(Name = "topic")] public string? TopicParam { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusParam { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortParam { get; set; }

    /// <summary>
    /// The same message as a validation rule of the box: MudBlazor's own validation (on typing, on leaving the box)
    /// replaces the Error and ErrorText it was given, so it must reach the same answer or the message would vanish.
    /// </summary>
    private readonly Func<string?, string?> searchProblem = text => SearchTerms.Parse(text).Error;

    private MudTable<ClaimRow>? table;
    private ClaimFilterOptions? options;
    private string? search;
    private string? searchError;
    private int? actorId;
    private Stance? stance;
    private string? topic;
    private ClaimStatus? status;
    private ClaimSort sort;
    private int? countedUpTo;

    /// <summary>
    /// "1-25 of 340", or, when a broad filter was counted only up to the limit, "1-25 of more than 2,000". Read when the
    /// table renders its pager, which it does after every page it loads.
    /// </summary>
    private string PagerInfo => countedUpTo is int limit
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{first_item}}-{{last_item}} of more than {limit:N0}")
        : "{first_item}-{last_item} of {all_items}";

    protected override async Task OnInitializedAsync() => options = await Claims.GetFilterOptionsAsync();

    protected override async Task OnParametersSetAsync()
    {
        search = Q;
        // Said at once, from the address too (and in the prerendered page): the table loads after the first render,
        // and the service gives the same answer when it refuses the search.
        searchError = SearchTerms.Parse(search).Error;
        actorId = int.TryParse(ActorParam, out var a) ? a : null;
        stance = Enum.TryParse<Stance>(StanceParam, true, out var s) ? s : null;
        topic = string.IsNullOrWhiteSpace(TopicParam) ? null : TopicParam;
        status = Enum.TryParse<ClaimStatus>(StatusParam, true, out var st) ? st : null;
        sort = Enum.TryParse<ClaimSort>(SortParam, true, out var so) ? so : ClaimSort.MostDisputed;
        if (table is not null)
        {
            // New filters start at the first page: page 3 of the old list may not exist in the new one.
            table.NavigateTo(0);
            await table.ReloadServerData();
        }
    }

    private async Task<TableData<ClaimRow>> LoadPage(TableState state, CancellationToken ct)
    {
        var query = new ClaimSearchQuery(search, actorId, stance, topic, status, sort, state.Page, state.PageSize);
        var page = await Claims.SearchAsync(query, ct);
        searchError = page.SearchError;
        countedUpTo = page.TotalIsLowerBound ? page.TotalCount - 1 : null;
        return new TableData<ClaimRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private void OnSearchChanged(string? value) => Navigate(q: value ?? "");
    private void OnActorChanged(int? value) => Navigate(actor: value?.ToString() ?? "");
    private void OnStanceChanged(Stance? value) => Navigate(stanceValue: value?.ToString() ?? "");
    private void OnTopicChanged(string? value) => Navigate(topicValue: value ?? "");
    private void OnStatusChanged(ClaimStatus? value) => Navigate(statusValue: value?.ToString() ?? "");
    private void OnSortChanged(ClaimSort value) => Navigate(sortValue: value == ClaimSort.MostDisputed ? "" : value.ToString());

    private void ClearFilters() => Nav.NavigateTo("/claims");

    private void OpenClaim(TableRowClickEventArgs<ClaimRow> args)
    {
        if (args.Item is not null)
        {
            Nav.NavigateTo($"/claims/{args.Item.Id}");
        }
    }

    /// <summary>Rewrites the query string with the changed values; an empty string removes a parameter.</summary>
    private void Navigate(string? q = null, string? actor = null, string? stanceValue = null, string? topicValue = null, string? statusValue = null, string? sortValue = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = Blank(q ?? search),
            ["actor"] = Blank(actor ?? actorId?.ToString()),
            ["stance"] = Blank(stanceValue ?? stance?.ToString()),
            ["topic"] = Blank(topicValue ?? topic),
            ["status"] = Blank(statusValue ?? status?.ToString()),
            ["sort"] = Blank(sortValue ?? (sort == ClaimSort.MostDisputed ? null : sort.ToString())),
        };
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(parameters), replace: true);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
