using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Positions;

public sealed record ComparedActor(int Id, string Name, string? Role, int Statements);

/// <summary>
/// Why the two line up or not, as the actor page says it (<see cref="AlignmentReason"/>: the first actor's position on one
/// claim, the second's on the same claim or a related one), with the latest quote of each.
/// </summary>
public sealed record ComparisonReason(AlignmentReason Reason, AttributionView? QuoteA, AttributionView? QuoteB);

/// <summary>A claim only one of the two spoke to, and which bears on nothing the other said; with their latest words on it.</summary>
public sealed record SoleClaim(int ClaimId, string ClaimText, AttributionView Latest);

/// <summary>Two actors side by side. Each list holds its first <see cref="ComparisonService.Listed"/>; the totals count them all.</summary>
/// <param name="BasisLimited">One of the two has more statements than the comparison reads (<see cref="ComparisonService.Basis"/>, the most recently recorded).</param>
public sealed record ActorComparison(
    ComparedActor A, ComparedActor B,
    IReadOnlyList<ComparisonReason> Agree, int AgreeTotal,
    IReadOnlyList<ComparisonReason> Disagree, int DisagreeTotal,
    IReadOnlyList<SoleClaim> OnlyA, int OnlyATotal,
    IReadOnlyList<SoleClaim> OnlyB, int OnlyBTotal,
    bool BasisLimited);

/// <summary>What a comparison came to: the comparison, or which of the two ids is unknown.</summary>
public sealed record ComparisonResult(ActorComparison? Comparison, bool AIsUnknown, bool BIsUnknown);

