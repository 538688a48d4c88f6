using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Matrix;

/// <summary>How the matrix arranges its rows and columns.</summary>
public enum MatrixSort
{
    /// <summary>Related claims side by side (those that support each other, then those that contradict them), and the actors of
    /// each side together: the default, because it is where a dispute shows.</summary>
    Sides,

    /// <summary>Most statements first, rows and columns alike.</summary>
    Activity,
}

/// <summary>
/// What the matrix is asked for. The filters narrow the claims (the columns): the claims search's words, a topic, an actor
/// (the claims that actor took a position on, with every actor on them); a source narrows the statements themselves to that
/// article's. Without <see cref="ShowAll"/> the matrix shows the most active claims and actors only.
/// </summary>
public sealed record MatrixQuery(
    string? Search = null,
    string? Topic = null,
    int? SourceId = null,
    int? ActorId = null,
    bool ShowAll = false,
    MatrixSort Sort = MatrixSort.Sides)
{
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrEmpty(Topic) || SourceId is not null || ActorId is not null;
}

/// <summary>
/// How much the matrix shows. A matrix is read by eye: past a few dozen columns nobody can follow a row, so even "show all"
/// stops at a hard cap and asks for a narrower filter; the caps also bound what each request reads and what a reader's page
/// holds (at most <see cref="MaxClaims"/> × <see cref="MaxActors"/> cells).
/// </summary>
public static class MatrixLimits
{
    /// <summary>Claims (columns) shown unless "show all" is asked for: the seed's article fits whole.</summary>
    public const int Claims = 15;

    /// <summary>Actors (rows) shown unless "show all" is asked for.</summary>
    public const int Actors = 20;

    /// <summary>Claims shown at most, with "show all".</summary>
    public const int MaxClaims = 40;

    /// <summary>Actors shown at most, with "show all".</summary>
    public const int MaxActors = 60;

    /// <summary>
    /// The matching claims the columns are chosen from: one page of the claims search, most disputed first (that order is an
    /// index; a count of every claim's statements is not, and in a large record would read them all).
    /// </summary>
    public const int ClaimPool = 100;

    /// <summary>Statements read to rank the actors of the chosen claims and to see which claims are contested.</summary>
    public const int StatementScan = 20_000;

    /// <summary>Statements read for the cells themselves.</summary>
    public const int CellStatements = 10_000;
}

/// <summary>A claim that matches the filters, with its statements (in the source, when the matrix is of one source).</summary>
/// <param name="Rank">Its place in the search's order (most disputed first), which breaks ties of activity.</param>
public sealed record MatrixClaimCandidate(int Id, string Text, int Statements, int Rank);

/// <summary>An actor with statements on the chosen claims.</summary>
public sealed record MatrixActorCandidate(int Id, string Name, int Statements);

/// <summary>One live statement in a cell.</summary>
/// <param name="SaidWhen">As the article gives it ("Thursday"); the source's <paramref name="PublishedOn"/> dates it.</param>
public sealed record MatrixStatement(int Id, int ActorId, int ClaimId, int SourceId, Stance Stance, string? SaidWhen, DateOnly PublishedOn)
{
    public string ReaderHref => $"/sources/{SourceId}?attribution={Id}";
}

/// <summary>A live relation between two chosen claims.</summary>
public sealed record MatrixRelationInput(int FromClaimId, int ToClaimId, RelationType Type);

/// <summary>How one stance of a claim's statements (all actors, in scope) counts: for the contested mark.</summary>
public sealed record MatrixStanceCount(int ClaimId, Stance Stance, int Count);

/// <summary>A run of the same stance in a cell, in date order: "asserts ×2", then "denies".</summary>
public sealed record StanceRun(Stance Stance, int Count);

/// <summary>
/// An actor's statements on one claim, oldest first (by the source's publication date, then as recorded). Several stances
/// show as runs in that order; a cell holding both a stance for the claim and one against it has <see cref="Changed"/>.
/// </summary>
public sealed record MatrixCell(IReadOnlyList<MatrixStatement> Statements)
{
    public IReadOnlyList<StanceRun> Runs { get; } = RunsOf(Statements);

    /// <summary>Runs shown in a cell; a longer history shows its first and last runs around "…" (a busy speaker on a busy
    /// claim can have a hundred statements, which no cell can hold).</summary>
    public const int RunsShown = 3;

    /// <summary>The runs between the first and the last that a long history leaves out of the cell (the tooltip lists the latest statements).</summary>
    public int RunsLeftOut => Runs.Count > RunsShown ? Runs.Count - 2 : 0;

    /// <summary>The statement the cell opens: the latest.</summary>
    public MatrixStatement Latest => Statements[^1];

    /// <summary>The actor took the claim's side and also went against it (asserted, later denied, or the reverse).</summary>
    public bool Changed => Statements.Any(s => s.Stance.IsChallenge()) && Statements.Any(s => !s.Stance.IsChallenge());

