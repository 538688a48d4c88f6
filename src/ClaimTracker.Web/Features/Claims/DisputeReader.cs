using System.Text.Json;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>Reads a claim's dispute view: the claim, who makes it, and the assessments that conflict with it or support it.</summary>
/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand to time its queries.</param>
public sealed class DisputeReader(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>Statements of each kind (assertions, challenges, endorsements) listed on a claim page; the rest are counted.</summary>
    public const int StatementsShown = 50;

    /// <summary>Related claims listed in each section of a claim page; the rest are counted.</summary>
    public const int RelatedClaimsShown = 50;

    /// <summary>A related claim's own speakers, and its challengers, listed beside it; the rest are counted.</summary>
    public const int RelatedStatementsShown = 3;

    /// <summary>
    /// The dispute view of a claim, or null when there is no such claim. Bounded, whatever the claim's activity: a claim
    /// repeated in thousands of articles lists its first <see cref="StatementsShown"/> statements of each kind (in order of
    /// publication) and counts the rest, up to <see cref="RelatedClaimsShown"/> related claims per section, and beside each
    /// related claim its first <see cref="RelatedStatementsShown"/> speakers and challengers. Every read is an index range
    /// of this claim or of the related claims shown.
    /// </summary>
    public Task<ClaimDispute?> GetDisputeAsync(int id, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(GetDisputeAsync), id), c => LoadDisputeAsync(id, c), ct);

    private async Task<ClaimDispute?> LoadDisputeAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // one connection for the view's queries, not one each
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.Text,
                c.Status,
                c.Topics,
            })
            .SingleOrDefaultAsync(ct);
        if (claim is null)
        {
            return null;
        }
        // A query of its own: as a collection inside the claim's query, EF joined the subjects through a subquery that
        // SQLite materialised for every claim's subjects (150,000 rows at a million statements) before picking this claim's.
        var subjects = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .SelectMany(c => c.Subjects)
            .OrderBy(s => s.Name)
            .Select(s => new ActorRef(s.Id, s.Name))
            .ToListAsync(ct);
        var header = new ClaimHeader(claim.Id, claim.Text, claim.Status, claim.Topics, subjects);

        var relations = await db.ClaimRelations.AsNoTracking()
            .Where(r => r.FromClaimId == id || r.ToClaimId == id)
            .Select(r => new
            {
                r.Id,
                r.FromClaimId,
                r.ToClaimId,
                r.Type,
                r.Rationale,
                OtherText = r.FromClaimId == id ? r.ToClaim.Text : r.FromClaim.Text,
                r.EvidenceSourceId,
                EvidenceTitle = r.EvidenceSource == null ? null : r.EvidenceSource.Title,
                r.Evidence,
            })
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var sections = relations
            .Select(r => (Relation: r, Incoming: r.ToClaimId == id, OtherId: r.FromClaimId == id ? r.ToClaimId : r.FromClaimId))
            .GroupBy(r => r.Relation.Type == RelationType.Contradicts ? RelationSection.Conflicting
                : !r.Incoming ? RelationSection.BearsOn
                : r.Relation.Type == RelationType.Supports ? RelationSection.Supporting
                : RelationSection.Qualifications)
            .ToDictionary(g => g.Key, g => (Total: g.Count(), Shown: g.Take(RelatedClaimsShown).ToList()));
        var shownRelated = sections.Values.SelectMany(s => s.Shown).ToList();

        // How many statements of each stance this claim and the related claims shown have, from the index alone.
        var relatedIds = shownRelated.Select(r => r.OtherId).Distinct().ToList();
        var countedIds = relatedIds.Append(id).ToList();
        var counts = await db.Attributions.AsNoTracking()
            .Where(a => countedIds.Contains(a.ClaimId))
            .GroupBy(a => new { a.ClaimId, a.Stance })
            .Select(g => new { g.Key.ClaimId, g.Key.Stance, Count = g.Count() })
            .ToListAsync(ct);
        var byStance = counts.Where(c => c.ClaimId == id).ToDictionary(c => c.Stance, c => c.Count);
        var countsOf = counts.Where(c => c.ClaimId != id).ToLookup(c => c.ClaimId);

        // Which statements are listed: this claim's first of each kind in order of publication, and each related claim's
        // first speakers and challengers in order of recording; found by window functions over the index (EF Core does not
        // translate "the first n of each group"), then read in full in one query.
        // The related ids as one parameter: a JSON array read by json_each on SQLite, an integer array on PostgreSQL.
        var onPostgres = db.Database.IsNpgsql();
        var listedIds = await db.Database.SqlQueryRaw<int>(onPostgres ? ListedStatementsSql("SELECT unnest({2})") : ListedStatementsSql("SELECT value FROM json_each({2})"),
                id, StatementsShown, onPostgres ? relatedIds.ToArray() : JsonSerializer.Serialize(relatedIds), RelatedStatementsShown)
            .ToListAsync(ct);
        var listed = listedIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
            .Where(a => listedIds.Contains(a.Id))
            .Select(AttributionProjection.ToView)
            .ToListAsync(ct);
        var inOrder = listed.OrderBy(a => a.PublishedOn).ThenBy(a => a.Start).ThenBy(a => a.Id).ToList();
        var own = inOrder.Where(a => a.ClaimId == id).ToList();
        var assertions = own.Where(a => a.Stance == Stance.Asserts).ToList();
        var challenges = own.Where(a => a.Stance.IsChallenge()).ToList();
        var endorsements = own.Where(a => a.Stance == Stance.Endorses).ToList();
        var statementsOf = inOrder.Where(a => a.ClaimId != id).ToLookup(a => a.ClaimId);
        var challengeStances = StanceRules.Challenges;

        List<RelatedClaim> Section(RelationSection section) => !sections.TryGetValue(section, out var s) ? [] : s.Shown.Select(r =>
        {
            var relation = r.Relation;
            var evidence = relation.Evidence is null || relation.EvidenceSourceId is null
                ? null
                : new EvidenceView(relation.EvidenceSourceId.Value, relation.EvidenceTitle ?? "", relation.Evidence.Exact, relation.Evidence.Start, relation.Evidence.End);
            var counted = countsOf[r.OtherId].ToList();
            return new RelatedClaim(relation.Id, r.OtherId, relation.OtherText, relation.Type, relation.Rationale, evidence, statementsOf[r.OtherId].ToList(),
                SpeakerCount: counted.Where(c => !c.Stance.IsChallenge()).Sum(c => c.Count), ChallengeCount: counted.Where(c => c.Stance.IsChallenge()).Sum(c => c.Count));
        }).ToList();
        int TotalOf(RelationSection section) => sections.TryGetValue(section, out var s) ? s.Total : 0;
        int Count(params Stance[] stances) => stances.Sum(st => byStance.GetValueOrDefault(st));

        var contradicting = Section(RelationSection.Conflicting);
        var supportingClaims = Section(RelationSection.Supporting);
        return new ClaimDispute(header,
            assertions,
            challenges.Select(Assessment.Of).Concat(contradicting.Select(Assessment.Of)).ToList(),
            endorsements.Select(Assessment.Of).Concat(supportingClaims.Select(Assessment.Of)).ToList(),
            Section(RelationSection.Qualifications),
            Section(RelationSection.BearsOn),
            new DisputeTotals(
                Assertions: Count(Stance.Asserts),
                Challenges: Count(challengeStances),
                Endorsements: Count(Stance.Endorses),
                ContradictingClaims: TotalOf(RelationSection.Conflicting),
                SupportingClaims: TotalOf(RelationSection.Supporting),
                QualifyingClaims: TotalOf(RelationSection.Qualifications),
                ClaimsActedOn: TotalOf(RelationSection.BearsOn)));
    }

    private static readonly string ChallengeList = DisputeCountTriggers.ChallengeStancesSql;

    /// <summary>
    /// The ids of the statements a claim page lists: of claim <c>{0}</c>, the first <c>{1}</c> assertions, challenges and
    /// endorsements in order of publication; of each claim listed by <paramref name="relatedIds"/> (a query over parameter
    /// <c>{2}</c>), the first <c>{3}</c> that challenge it and the first that do not, in order of recording (from the index
    /// (ClaimId, Stance, IsDeleted) alone). Identifiers quoted and booleans tested as booleans, for both engines.
    /// </summary>
    private static string ListedStatementsSql(string relatedIds) => $$"""
        SELECT "Id" AS "Value" FROM (
            SELECT a."Id", ROW_NUMBER() OVER (
                PARTITION BY CASE WHEN a."Stance" = 'Asserts' THEN 0 WHEN a."Stance" = 'Endorses' THEN 1 ELSE 2 END
                ORDER BY s."PublishedOn", a."SpanStart", a."Id") AS "Rank"
            FROM "Attributions" AS a JOIN "Sources" AS s ON s."Id" = a."SourceId"
            WHERE a."ClaimId" = {0} AND NOT a."IsDeleted") AS own
        WHERE "Rank" <= {1}
        UNION ALL
        SELECT "Id" FROM (
            SELECT a."Id", ROW_NUMBER() OVER (PARTITION BY a."ClaimId", a."Stance" IN ({{ChallengeList}}) ORDER BY a."Id") AS "Rank"
            FROM "Attributions" AS a
            WHERE a."ClaimId" IN ({{relatedIds}}) AND NOT a."IsDeleted") AS related
        WHERE "Rank" <= {3}
        """;

    private enum RelationSection
    {
        Conflicting,
        Supporting,
        Qualifications,
        BearsOn,
    }
}
