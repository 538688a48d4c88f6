using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Actors;

public sealed record ActorRow(int Id, string Name, ActorKind Kind, string? Role, string? Country, int AttributionCount, int ChallengeCount);

public sealed record ActorProfile(
    int Id, string Name, ActorKind Kind, string? Role, string? Country, IReadOnlyList<string> Aliases,
    IReadOnlyList<ActorPosition> Positions,
    IReadOnlyList<ActorAlignment> AgreesWith,
    IReadOnlyList<ActorAlignment> DisagreesWith,
    IReadOnlyList<ClaimRef> ClaimsAbout);

public sealed record ClaimRef(int Id, string Text);

/// <summary>One of the actor's positions: an attribution together with the claim it is about.</summary>
public sealed record ActorPosition(AttributionView Attribution, string ClaimText);

/// <summary>Another actor this one agrees or disagrees with, and the claims that show it.</summary>
public sealed record ActorAlignment(int ActorId, string ActorName, IReadOnlyList<AlignmentReason> Reasons);

/// <summary>
/// Why two actors line up: this actor's position on <see cref="OwnClaimId"/> and theirs on <see cref="TheirClaimId"/>,
/// which is the same claim (<see cref="Relation"/> null) or related to it.
/// </summary>
public sealed record AlignmentReason(int OwnClaimId, string OwnClaimText, Stance OwnStance, int TheirClaimId, string TheirClaimText, Stance TheirStance, RelationType? Relation, AlignmentLink Link);

/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand to time its queries.</param>
public sealed class ActorService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    public Task<PagedResult<ActorRow>> ListAsync(string? search, int page, int pageSize, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ListAsync), search, page, pageSize), c => LoadPageAsync(search, page, pageSize, c), ct);

    private async Task<PagedResult<ActorRow>> LoadPageAsync(string? search, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = db.Actors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            actors = actors.Where(a => EF.Functions.Like(a.Name, pattern, LikePattern.Escape) || (a.Role != null && EF.Functions.Like(a.Role, pattern, LikePattern.Escape)));
        }
        var total = await actors.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        // Order before projecting: EF cannot sort on members of a record built by its constructor.
        var rows = await actors
            .OrderByDescending(a => a.Attributions.Count).ThenBy(a => a.Name)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(a => new ActorRow(a.Id, a.Name, a.Kind, a.Role, a.Country, a.Attributions.Count,
                a.Attributions.Count(x => StanceRules.Challenges.Contains(x.Stance))))
            .ToListAsync(ct);
        return new PagedResult<ActorRow>(rows, total);
    }

    public Task<ActorProfile?> GetProfileAsync(int id, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(GetProfileAsync), id), c => LoadProfileAsync(id, c), ct);

    private async Task<ActorProfile?> LoadProfileAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await db.Actors.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new
            {
                a.Id,
                a.Name,
                a.Kind,
                a.Role,
                a.Country,
                a.Aliases,
                ClaimsAbout = a.SubjectOf.OrderBy(c => c.Id).Select(c => new { c.Id, c.Text }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (actor is null)
        {
            return null;
        }

        var own = await db.Attributions.AsNoTracking()
            .Where(a => a.ActorId == id)
            .OrderBy(a => a.Source.PublishedOn).ThenBy(a => a.Anchor.Start)
            .Select(AttributionProjection.ToView)
            .ToListAsync(ct);
        var ownClaimIds = own.Select(a => a.ClaimId).Distinct().ToList();

        var relations = await db.ClaimRelations.AsNoTracking()
            .Where(r => ownClaimIds.Contains(r.FromClaimId) || ownClaimIds.Contains(r.ToClaimId))
            .Select(r => new { r.FromClaimId, r.ToClaimId, r.Type })
            .ToListAsync(ct);
        var relevantClaimIds = relations.SelectMany(r => new[] { r.FromClaimId, r.ToClaimId }).Concat(ownClaimIds).Distinct().ToList();

        var others = await db.Attributions.AsNoTracking()
            .Where(a => a.ActorId != id && relevantClaimIds.Contains(a.ClaimId))
            .Select(a => new { a.ActorId, a.Actor.Name, a.ClaimId, a.Stance })
            .ToListAsync(ct);
        var claimTexts = await db.Claims.AsNoTracking()
            .Where(c => relevantClaimIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Text })
            .ToDictionaryAsync(c => c.Id, c => c.Text, ct);

        // Index everything once, so the work grows with the links that exist rather than with
        // (own positions × everyone else's): a busy actor has thousands of positions.
        var othersByClaim = others.Distinct().ToLookup(o => o.ClaimId);
        var linksByClaim = relations
            .SelectMany(r => new[]
            {
                (Claim: r.FromClaimId, Other: r.ToClaimId, Link: Alignment.LinkOf(r.Type, mineIsFrom: true), Relation: (RelationType?)r.Type),
                (Claim: r.ToClaimId, Other: r.FromClaimId, Link: Alignment.LinkOf(r.Type, mineIsFrom: false), Relation: (RelationType?)r.Type),
            })
            .ToLookup(l => l.Claim);

        var agreements = new List<(int ActorId, string Name, AlignmentReason Reason)>();
        var disagreements = new List<(int ActorId, string Name, AlignmentReason Reason)>();
        foreach (var (claimId, stance) in own.Select(a => (a.ClaimId, a.Stance)).Distinct())
        {
            ct.ThrowIfCancellationRequested();
            var links = linksByClaim[claimId].Select(l => (l.Other, l.Link, l.Relation)).Prepend((Other: claimId, Link: AlignmentLink.SameClaim, Relation: null));
            foreach (var (otherClaimId, link, relation) in links)
            {
                foreach (var theirs in othersByClaim[otherClaimId])
                {
                    if (Alignment.Between(stance, theirs.Stance, link) is not bool agrees)
                    {
                        continue;
                    }
                    var reason = new AlignmentReason(claimId, claimTexts[claimId], stance, otherClaimId, claimTexts[otherClaimId], theirs.Stance, relation, link);
                    (agrees ? agreements : disagreements).Add((theirs.ActorId, theirs.Name, reason));
                }
            }
        }

        return new ActorProfile(actor.Id, actor.Name, actor.Kind, actor.Role, actor.Country, actor.Aliases,
            own.Select(a => new ActorPosition(a, claimTexts[a.ClaimId])).ToList(),
            Group(agreements), Group(disagreements),
            actor.ClaimsAbout.Select(c => new ClaimRef(c.Id, c.Text)).ToList());
    }

    private static List<ActorAlignment> Group(List<(int ActorId, string Name, AlignmentReason Reason)> pairs) =>
        pairs.GroupBy(p => (p.ActorId, p.Name))
            .Select(g => new ActorAlignment(g.Key.ActorId, g.Key.Name, g.Select(p => p.Reason).Distinct().ToList()))
            .OrderByDescending(a => a.Reasons.Count).ThenBy(a => a.ActorName)
            .ToList();
}