/// <summary>
/// Two actors compared, by the same rules as the actor page's agreement and disagreement (<see cref="Alignment.Derive"/>):
/// where they agree, where they disagree and why (the same claim from opposite sides, or contradicting claims each backed by
/// one), and what only one of them addressed. Bounded: each actor's <see cref="Basis"/> most recently recorded statements
/// are compared, and each list shows its first <see cref="Listed"/>.
/// </summary>
public sealed class ComparisonService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    public const int Basis = 1_000;
    public const int Listed = 50;

    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    public Task<ComparisonResult> CompareAsync(int a, int b, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(CompareAsync), a, b), c => LoadAsync(a, b, c), ct);

    private async Task<ComparisonResult> LoadAsync(int aId, int bId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var actors = await db.Actors.AsNoTracking()
            .Where(x => x.Id == aId || x.Id == bId)
            .Select(x => new { x.Id, x.Name, x.Role, Statements = EF.Property<int>(x, ActorCountTriggers.StatementCount) })
            .ToDictionaryAsync(x => x.Id, ct);
        if (!actors.ContainsKey(aId) || !actors.ContainsKey(bId))
        {
            return new ComparisonResult(null, !actors.ContainsKey(aId), !actors.ContainsKey(bId));
        }

        // The most recently recorded statements of each, from the index that starts with the actor.
        async Task<List<Position>> PositionsOf(int id) => await db.Attributions.AsNoTracking()
            .Where(x => x.ActorId == id).OrderByDescending(x => x.Id).Take(Basis)
            .Select(x => new Position(x.Id, x.ClaimId, x.Stance)).ToListAsync(ct);
        var ofA = await PositionsOf(aId);
        var ofB = await PositionsOf(bId);
        var limited = actors[aId].Statements > Basis || actors[bId].Statements > Basis;

        var claimsA = ofA.Select(p => p.ClaimId).Distinct().ToList();
        var claimsB = ofB.Select(p => p.ClaimId).Distinct().ToList();
        // Relations with one end among the claims of each: only those can give a reason.
        // The relations touching the smaller side's claims, each found through the index that starts with its end, and
        // kept when the other end is the other side's. Asking for both ends in the query made SQLite probe every pair of
        // the two lists: a million probes for two actors with a thousand claims each.
        var (setA, setB) = (claimsA.ToHashSet(), claimsB.ToHashSet());
        var fewer = claimsA.Count <= claimsB.Count ? claimsA : claimsB;
        var relations = claimsA.Count == 0 || claimsB.Count == 0 ? [] : (await db.ClaimRelations.AsNoTracking()
                .Where(r => fewer.Contains(r.FromClaimId) || fewer.Contains(r.ToClaimId))
                .Select(r => new { r.FromClaimId, r.ToClaimId, r.Type })
                .ToListAsync(ct))
            .Where(r => (setA.Contains(r.FromClaimId) && setB.Contains(r.ToClaimId)) || (setB.Contains(r.FromClaimId) && setA.Contains(r.ToClaimId)))
            .ToList();

        var (agree, disagree, onlyA, onlyB) = Sort(
            ofA.Select(p => (p.ClaimId, p.Stance)).ToList(), ofB.Select(p => (p.ClaimId, p.Stance)).ToList(),
            relations.Select(r => (r.FromClaimId, r.ToClaimId, r.Type)).ToList(), ct);
        var listedAgree = agree.Take(Listed).ToList();
        var listedDisagree = disagree.Take(Listed).ToList();
        var listedOnlyA = onlyA.Take(Listed).ToList();
        var listedOnlyB = onlyB.Take(Listed).ToList();

        // The latest statement of each listed position, read in full; claim texts for what is listed only.
        var latestA = ofA.GroupBy(p => (p.ClaimId, p.Stance)).ToDictionary(g => g.Key, g => g.First().Id);
        var latestB = ofB.GroupBy(p => (p.ClaimId, p.Stance)).ToDictionary(g => g.Key, g => g.First().Id);
        var latestOnA = ofA.GroupBy(p => p.ClaimId).ToDictionary(g => g.Key, g => g.First().Id);
        var latestOnB = ofB.GroupBy(p => p.ClaimId).ToDictionary(g => g.Key, g => g.First().Id);
        var reasonsListed = listedAgree.Concat(listedDisagree).ToList();
        var quoteIds = reasonsListed.Select(f => latestA[(f.OwnClaimId, f.OwnStance)])
            .Concat(reasonsListed.Select(f => latestB[(f.TheirClaimId, f.TheirStance)]))
            .Concat(listedOnlyA.Select(c => latestOnA[c]))
            .Concat(listedOnlyB.Select(c => latestOnB[c]))
            .Distinct().ToList();
        var quotes = quoteIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
            .Where(x => quoteIds.Contains(x.Id)).Select(AttributionProjection.ToView).ToDictionaryAsync(v => v.Id, ct);
        var textIds = reasonsListed.SelectMany(f => new[] { f.OwnClaimId, f.TheirClaimId }).Concat(listedOnlyA).Concat(listedOnlyB).Distinct().ToList();
        var texts = textIds.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => textIds.Contains(c.Id)).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, ct);

        List<ComparisonReason> Reasons(List<AlignmentFinding> listed) => listed
            .Where(f => texts.ContainsKey(f.OwnClaimId) && texts.ContainsKey(f.TheirClaimId))
            .Select(f => new ComparisonReason(
                new AlignmentReason(f.OwnClaimId, texts[f.OwnClaimId], f.OwnStance, f.TheirClaimId, texts[f.TheirClaimId], f.TheirStance, f.Relation, f.Link),
                quotes.GetValueOrDefault(latestA[(f.OwnClaimId, f.OwnStance)]),
                quotes.GetValueOrDefault(latestB[(f.TheirClaimId, f.TheirStance)])))
            .ToList();
        List<SoleClaim> Sole(List<int> claims, Dictionary<int, int> latest) => claims
            .Where(c => texts.ContainsKey(c) && quotes.ContainsKey(latest[c]))
            .Select(c => new SoleClaim(c, texts[c], quotes[latest[c]]))
            .ToList();

        ComparedActor Compared(int id) => new(id, actors[id].Name, actors[id].Role, actors[id].Statements);
        return new ComparisonResult(new ActorComparison(Compared(aId), Compared(bId),
            Reasons(listedAgree), agree.Count, Reasons(listedDisagree), disagree.Count,
            Sole(listedOnlyA, latestOnA), onlyA.Count, Sole(listedOnlyB, latestOnB), onlyB.Count, limited), false, false);
    }

    /// <summary>
    /// The comparison's lists, before texts and quotes: the reasons they agree and disagree (<see cref="Alignment.Derive"/>,
    /// the rules of the actor page), and the claims only one of them spoke to that bear on nothing the other said (neither
    /// the same claim nor one related to it by a reason). Positions come latest first, and each list keeps that order.
    /// </summary>
    public static (List<AlignmentFinding> Agree, List<AlignmentFinding> Disagree, List<int> OnlyA, List<int> OnlyB) Sort(
        IReadOnlyList<(int ClaimId, Stance Stance)> ofA,
        IReadOnlyList<(int ClaimId, Stance Stance)> ofB,
        IReadOnlyList<(int FromClaimId, int ToClaimId, RelationType Type)> relations,
        CancellationToken ct = default)
    {
        const int other = 0; // Derive sets one actor against others; here there is one other
        var findings = Alignment.Derive(ofA.Distinct(), ofB.Distinct().Select(p => (other, p.ClaimId, p.Stance)), relations, ct)
            .Distinct()
            .ToList();
        var linkedA = findings.Select(f => f.OwnClaimId).ToHashSet();
        var linkedB = findings.Select(f => f.TheirClaimId).ToHashSet();
        var claimsA = ofA.Select(p => p.ClaimId).Distinct().ToList();
        var claimsB = ofB.Select(p => p.ClaimId).Distinct().ToList();
        var (setA, setB) = (claimsA.ToHashSet(), claimsB.ToHashSet());
        return (
            findings.Where(f => f.Agrees).ToList(),
            findings.Where(f => !f.Agrees).ToList(),
            claimsA.Where(c => !linkedA.Contains(c) && !setB.Contains(c)).ToList(),
            claimsB.Where(c => !linkedB.Contains(c) && !setA.Contains(c)).ToList());
    }

    /// <summary>The names of the actors among <paramref name="ids"/> that exist, for the pickers.</summary>
    public async Task<IReadOnlyDictionary<int, string>> NamesAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<int, string>();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Actors.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
    }

    private sealed record Position(int Id, int ClaimId, Stance Stance);
}
