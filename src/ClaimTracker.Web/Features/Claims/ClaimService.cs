using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Claims;

/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand to time its queries.</param>
public sealed class ClaimService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of claims matching the query, its search text read here: a search that cannot be read (too long, too
    /// many words, a quote left open) finds nothing and says why in <see cref="ClaimSearchResult.SearchError"/>.
    /// </summary>
    public async Task<ClaimSearchResult> SearchAsync(ClaimSearchQuery query, CancellationToken ct = default)
    {
        var terms = SearchTerms.Parse(query.Search);
        if (terms.Error is not null)
        {
            return new ClaimSearchResult([], 0, terms.Error);
        }
        var page = await SearchAsync(query, terms, ct);
        return new ClaimSearchResult(page.Items, page.TotalCount, null);
    }

    /// <summary>
    /// One page of claims matching the query, for a caller that has parsed the search text already. Terms come only
    /// from <see cref="SearchTerms.Parse"/>, so they are within its limits; terms that could not be read find nothing.
    /// </summary>
    public Task<PagedResult<ClaimRow>> SearchAsync(ClaimSearchQuery query, SearchTerms terms, CancellationToken ct = default) =>
        terms.Error is not null
            ? Task.FromResult(new PagedResult<ClaimRow>([], 0))
            : reads.GetOrLoadAsync((nameof(SearchAsync), query, terms.ToFtsQuery()), c => LoadPageAsync(query, terms, c), ct);

    private async Task<PagedResult<ClaimRow>> LoadPageAsync(ClaimSearchQuery query, SearchTerms terms, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = db.Claims.AsNoTracking();

        if (terms.Terms.Count > 0)
        {
            var ftsQuery = terms.ToFtsQuery();
            if (ftsQuery is null)
            {
                return new PagedResult<ClaimRow>([], 0);
            }
            // The full-text index covers claim text, topics, quotes and speakers' names and aliases (see the AddClaimSearch migration).
            // As "Id IN (SELECT … MATCH …)", which SQLite runs once; as a correlated EXISTS it ran the full-text query again
            // for every claim (benchmarked: 2.5 minutes for one word over 50,000 claims).
            var matching = db.MatchClaims(ftsQuery).Select(m => m.ClaimId);
            claims = claims.Where(c => matching.Contains(c.Id));
        }
        if (query.ActorId is int actorId)
        {
            claims = query.Stance is Stance stanceOfActor
                ? claims.Where(c => c.Attributions.Any(a => a.ActorId == actorId && a.Stance == stanceOfActor))
                : claims.Where(c => c.Attributions.Any(a => a.ActorId == actorId));
        }
        else if (query.Stance is Stance stance)
        {
            claims = claims.Where(c => c.Attributions.Any(a => a.Stance == stance));
        }
        if (!string.IsNullOrEmpty(query.Topic))
        {
            claims = claims.Where(c => c.Topics.Contains(query.Topic));
        }
        if (query.Status is ClaimStatus status)
        {
            claims = claims.Where(c => c.Status == status);
        }

        var total = await claims.CountAsync(ct);

        var rows = claims.Select(c => new
        {
            c.Id,
            c.Text,
            c.Status,
            c.Topics,
            // Stored on the claim and kept current by triggers (see DisputeCountTriggers), so the default sort reads an
            // index instead of counting over every claim on each request.
            Conflicts = EF.Property<int>(c, DisputeCountTriggers.ConflictCount),
            Supports = EF.Property<int>(c, DisputeCountTriggers.SupportCount),
            Attributions = c.Attributions.Count,
        });

        rows = query.Sort switch
        {
            ClaimSort.Newest => rows.OrderByDescending(r => r.Id),
            ClaimSort.Text => rows.OrderBy(r => r.Text).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.Conflicts).ThenByDescending(r => r.Supports).ThenBy(r => r.Id),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        // In long arithmetic: page 30,000,000 of 100 is past the end, not (overflowing) the first page.
        var skip = (int)Math.Min(int.MaxValue, (long)Math.Max(0, query.Page) * pageSize);
        var page = await rows.Skip(skip).Take(pageSize).ToListAsync(ct);

        // The speakers of this page only, in a query of their own: as a correlated collection in the page query SQLite
        // gathered the speakers of every claim before joining them to the page (benchmarked: half the cost of a page).
        var pageIds = page.Select(r => r.Id).ToList();
        var speakers = (pageIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
                .Where(a => pageIds.Contains(a.ClaimId) && a.Stance == Stance.Asserts)
                .OrderBy(a => a.Id)
                .Select(a => new { a.ClaimId, a.Actor.Name })
                .ToListAsync(ct))
            .ToLookup(s => s.ClaimId, s => s.Name);
        return new PagedResult<ClaimRow>(
            page.Select(r => new ClaimRow(r.Id, r.Text, r.Status, r.Topics, r.Conflicts, r.Supports, r.Attributions, speakers[r.Id].Distinct().Take(3).ToList())).ToList(),
            total);
    }

    /// <summary>Claims whose words match what an editor is typing, for pickers; nothing for text the search cannot read.</summary>
    public async Task<IReadOnlyList<ClaimRow>> SuggestAsync(string? text, int take = 10, CancellationToken ct = default)
    {
        var terms = SearchTerms.Parse(text);
        if (terms.Error is not null || terms.Terms.Count == 0)
        {
            return [];
        }
        return (await SearchAsync(new ClaimSearchQuery(text, Sort: ClaimSort.Text, PageSize: take), terms, ct)).Items;
    }

    public Task<ClaimFilterOptions> GetFilterOptionsAsync(CancellationToken ct = default) =>
        reads.GetOrLoadAsync(nameof(GetFilterOptionsAsync), LoadFilterOptionsAsync, ct);

    private async Task<ClaimFilterOptions> LoadFilterOptionsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = await db.Actors.AsNoTracking()
            .Where(a => a.Attributions.Any())
            .OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name })
            .ToListAsync(ct);
        // Topics are a JSON array column; EF would need SQL APPLY (which SQLite lacks) to flatten them, so ask json_each directly.
        var topics = await db.Database
            .SqlQuery<string>($"SELECT DISTINCT t.value AS Value FROM Claims AS c, json_each(c.Topics) AS t ORDER BY t.value")
            .ToListAsync(ct);
        return new ClaimFilterOptions(actors.Select(a => (a.Id, a.Name)).ToList(), topics);
    }

    /// <summary>The dispute view of a claim, or null when there is no such claim.</summary>
    public Task<ClaimDispute?> GetDisputeAsync(int id, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(GetDisputeAsync), id), c => LoadDisputeAsync(id, c), ct);

    private async Task<ClaimDispute?> LoadDisputeAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var header = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new ClaimHeader(c.Id, c.Text, c.Status, c.Topics,
                c.Subjects.OrderBy(s => s.Name).Select(s => new ActorRef(s.Id, s.Name)).ToList()))
            .SingleOrDefaultAsync(ct);
        if (header is null)
        {
            return null;
        }

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

        var claimIds = relations.Select(r => r.FromClaimId == id ? r.ToClaimId : r.FromClaimId).Append(id).Distinct().ToList();
        var attributions = await db.Attributions.AsNoTracking()
            .Where(a => claimIds.Contains(a.ClaimId))
            .OrderBy(a => a.Source.PublishedOn).ThenBy(a => a.Anchor.Start)
            .Select(AttributionProjection.ToView)
            .ToListAsync(ct);
        var byClaim = attributions.ToLookup(a => a.ClaimId);

        var related = relations.Select(r =>
        {
            var otherId = r.FromClaimId == id ? r.ToClaimId : r.FromClaimId;
            var evidence = r.Evidence is null || r.EvidenceSourceId is null
                ? null
                : new EvidenceView(r.EvidenceSourceId.Value, r.EvidenceTitle ?? "", r.Evidence.Exact, r.Evidence.Start, r.Evidence.End);
            return (Incoming: r.ToClaimId == id, Claim: new RelatedClaim(r.Id, otherId, r.OtherText, r.Type, r.Rationale, evidence, byClaim[otherId].ToList()));
        }).ToList();

        var own = byClaim[id].ToList();
        var conflicting = own.Where(a => a.Stance.IsChallenge()).Select(Assessment.Of)
            .Concat(related.Where(r => r.Claim.Type == RelationType.Contradicts).Select(r => Assessment.Of(r.Claim)))
            .ToList();
        var supporting = own.Where(a => a.Stance == Stance.Endorses).Select(Assessment.Of)
            .Concat(related.Where(r => r.Claim.Type == RelationType.Supports && r.Incoming).Select(r => Assessment.Of(r.Claim)))
            .ToList();
        var qualifications = related.Where(r => r.Claim.Type == RelationType.Qualifies && r.Incoming).Select(r => r.Claim).ToList();
        var bearsOn = related.Where(r => r.Claim.Type != RelationType.Contradicts && !r.Incoming).Select(r => r.Claim).ToList();

        return new ClaimDispute(header, own.Where(a => a.Stance == Stance.Asserts).ToList(), conflicting, supporting, qualifications, bearsOn);
    }

    /// <summary>How far an old address follows merges (a merged claim's survivor merged again, and so on).</summary>
    private const int MaxMergeChain = 20;

    /// <summary>
    /// Where the address of a merged claim leads: the live claim at the end of its merges and the merge that retired
    /// <paramref name="claimId"/>; null when the claim is not a merged one (live, deleted, or never there).
    /// </summary>
    public async Task<(int SurvivorId, int MergeId)?> FindSurvivorAsync(int claimId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mergeId = await db.ClaimMerges.AsNoTracking()
            .Where(m => m.MergedId == claimId && m.UndoneAt == null)
            .OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (mergeId is null)
        {
            return null;
        }
        var current = claimId;
        for (var i = 0; i < MaxMergeChain; i++)
        {
            var claim = await db.Claims.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Id == current).Select(c => new { c.IsDeleted, c.MergedIntoId }).SingleOrDefaultAsync(ct);
            if (claim is null)
            {
                return null;
            }
            if (!claim.IsDeleted)
            {
                return (current, mergeId.Value);
            }
            if (claim.MergedIntoId is not int next)
            {
                return null; // merged into a claim that was deleted afterwards: nothing to show
            }
            current = next;
        }
        return null;
    }

    private const double MinSimilarity = 0.7;

    /// <summary>Words too common to say two claims are the same.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "about", "after", "also", "been", "before", "being", "could", "does", "from", "have", "into", "more", "most", "must",
        "only", "over", "said", "says", "should", "some", "than", "that", "their", "them", "then", "there", "these", "they",
        "this", "those", "under", "were", "what", "when", "which", "while", "will", "with", "would",
    };

    /// <summary>A claim's significant words: lower case, four letters or more, without the commonest.</summary>
    public static IReadOnlySet<string> SignificantWords(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), @"\p{L}[\p{L}\p{N}]*")
            .Select(m => m.Value).Where(w => w.Length >= 4 && !CommonWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Claims whose wording is close to this one's, as candidates for a merge: the full-text index finds claims sharing
    /// its significant words (best ranked first), and of those the ones whose own text shares most of its words with this
    /// one (Dice coefficient on significant words of at least 0.7) are kept, most similar first. The bar is high on
    /// purpose: claims that merely concern the same thing ("Trump takes Putin at his word" and "that is objectionable")
    /// share half their words, and offering those as duplicates would be noise.
    /// </summary>
    public async Task<IReadOnlyList<SimilarClaim>> SimilarAsync(int claimId, int take = 3, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => c.Text).SingleOrDefaultAsync(ct);
        if (text is null)
        {
            return [];
        }
        var words = SignificantWords(text);
        if (words.Count == 0)
        {
            return [];
        }
        // Each word quoted, so FTS5 reads it as a term and never as an operator.
        var ftsQuery = string.Join(" OR ", words.Take(16).Select(w => $"\"{w}\""));
        var ranked = db.Set<ClaimSearchMatch>()
            .FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {ftsQuery} ORDER BY rank LIMIT 50");
        var candidates = await db.Claims.AsNoTracking()
            .Where(c => c.Id != claimId && ranked.Select(m => m.ClaimId).Contains(c.Id)) // IN, run once; see SearchAsync
            .Select(c => new { c.Id, c.Text })
            .ToListAsync(ct);
        return candidates
            .Select(c =>
            {
                var other = SignificantWords(c.Text);
                var shared = other.Count(words.Contains);
                return new SimilarClaim(c.Id, c.Text, 2.0 * shared / (words.Count + other.Count));
            })
            .Where(c => c.Similarity >= MinSimilarity)
            .OrderByDescending(c => c.Similarity).ThenBy(c => c.Id)
            .Take(take)
            .ToList();
    }
}
