using System.Globalization;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Features.Matrix;

/// <summary>
/// The stance matrix. Like the claims list, it is rendered on the server from the address (search, topic, source, actor,
/// arrangement, "show all"), so a matrix can be shared as a link and is in the first HTML a reader gets; a change of filter
/// rewrites the address. It runs in the circuit as every page with the menu does; its cells are plain markup, not
/// components, so a reader's circuit holds little more than the HTML (and at most the caps' worth of cells).
/// </summary>
public partial class MatrixPage
{
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "topic")] public string? TopicParam { get; set; }
    // Strings, not int?: a mangled link ("?actor=abc") is ignored, not a failed page.
    [SupplyParameterFromQuery(Name = "source")] public string? SourceParam { get; set; }
    [SupplyParameterFromQuery(Name = "actor")] public string? ActorParam { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortParam { get; set; }
    /// <summary>"1": every claim and actor, up to the caps.</summary>
    [SupplyParameterFromQuery(Name = "all")] public string? AllParam { get; set; }

    private readonly Func<string?, string?> searchProblem = text => SearchTerms.Parse(text).Error;

    private MatrixFilterOptions? options;
    private StanceMatrix? matrix;
    private string? search;
    private string? searchError;
    private string? topic;
    private int? sourceId;
    private int? actorId;
    private string? actorName;
    private MatrixSort sort;
    private bool showAll;
    private HashSet<int> groupStarts = [];

    private bool IsFiltered => !string.IsNullOrWhiteSpace(search) || topic is not null || sourceId is not null || actorId is not null;

    /// <summary>The topics offered, with the one in the address even when no claim has it (so the select says what is filtered).</summary>
    private IEnumerable<string> TopicChoices =>
        topic is null || options is null || options.Topics.Contains(topic) ? options?.Topics ?? [] : options.Topics.Append(topic);

    protected override async Task OnParametersSetAsync()
    {
        search = Q;
        searchError = SearchTerms.Parse(search).Error;
        topic = string.IsNullOrWhiteSpace(TopicParam) ? null : TopicParam;
        sourceId = int.TryParse(SourceParam, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        actorId = int.TryParse(ActorParam, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        sort = string.Equals(SortParam, "activity", StringComparison.OrdinalIgnoreCase) ? MatrixSort.Activity : MatrixSort.Sides;
        showAll = AllParam is "1" or "true";

        options = await Matrix.GetFilterOptionsAsync(sourceId);
        actorName = actorId is int chosen ? (await Actors.ChoiceAsync(chosen))?.Name : null;
        // The matrix of the previous address stays on screen until the new one arrives.
        matrix = await Matrix.GetAsync(new MatrixQuery(search, topic, sourceId, actorId, showAll, sort));
        searchError = matrix.SearchError ?? searchError;
        groupStarts = matrix.Columns.Where((c, i) => i > 0 && matrix.Columns[i - 1].Group != c.Group).Select(c => c.ClaimId).ToHashSet();
    }

    /// <summary>The lines between groups of related claims, and between a group's two sides.</summary>
    private string? ColumnClass(MatrixColumn col) =>
        groupStarts.Contains(col.ClaimId) ? "group-start" : col.OtherSide ? "other-side" : null;

    private static string SourceName(MatrixSourceOption s) => $"{s.Outlet}: {s.Title.Shortened(60)} ({s.PublishedOn.Display()})";

    /// <summary>The statements of a cell with their dates, shown on hover.</summary>
    private static string CellTitle(MatrixCell cell)
    {
        const int listed = 6;
        var lines = cell.Statements.TakeLast(listed).Select(s =>
            $"{s.Stance.Verb()}: {s.PublishedOn.Display()}{(string.IsNullOrWhiteSpace(s.SaidWhen) ? "" : $" ({s.SaidWhen})")}");
        var earlier = cell.Statements.Count > listed ? $"… {cell.Statements.Count - listed} earlier\n" : "";
        return earlier + string.Join("\n", lines) + "\nOpens the latest quote in its article.";
    }

    /// <summary>" on topic …, in …": what the caption's counts are of.</summary>
    private string FilterWords
    {
        get
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(search))
            {
                parts.Add($"matching “{search}”");
            }
            if (topic is not null)
            {
                parts.Add($"on the topic “{topic}”");
            }
            if (actorId is not null && actorName is { } name)
            {
                parts.Add($"that {name} took a position on");
            }
            if (sourceId is int s && options?.Sources.FirstOrDefault(x => x.Id == s) is { } source)
            {
                parts.Add($"in {source.Outlet}, “{source.Title.Shortened(60)}”");
            }
            return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
        }
    }

    private string Summary
    {
        get
        {
            var cut = matrix!.Cut;
            var inv = CultureInfo.InvariantCulture;
            var claimsMatched = cut.ClaimsMatchedIsLowerBound
                ? string.Create(inv, $"more than {cut.ClaimsMatched - 1:N0}")
                : cut.ClaimsMatched.ToString("N0", inv);
            if (!cut.IsCut)
            {
                return $"All {cut.ClaimsShown.Counted("claim")} with statements, and the {cut.ActorsShown.Counted("actor")} who spoke to them.";
            }
            return string.Create(inv,
                $"The {cut.ClaimsShown.Counted("claim")} and {cut.ActorsShown.Counted("actor")} with the most statements, of {claimsMatched} claims and {cut.ActorsOnClaims:N0} actors on them.")
                + (cut.StatementsCut ? $" Counted on the first {MatrixLimits.StatementScan:N0} statements." : "");
        }
    }

    private string EmptyTitle => matrix!.Empty switch
    {
        MatrixEmptyReason.UnreadableSearch => "The search cannot be read",
        MatrixEmptyReason.UnknownSource => "There is no such source",
        MatrixEmptyReason.NoStatements => "No positions recorded yet",
        _ => IsFiltered ? "No claims match" : "No claims yet",
    };

    private string EmptyText => matrix!.Empty switch
    {
        MatrixEmptyReason.UnreadableSearch => matrix.SearchError ?? "",
        MatrixEmptyReason.UnknownSource => $"The address names source {sourceId}, which the record does not hold. Choose another source, or clear the filters.",
        MatrixEmptyReason.NoStatements when sourceId is not null && matrix.Cut.ClaimsMatched == 0 =>
            "Nobody's position in this source is recorded yet: its statements appear here once they are recorded or accepted in review.",
        MatrixEmptyReason.NoStatements when topic is not null =>
            $"{matrix.Cut.ClaimsMatched.Counted("claim")} on the topic “{topic}” {(matrix.Cut.ClaimsMatched == 1 ? "has" : "have")} no statements yet: nobody's position on {(matrix.Cut.ClaimsMatched == 1 ? "it" : "them")} is recorded.",
        MatrixEmptyReason.NoStatements =>
            $"{matrix.Cut.ClaimsMatched.Counted("claim")} {(matrix.Cut.ClaimsMatched == 1 ? "matches" : "match")}, but nobody's position on {(matrix.Cut.ClaimsMatched == 1 ? "it" : "them")} is recorded yet.",
        _ when IsFiltered => "Try fewer words, or clear a filter.",
        _ => "The matrix fills as articles are added and their statements recorded.",
    };

    private string ShowAllHref(bool all) => Nav.GetUriWithQueryParameter("all", all ? "1" : null);

    private void OnSearchChanged(string? value) => Navigate(q: value ?? "");

    private static string Chosen(ChangeEventArgs e) => e.Value as string ?? "";

    /// <summary>The actor picked by typing; null (cleared) is any actor.</summary>
    private void ChooseActor(int? id) => Navigate(actorValue: id?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>Rewrites the address with the changed values; "" removes a parameter. A new filter starts from the top N again.</summary>
    private void Navigate(string? q = null, string? topicValue = null, string? sourceValue = null, string? actorValue = null, string? sortValue = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = Blank(q ?? search),
            ["topic"] = Blank(topicValue ?? topic),
            ["source"] = Blank(sourceValue ?? sourceId?.ToString(CultureInfo.InvariantCulture)),
            ["actor"] = Blank(actorValue ?? actorId?.ToString(CultureInfo.InvariantCulture)),
            ["sort"] = Blank(sortValue ?? (sort == MatrixSort.Activity ? "activity" : null)),
            ["all"] = sortValue is not null ? (showAll ? "1" : null) : null,
        };
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(parameters), replace: true);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
