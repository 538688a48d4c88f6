namespace ClaimTracker.Web.Domain;

/// <summary>
/// A merge of a duplicate claim (<see cref="MergedId"/>) into the claim that survives (<see cref="SurvivorId"/>):
/// who did it, when, and exactly which rows it moved or retired, so that an undo takes back that much and no more.
/// </summary>
public class ClaimMerge
{
    public int Id { get; set; }
    public int SurvivorId { get; set; }
    public int MergedId { get; set; }

    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What the merge did, in words ("3 statements, 1 relation, 2 notes moved"); both claims' history says it too.</summary>
    public required string Summary { get; set; }

    /// <summary>What moved and what was retired, by kind and id.</summary>
    public MergeRows Rows { get; set; } = new();

    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }

    public bool IsUndone => UndoneAt is not null;
}

/// <summary>
/// The rows a merge touched. "Moved" rows now point at the survivor instead of the merged claim; "retired" rows were
/// soft-deleted because moving them would have made a claim relate to itself, repeated a relation the survivor already
/// has, or given the survivor a second verdict.
/// </summary>
public sealed record MergeRows
{
    public List<int> Attributions { get; init; } = [];
    /// <summary>Relations whose FromClaimId was the merged claim.</summary>
    public List<int> RelationsFrom { get; init; } = [];
    /// <summary>Relations whose ToClaimId was the merged claim.</summary>
    public List<int> RelationsTo { get; init; } = [];
    public List<int> Annotations { get; init; } = [];
    public List<int> Verdicts { get; init; } = [];
    public List<int> Suggestions { get; init; } = [];

    /// <summary>
    /// Follows of the merged claim moved to the survivor, so that its followers hear of it from now on. A person already
    /// following the survivor keeps both follows, and the merged claim's says where it went.
    /// </summary>
    public List<int> Follows { get; init; } = [];
    public List<int> RetiredRelations { get; init; } = [];
    public List<int> RetiredVerdicts { get; init; } = [];

    /// <summary>Subjects (actor ids) and topics the survivor gained from the merged claim.</summary>
    public List<int> AddedSubjects { get; init; } = [];
    public List<string> AddedTopics { get; init; } = [];

    /// <summary>The survivor's workflow status before the merge, when the merge changed it (it took over the merged claim's verdict).</summary>
    public ClaimStatus? SurvivorStatusBefore { get; init; }
}
