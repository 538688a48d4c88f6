using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Actors;

public sealed record ActorRow(int Id, string Name, ActorKind Kind, string? Role, string? Country, int AttributionCount, int ChallengeCount);

/// <remarks>
/// Bounded, whatever the actor's activity (see <see cref="ActorService.GetProfileAsync"/>); <see cref="Counts"/> says how
/// many there are in all.
/// </remarks>
/// <param name="Ratings">The published ratings of the claims the page lists (positions, alignments, claims about), by claim id.</param>
public sealed record ActorProfile(
    int Id, string Name, ActorKind Kind, string? Role, string? Country, IReadOnlyList<string> Aliases,
    IReadOnlyList<ActorPosition> Positions,
    IReadOnlyList<ActorAlignment> AgreesWith,
    IReadOnlyList<ActorAlignment> DisagreesWith,
    IReadOnlyList<ClaimRef> ClaimsAbout,
    ActorCounts Counts,
    IReadOnlyDictionary<int, PublishedRating>? Ratings = null)
{
    /// <summary>The published rating of a claim the page lists, or null.</summary>
    public PublishedRating? RatingOf(int claimId) => Ratings?.GetValueOrDefault(claimId);
}

/// <summary>How many of each an actor has in all, listed or not.</summary>
/// <param name="PositionsByStance">The actor's statements by stance.</param>
/// <param name="AgreesWith">Actors they agree with (as far as the statements listed show).</param>
/// <param name="DisagreesWith">Actors they disagree with (likewise).</param>
public sealed record ActorCounts(IReadOnlyDictionary<Stance, int> PositionsByStance, int ClaimsAbout, int AgreesWith, int DisagreesWith)
{
    public int Positions => PositionsByStance.Values.Sum();

    public int PositionsOf(Stance stance) => PositionsByStance.GetValueOrDefault(stance);
}

public sealed record ClaimRef(int Id, string Text);

/// <summary>One of the actor's positions: an attribution together with the claim it is about.</summary>
public sealed record ActorPosition(AttributionView Attribution, string ClaimText);