    private static List<StanceRun> RunsOf(IReadOnlyList<MatrixStatement> statements)
    {
        var runs = new List<StanceRun>();
        foreach (var s in statements)
        {
            if (runs.Count > 0 && runs[^1].Stance == s.Stance)
            {
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            }
            else
            {
                runs.Add(new StanceRun(s.Stance, 1));
            }
        }
        return runs;
    }
}

/// <summary>How a column's claim bears on another column's: "contradicts C3", "supported by C2".</summary>
public sealed record MatrixLink(RelationType Type, bool Outgoing, int OtherNumber, int OtherClaimId)
{
    public string Words => (Type, Outgoing) switch
    {
        (RelationType.Contradicts, _) => "contradicts",
        (RelationType.Supports, true) => "supports",
        (RelationType.Supports, false) => "supported by",
        (RelationType.Qualifies, true) => "qualifies",
        _ => "qualified by",
    };
}

/// <summary>A column: one claim.</summary>
/// <param name="Number">C1, C2, … in the order shown: what the relation marks refer to.</param>
/// <param name="Group">The index of its group of related claims in <see cref="StanceMatrix.ColumnGroups"/>.</param>
/// <param name="OtherSide">The first claim of its group that contradicts the ones before it: the line between the two sides.</param>
public sealed record MatrixColumn(
    int Number,
    int ClaimId,
    string Text,
    int Statements,
    int For,
    int Against,
    IReadOnlyList<MatrixLink> Links,
    int Group,
    bool OtherSide)
{
    /// <summary>Someone takes the claim's side and someone goes against it.</summary>
    public bool Contested => For > 0 && Against > 0;

    public string Label => $"C{Number}";
}

/// <summary>A run of adjacent columns: claims linked by relations, or the claims linked to none shown.</summary>
public sealed record MatrixColumnGroup(string Label, int Span, bool Linked);

/// <summary>A row: one actor, with a cell (or null, no statement) per column.</summary>
public sealed record MatrixRow(int ActorId, string Name, int Statements, IReadOnlyList<MatrixCell?> Cells);

/// <summary>Rows on the same side of a group of claims; one unlabelled group when the matrix is sorted by activity.</summary>
public sealed record MatrixRowGroup(string? Label, IReadOnlyList<MatrixRow> Rows);

/// <summary>What the matrix left out, for the line above it and the "show all" link.</summary>
/// <param name="ClaimsMatched">Claims with statements that match; with <paramref name="ClaimsMatchedIsLowerBound"/>, at least that many.</param>
/// <param name="ActorsOnClaims">Actors with statements on the claims shown.</param>
/// <param name="AtCap">"Show all" was asked for and more match than the matrix ever shows.</param>
/// <param name="StatementsCut">More statements than the matrix reads: activity was counted on the first <see cref="MatrixLimits.StatementScan"/>.</param>
public sealed record MatrixCut(
    int ClaimsShown,
    int ClaimsMatched,
    bool ClaimsMatchedIsLowerBound,
    int ActorsShown,
    int ActorsOnClaims,
    bool ShowAll,
    bool AtCap,
    bool StatementsCut)
{
    public bool IsCut => ClaimsShown < ClaimsMatched || ClaimsMatchedIsLowerBound || ActorsShown < ActorsOnClaims;
}

/// <summary>Why a matrix is empty, for its empty state.</summary>
public enum MatrixEmptyReason
{
    None,
    /// <summary>The search text cannot be read (<see cref="StanceMatrix.SearchError"/> says why).</summary>
    UnreadableSearch,
    /// <summary>No claim matches the filters.</summary>
    NoClaims,
    /// <summary>Claims match, but none has a statement (a topic nobody has spoken to yet).</summary>
    NoStatements,
    /// <summary>The source in the address does not exist.</summary>
    UnknownSource,
}

/// <summary>The stance matrix: actors in rows, claims in columns, each cell the actor's stances on the claim.</summary>
public sealed record StanceMatrix(
    IReadOnlyList<MatrixColumn> Columns,
    IReadOnlyList<MatrixColumnGroup> ColumnGroups,
    IReadOnlyList<MatrixRowGroup> RowGroups,
    MatrixCut Cut,
    MatrixEmptyReason Empty = MatrixEmptyReason.None,
    string? SearchError = null)
{
    public IEnumerable<MatrixRow> Rows => RowGroups.SelectMany(g => g.Rows);

    public int RowCount => RowGroups.Sum(g => g.Rows.Count);

    public static StanceMatrix EmptyBecause(MatrixEmptyReason reason, bool showAll, string? searchError = null, int claimsMatched = 0) =>
        new([], [], [], new MatrixCut(0, claimsMatched, false, 0, 0, showAll, false, false), reason, searchError);
}

/// <summary>A source the matrix can be narrowed to.</summary>
public sealed record MatrixSourceOption(int Id, string Title, string Outlet, DateOnly PublishedOn);

/// <summary>The filters' choices: the claims browser's topics, and the latest sources (plus the one chosen); actors are found by typing.</summary>
public sealed record MatrixFilterOptions(
    IReadOnlyList<string> Topics,
    IReadOnlyList<MatrixSourceOption> Sources);
