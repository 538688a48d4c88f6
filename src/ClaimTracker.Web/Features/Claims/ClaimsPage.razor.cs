using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// The claims browser. Search, filters, sort and page live in the query string, so a filtered list can be bookmarked and
/// shared, and Back returns to the page before; every change navigates, and the list is read from the new parameters
/// (already in the prerendered page, so a reader sees claims before the circuit is up).
/// </summary>
public partial class ClaimsPage
{
    /// <summary>The page sizes offered; a size in the address that is not one of them falls back to the default.</summary>
    internal static readonly int[] PageSizes = [10, 25, 50, 100];
    private const int DefaultPageSize = 25;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    // Strings, not int?: a mangled link ("?actor=abc") must be ignored, not fail the page.
    [SupplyParameterFromQuery(Name = "actor")] public string? ActorParam { get; set; }
    [SupplyParameterFromQuery(Name = "stance")] public string? StanceParam { get; set; }
    [SupplyParameterFromQuery(Name = "topic")] public string? TopicParam { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusParam { get; set; }
    /// <summary>A rating label's id: only claims whose published verdict has it.</summary>
    [SupplyParameterFromQuery(Name = "rating")] public string? RatingParam { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortParam { get; set; }
    /// <summary>1-based, as people read it.</summary>
    [SupplyParameterFromQuery(Name = "page")] public string? PageParam { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? SizeParam { get; set; }

    /// <summary>
    /// The same message as a validation rule of the box: MudBlazor's own validation (on typing, on leaving the box)
    /// replaces the Error and ErrorText it was given, so it must reach the same answer or the message would vanish.
    /// </summary>
    private readonly Func<string?, string?> searchProblem = text => SearchTerms.Parse(text).Error;

    private ClaimFilterOptions? options;
    private ClaimSearchResult? result;
    private string? search;
    private string? searchError;
    private int? actorId;
    private Stance? stance;
    private string? topic;
    private ClaimStatus? status;
    private int? ratingId;
    private ClaimSort sort;
    private int pageIndex;
    private int pageSize = DefaultPageSize;

    /// <summary>Whether the filter panel is unfolded on a phone (on wider screens it always shows).</summary>
    private bool filtersOpen;

    /// <summary>How many filters are set, on the phone's "Filters (N)" button: the search, which stays in view, and the sort are not counted.</summary>
    private int ActiveFilters => new object?[] { actorId, stance, topic, status, ratingId }.Count(f => f is not null);

    private bool IsFilteredBesidesRating => !string.IsNullOrWhiteSpace(search) || actorId is not null || stance is not null || topic is not null || status is not null;

    /// <summary>The name of the rating filtered by, for the empty list's message; null without a rating filter.</summary>
    private string? RatingName => ratingId is int id ? options?.Ratings.FirstOrDefault(r => r.Id == id)?.Label ?? "that rating" : null;

    /// <summary>"1-25 of 340", or, when a broad filter was counted only up to the limit, "1-25 of more than 2,000".</summary>
    private string PagerInfo
    {
        get
        {
            if (result is null || result.Items.Count == 0)
            {
                return "";
            }
            var first = pageIndex * pageSize + 1;
            var last = first + result.Items.Count - 1;
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            return result.TotalIsLowerBound
                ? string.Create(inv, $"{first}-{last} of more than {result.TotalCount - 1:N0}")
                : string.Create(inv, $"{first}-{last} of {result.TotalCount:N0}");
        }
    }

    /// <summary>
    /// The CSV export of the list as it stands: the filters and sort as read (a value the page ignored is left out, so the
    /// export finds what the page shows), every page of it.
    /// </summary>
    private string ExportHref => ClaimTracker.Web.Features.Exports.ExportLink.For("claims.csv", new Dictionary<string, string?>
    {
        [ClaimListParameters.Search] = search,
        [ClaimListParameters.Actor] = actorId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ClaimListParameters.Stance] = stance?.ToString(),
        [ClaimListParameters.Topic] = topic,
        [ClaimListParameters.Status] = status?.ToString(),
        [ClaimListParameters.Rating] = ratingId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ClaimListParameters.Sort] = sort == ClaimSort.MostDisputed ? null : sort.ToString(),
    });

    private bool HasNextPage => result is not null && (pageIndex + 1) * pageSize < result.TotalCount;

    protected override async Task OnInitializedAsync() => options = await Claims.GetFilterOptionsAsync();

    protected override async Task OnParametersSetAsync()
    {
        // Read as the CSV export reads them (ClaimListParameters), so "Export CSV" gives the claims listed here; a value
        // that cannot be read is ignored here, where the export refuses it.
        var filters = ClaimListParameters.Read(Q, ActorParam, StanceParam, TopicParam, StatusParam, RatingParam, SortParam);
        search = Q;
        // Said at once, from the address too (and in the prerendered page); the service gives the same answer.
        searchError = SearchTerms.Parse(search).Error;
        actorId = filters.ActorId;
        stance = filters.Stance;
        topic = filters.Topic;
        status = filters.Status;
        ratingId = filters.RatingLabelId;
        sort = filters.Sort;
        pageSize = int.TryParse(SizeParam, out var size) && PageSizes.Contains(size) ? size : DefaultPageSize;
        // Capped so that a hand-edited address cannot ask SQLite to skip past the end of an int.
        pageIndex = int.TryParse(PageParam, out var p) && p >= 1 ? Math.Min(p, 1_000_000) - 1 : 0;

        // The rows of the previous address stay on screen until the new ones arrive: no flash of "Loading".
        result = await Claims.SearchAsync(new ClaimSearchQuery(search, actorId, stance, topic, status, sort, pageIndex, pageSize, ratingId));
        searchError = result.SearchError;
    }

    /// <summary>The stance matrix of the claims listed, as far as its filters go (search, topic, actor).</summary>
    private string MatrixHref => Nav.GetUriWithQueryParameters("/matrix", new Dictionary<string, object?>
    {
        ["q"] = Blank(search),
        ["topic"] = topic,
        ["actor"] = actorId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private void OnSearchChanged(string? value) => Navigate(q: value ?? "");

    /// <summary>The option picked in a native select; "" (the "Any …" option) removes the parameter.</summary>
    private static string Chosen(ChangeEventArgs e) => e.Value as string ?? "";

    /// <summary>The actor picked by typing; null (cleared) is any actor.</summary>
    private void ChooseActor(int? id) => Navigate(actor: id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");

    /// <summary>A click anywhere on a row opens the claim, as its link does (the link stops the click reaching the row).</summary>
    private void OpenClaim(int id) => Nav.NavigateTo($"/claims/{id}");

    private void ClearFilters() => Nav.NavigateTo("/claims");

    private void ToggleFilters() => filtersOpen = !filtersOpen;

    /// <summary>Paging adds to the history (Back returns to the page before); filters replace the entry, below.</summary>
    private void GoToPage(int index) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("page", index <= 0 ? null : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Rewrites the query string with the changed values; an empty string removes a parameter. Any change of search,
    /// filter, sort or size starts at the first page: page 3 of the old list may not exist in the new one.
    /// </summary>
    private void Navigate(string? q = null, string? actor = null, string? stanceValue = null, string? topicValue = null,
        string? statusValue = null, string? sortValue = null, string? sizeValue = null, string? ratingValue = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = Blank(q ?? search),
            ["actor"] = Blank(actor ?? actorId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["stance"] = Blank(stanceValue ?? stance?.ToString()),
            ["topic"] = Blank(topicValue ?? topic),
            ["status"] = Blank(statusValue ?? status?.ToString()),
            ["rating"] = Blank(ratingValue ?? ratingId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["sort"] = Blank(sortValue ?? (sort == ClaimSort.MostDisputed ? null : sort.ToString())),
            ["size"] = Blank(sizeValue ?? (pageSize == DefaultPageSize ? null : pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ["page"] = null,
        };
        if (parameters["size"] is string chosen && chosen == DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            parameters["size"] = null; // the default needs no parameter: /claims, not /claims?size=25
        }
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(parameters), replace: true);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