/// <summary>Another actor this one agrees or disagrees with, and the claims that show it (the first <see cref="ActorService.ReasonsShown"/>
/// of <see cref="ReasonCount"/>).</summary>
public sealed record ActorAlignment(int ActorId, string ActorName, IReadOnlyList<AlignmentReason> Reasons, int ReasonCount)
{
    public int MoreReasons => ReasonCount - Reasons.Count;
}

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
        var actors = Matching(db, search);
        var total = await actors.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        // Order before projecting: EF cannot sort on members of a record built by its constructor. The counts are stored
        // (ActorCountTriggers), so a page is read in the order of their index instead of counting every statement.
        var rows = await actors
            .OrderByDescending(a => EF.Property<int>(a, ActorCountTriggers.StatementCount)).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(a => new ActorRow(a.Id, a.Name, a.Kind, a.Role, a.Country,
                EF.Property<int>(a, ActorCountTriggers.StatementCount), EF.Property<int>(a, ActorCountTriggers.ChallengeCount)))
            .ToListAsync(ct);
        return new PagedResult<ActorRow>(rows, total);
    }

    /// <summary>
    /// The actor as a picker shows it, or null for an unknown or deleted actor. Through the read-model cache: a filtered
    /// page asks for it twice per render (the filter shows the name, the page says what it shows).
    /// </summary>
    public Task<ActorChoice?> ChoiceAsync(int id, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ChoiceAsync), id), c => LoadChoiceAsync(id, c), ct);

    private async Task<ActorChoice?> LoadChoiceAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => new ActorChoice(a.Id, a.Name)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The actors whose name or role contains <paramref name="search"/> (all of them for none), as the actors list and its
    /// CSV export filter them.
    /// </summary>
    internal static IQueryable<Actor> Matching(ClaimTrackerDbContext db, string? search)
    {
        var actors = db.Actors.AsNoTracking();
        // Cleaned as names are when saved: a NUL or half a surrogate pair matches no name, and PostgreSQL would refuse the query.
        search = InputText.CleanLine(search);
        if (search.Length > 0)
        {
            var pattern = LikePattern.Containing(search);
            // Case-insensitive on both engines: SQLite's LIKE ignores case (of ASCII letters), PostgreSQL's needs ILIKE.
            actors = db.Database.IsNpgsql()
                ? actors.Where(a => EF.Functions.ILike(a.Name, pattern, LikePattern.Escape) || (a.Role != null && EF.Functions.ILike(a.Role, pattern, LikePattern.Escape)))
                : actors.Where(a => EF.Functions.Like(a.Name, pattern, LikePattern.Escape) || (a.Role != null && EF.Functions.Like(a.Role, pattern, LikePattern.Escape)));
        }
        return actors;
    }

    /// <summary>The actor's statements listed per stance, the most recently recorded; the rest are counted.</summary>
    public const int PositionsShown = 50;

    /// <summary>Claims about the actor listed; the rest are counted.</summary>
    public const int ClaimsAboutShown = 50;

    /// <summary>The statements agreement and disagreement are derived from: the most recently recorded of those listed.</summary>
    public const int AlignmentBasis = 100;

    /// <summary>Actors listed as agreeing, and as disagreeing; the rest are counted.</summary>
    public const int AlignmentsShown = 25;

    /// <summary>Reasons listed for each of them; the rest are counted.</summary>
    public const int ReasonsShown = 10;

    /// <summary>
    /// The actor page, or null for an unknown actor. Bounded, whatever the actor's activity: a head of state with tens of
    /// thousands of statements lists the <see cref="PositionsShown"/> most recently recorded of each stance, and the
    /// agreements and disagreements are derived from the <see cref="AlignmentBasis"/> most recent of those (for nearly every
    /// actor, all their statements), then
    /// the <see cref="AlignmentsShown"/> actors with the most reasons are listed, each with up to <see cref="ReasonsShown"/>
    /// reasons. Everything else is counted from the indexes. Lists of ids passed to SQL are the ones listed, so they
    /// stay within SQLite's limit on parameters however busy the actor.
    /// </summary>
    public Task<ActorProfile?> GetProfileAsync(int id, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(GetProfileAsync), id), c => LoadProfileAsync(id, c), ct);

    private async Task<ActorProfile?> LoadProfileAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // one connection for the page's queries, not one each
        var actor = await db.Actors.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new { a.Id, a.Name, a.Kind, a.Role, a.Country, a.Aliases })
            .SingleOrDefaultAsync(ct);
        if (actor is null)
        {
            return null;
        }
        // The claims about the actor, from the index (SubjectsId, SubjectOfId) in claim order, leaving out deleted claims by
        // their partial index: the first are listed, all counted, without reading a claim that is not listed. (As a
        // collection inside the actor's query, EF joined them through a subquery that SQLite materialised for every actor.)
        var aboutIds = await db.Database.SqlQuery<int>($"""
            SELECT s."SubjectOfId" AS "Value" FROM "ClaimSubjects" AS s
            WHERE s."SubjectsId" = {id} AND s."SubjectOfId" NOT IN (SELECT c."Id" FROM "Claims" AS c WHERE c."IsDeleted")
            ORDER BY s."SubjectOfId" LIMIT {ClaimsAboutShown}
            """).ToListAsync(ct);
        var claimsAbout = aboutIds.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => aboutIds.Contains(c.Id)).OrderBy(c => c.Id).Select(c => new ClaimRef(c.Id, c.Text)).ToListAsync(ct);
        var claimsAboutCount = aboutIds.Count < ClaimsAboutShown ? claimsAbout.Count : (await db.Database.SqlQuery<int>($"""
            SELECT CAST(COUNT(*) AS integer) AS "Value" FROM "ClaimSubjects" AS s
            WHERE s."SubjectsId" = {id} AND s."SubjectOfId" NOT IN (SELECT c."Id" FROM "Claims" AS c WHERE c."IsDeleted")
            """).ToListAsync(ct)).Single();

        var byStance = await db.Attributions.AsNoTracking()
            .Where(a => a.ActorId == id)
            .GroupBy(a => a.Stance)
            .Select(g => new { Stance = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Stance, g => g.Count, ct);
        // The most recently recorded of each stance, found in the index (ActorId, Stance, Id, …) and read in full.
        var shownIds = new List<int>();
        foreach (var stance in byStance.Keys)
        {
            shownIds.AddRange(await db.Attributions.AsNoTracking()
                .Where(a => a.ActorId == id && a.Stance == stance)
                .OrderByDescending(a => a.Id)
                .Select(a => a.Id)
                .Take(PositionsShown)
                .ToListAsync(ct));
        }
        var own = shownIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
            .Where(a => shownIds.Contains(a.Id))
            .OrderBy(a => a.Source.PublishedOn).ThenBy(a => a.Anchor.Start).ThenBy(a => a.Id)
            .Select(AttributionProjection.ToView)
            .ToListAsync(ct);
        // Agreement is derived from the most recently recorded of the statements listed: all of them for nearly every actor.
        var basis = own.OrderByDescending(a => a.Id).Take(AlignmentBasis).ToList();
        var ownClaimIds = basis.Select(a => a.ClaimId).Distinct().ToList();

        var relations = ownClaimIds.Count == 0 ? [] : await db.ClaimRelations.AsNoTracking()
            .Where(r => ownClaimIds.Contains(r.FromClaimId) || ownClaimIds.Contains(r.ToClaimId))
            .Select(r => new { r.FromClaimId, r.ToClaimId, r.Type })
            .ToListAsync(ct);
        var relevantClaimIds = relations.SelectMany(r => new[] { r.FromClaimId, r.ToClaimId }).Concat(ownClaimIds).Distinct().ToList();

        // Who else spoke to those claims, and how: from the index (ClaimId, ActorId, Stance, IsDeleted) alone; names later,
        // for the actors listed.
        var others = relevantClaimIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
            .Where(a => a.ActorId != id && relevantClaimIds.Contains(a.ClaimId))
            .Select(a => new { a.ActorId, a.ClaimId, a.Stance })
            .Distinct()
            .ToListAsync(ct);

        var agreements = new List<(int ActorId, Reason Reason)>();
        var disagreements = new List<(int ActorId, Reason Reason)>();
        var ownPositions = basis.OrderBy(a => a.PublishedOn).ThenBy(a => a.Start).ThenBy(a => a.Id).Select(a => (a.ClaimId, a.Stance)).Distinct();
        foreach (var f in Alignment.Derive(ownPositions, others.Select(o => (o.ActorId, o.ClaimId, o.Stance)), relations.Select(r => (r.FromClaimId, r.ToClaimId, r.Type)), ct))
        {
            (f.Agrees ? agreements : disagreements).Add((f.OtherActorId, new Reason(f.OwnClaimId, f.OwnStance, f.TheirClaimId, f.TheirStance, f.Relation, f.Link)));
        }
        var agreeing = Top(agreements);
        var disagreeing = Top(disagreements);

        // Names and claim texts for what is listed only.
        var listed = agreeing.Concat(disagreeing).ToList();
        var actorIds = listed.Select(a => a.ActorId).Distinct().ToList();
        var names = actorIds.Count == 0 ? [] : await db.Actors.AsNoTracking()
            .Where(a => actorIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var textIds = listed.SelectMany(a => a.Reasons).SelectMany(r => new[] { r.OwnClaimId, r.TheirClaimId }).Concat(own.Select(a => a.ClaimId)).Distinct().ToList();
        var claimTexts = textIds.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => textIds.Contains(c.Id)).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, ct);
        // Published ratings only, as every list shows them: the profile is the same for every reader.
        var ratings = await PublishedRatings.OfClaimsAsync(db, textIds.Concat(aboutIds).ToList(), ct);

        List<ActorAlignment> Named(List<(int ActorId, List<Reason> Reasons, int Count)> top) => top
            // An actor deleted since (not in the names) or a claim deleted since drops out, as the query filters did before.
            .Where(a => names.ContainsKey(a.ActorId))
            .Select(a => new ActorAlignment(a.ActorId, names[a.ActorId],
                a.Reasons.Where(r => claimTexts.ContainsKey(r.OwnClaimId) && claimTexts.ContainsKey(r.TheirClaimId))
                    .Select(r => new AlignmentReason(r.OwnClaimId, claimTexts[r.OwnClaimId], r.OwnStance, r.TheirClaimId, claimTexts[r.TheirClaimId], r.TheirStance, r.Relation, r.Link))
                    .ToList(),
                a.Count))
            .OrderByDescending(a => a.ReasonCount).ThenBy(a => a.ActorName)
            .ToList();

        return new ActorProfile(actor.Id, actor.Name, actor.Kind, actor.Role, actor.Country, actor.Aliases,
            own.Where(a => claimTexts.ContainsKey(a.ClaimId)).Select(a => new ActorPosition(a, claimTexts[a.ClaimId])).ToList(),
            Named(agreeing), Named(disagreeing),
            claimsAbout,
            new ActorCounts(byStance, claimsAboutCount,
                agreements.Select(a => a.ActorId).Distinct().Count(), disagreements.Select(a => a.ActorId).Distinct().Count()),
            ratings);
    }

    private sealed record Reason(int OwnClaimId, Stance OwnStance, int TheirClaimId, Stance TheirStance, RelationType? Relation, AlignmentLink Link);

    /// <summary>The actors with the most distinct reasons, each with its first reasons, before names are known.</summary>
    private static List<(int ActorId, List<Reason> Reasons, int Count)> Top(List<(int ActorId, Reason Reason)> pairs) =>
        pairs.GroupBy(p => p.ActorId)
            .Select(g =>
            {
                var reasons = g.Select(p => p.Reason).Distinct().ToList();
                return (ActorId: g.Key, Reasons: reasons.Take(ReasonsShown).ToList(), Count: reasons.Count);
            })
            .OrderByDescending(a => a.Count).ThenBy(a => a.ActorId)
            .Take(AlignmentsShown)
            .ToList();
}
