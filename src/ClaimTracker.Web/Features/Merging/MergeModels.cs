using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>One claim as the merge dialog compares it: what it has, and the version the editor saw.</summary>
public sealed record MergeSide(
    int Id,
    string Text,
    DateTimeOffset CreatedAt,
    ClaimStatus Status,
    int Statements,
    int Relations,
    int Notes,
    VerdictBrief? Verdict,
    Guid Version);

public sealed record VerdictBrief(VerdictState State, string Rating);

/// <summary>What merging <see cref="Merged"/> into <see cref="Survivor"/> would do, or why it cannot be done.</summary>
public sealed record MergePreview(MergeSide Survivor, MergeSide Merged, IReadOnlyList<string> Effects, string? Refusal)
{
    public bool CanMerge => Refusal is null;
}

/// <summary>A merge as shown on the survivor's page and in the history.</summary>
public sealed record MergeSummary(
    int Id,
    int SurvivorId,
    string SurvivorText,
    int MergedId,
    string MergedText,
    string UserName,
    DateTimeOffset At,
    string Summary,
    DateTimeOffset? UndoneAt,
    string? UndoneBy)
{
    public bool IsUndone => UndoneAt is not null;
}

/// <summary>A claim worded much like another (<see cref="Similarity"/> from 0 to 1), offered as a possible duplicate.</summary>
public sealed record SimilarClaim(int Id, string Text, double Similarity);