/// <summary>How the claim of one position bears on the claim of the other.</summary>
public enum AlignmentLink
{
    SameClaim,
    /// <summary>The two claims contradict each other (either direction).</summary>
    Contradicting,
    /// <summary>My claim supports theirs.</summary>
    MineSupportsTheirs,
    /// <summary>Their claim supports mine.</summary>
    TheirsSupportsMine,
    /// <summary>One claim qualifies the other: too weak a link to call agreement or disagreement.</summary>
    Qualifying,
}

/// <summary>
/// The rules by which two positions count as agreement or disagreement. They are deliberately cautious: doubting
/// or questioning a claim is not holding its opposite, and doubting the evidence is not rejecting the conclusion.
/// </summary>
public static class Alignment
{
    /// <summary>True when the two positions agree, false when they conflict, null when nothing can be said.</summary>
    public static bool? Between(Stance mine, Stance theirs, AlignmentLink link)
    {
        var iBack = !mine.IsChallenge();
        var theyBack = !theirs.IsChallenge();
        return link switch
        {
            // Backing it together, or challenging it together, is agreement.
            AlignmentLink.SameClaim => iBack == theyBack,
            // Backing rival claims is disagreement; backing one while the other outright denies its rival is agreement.
            AlignmentLink.Contradicting => iBack && theyBack ? false
                : (iBack && theirs == Stance.Denies) || (theyBack && mine == Stance.Denies) ? true
                : null,
            // Backing the evidence and the conclusion is agreement; backing the evidence while challenging the conclusion is not.
            AlignmentLink.MineSupportsTheirs => iBack ? theyBack : null,
            AlignmentLink.TheirsSupportsMine => theyBack ? iBack : null,
            _ => null,
        };
    }

    public static AlignmentLink LinkOf(RelationType type, bool mineIsFrom) => type switch
    {
        RelationType.Contradicts => AlignmentLink.Contradicting,
        RelationType.Supports => mineIsFrom ? AlignmentLink.MineSupportsTheirs : AlignmentLink.TheirsSupportsMine,
        _ => AlignmentLink.Qualifying,
    };
}
