using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// The claims browser: a page of claims matching a search and filters, the words a picker offers, and the filters'
/// options. A claim's own page is <see cref="DisputeReader"/>'s.
/// </summary>
/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand to time its queries.</param>
public sealed partial class ClaimService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    public const int MaxPageSize = 100;

    /// <summary>
    /// How far a filtered list is counted. Counting every match of a broad filter ("energy", a president's claims, all
    /// open claims) costs in proportion to the matches, hundreds of thousands in a large record; beyond this number the
    /// browser says "more than 2,000" and the count costs no more (see <see cref="ClaimSearchResult.TotalIsLowerBound"/>).
    /// The unfiltered list is counted exactly: that number is cheap (<see cref="CountLiveClaimsAsync"/>).
    /// </summary>
    public const int DefaultCountLimit = 2_000;

    /// <summary><see cref="DefaultCountLimit"/>; tests lower it to reach both plans on a small database.</summary>
    internal int CountLimit { get; init; } = DefaultCountLimit;

    /// <summary>
    /// One page of claims matching the query, its search text read here: a search that cannot be read (too long, too
    /// many words, a quote left open) finds nothing and says why in <see cref="ClaimSearchResult.SearchError"/>.
    /// </summary>
    public async Task<ClaimSearchResult> SearchAsync(ClaimSearchQuery query, CancellationToken ct = default)
    {
        query = WithTopicAsStored(query);
        var terms = SearchTerms.Parse(query.Search);
        if (terms.Error is not null)
        {
            return new ClaimSearchResult([], 0, terms.Error);
        }
        var page = await SearchAsync(query, terms, ct);
        return new ClaimSearchResult(page.Items, page.TotalCount, null, IsFiltered(query, terms) && page.TotalCount > CountLimit);
    }

    private static bool IsFiltered(ClaimSearchQuery query, SearchTerms terms) =>
        terms.Terms.Count > 0 || query.ActorId is not null || query.Stance is not null || !string.IsNullOrEmpty(query.Topic) || query.Status is not null
        || query.RatingLabelId is not null;

    /// <summary>
    /// One page of claims matching the query, for a caller that has parsed the search text already. Terms come only
    /// from <see cref="SearchTerms.Parse"/>, so they are within its limits; terms that could not be read find nothing.
    /// A filtered list's <see cref="PagedResult{T}.TotalCount"/> stops at the count limit + 1 ("more than the limit").
    /// <para>
    /// <b>How a page is found in a large record</b> (each plan is pinned by the EXPLAIN QUERY PLAN tests,
    /// <c>PageQueryPlanTests</c>). A filtered list is first counted up to <see cref="DefaultCountLimit"/> + 1, starting from
    /// its most selective filter (the search's matches, the actor's statements, the topic index, the status index or the
    /// rating's published verdicts, whichever has fewest matches), which stops as soon as the limit is passed. Then:
    /// <list type="bullet">
    /// <item>few matches (up to the limit): the count read their ids, and the page sorts those claims;</item>
    /// <item>many: the page reads the sort's own index in order and tests each claim against every filter, stopping after the
    /// page; with more than 2,000 matches in 250,000 claims, a page of 25 is found within a few thousand claims. Each
    /// filter is written so that SQLite cannot start from it here (<c>Id + 0</c>, <c>NOT IN</c>): starting from a broad
    /// filter would sort all its matches, hundreds of thousands, for one page.</item>
    /// </list>
    /// The unfiltered list reads the sort's index (partial, live claims only) and skips to the page there.
    /// </para>
    /// </summary>
    public Task<PagedResult<ClaimRow>> SearchAsync(ClaimSearchQuery query, SearchTerms terms, CancellationToken ct = default)
    {
        query = WithTopicAsStored(query);
        return terms.Error is not null
            ? Task.FromResult(new PagedResult<ClaimRow>([], 0))
            : reads.GetOrLoadAsync((nameof(SearchAsync), query, terms.ToFtsQuery()), c => LoadPageAsync(query, terms, c), ct);
    }

    /// <summary>
    /// The topic filter cleaned as a topic is when it is saved (<see cref="InputText.CleanLine"/>), so it is compared with
    /// what the record can hold: a topic typed into the address with a NUL or half a surrogate pair in it would otherwise
    /// reach the database, where PostgreSQL refuses the query outright (its text holds neither) while SQLite finds nothing.
    /// </summary>
    private static ClaimSearchQuery WithTopicAsStored(ClaimSearchQuery query) =>
        query.Topic is null ? query : query with { Topic = InputText.CleanLine(query.Topic) };

    private async Task<PagedResult<ClaimRow>> LoadPageAsync(ClaimSearchQuery query, SearchTerms terms, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? ftsQuery = null;
        if (terms.Terms.Count > 0)
        {
            // FTS5 on SQLite, a tsquery on PostgreSQL: the context knows which.
            ftsQuery = db.SearchQueryFor(terms);
            if (ftsQuery is null)
            {
                return new PagedResult<ClaimRow>([], 0);
            }
        }
        await db.Database.OpenConnectionAsync(ct); // one connection for the request's few queries, not one each

        int total;
        List<int>? fewMatches = null;
        if (IsFiltered(query, terms))
        {
            var start = await ChooseStartAsync(db, query, ftsQuery, ct);
            // The matches themselves, up to the limit and one more: when that is all of them, the page is sorted from this
            // list, and the filters are not run a second time.
            var matches = await Filter(db, query, ftsQuery, start).Select(c => c.Id).Take(CountLimit + 1).ToListAsync(ct);
            total = matches.Count;
            if (matches.Count <= CountLimit)
            {
                fewMatches = matches;
            }
        }
        else
        {
            total = await CountLiveClaimsAsync(db, ct);
        }
        // Few matches: those claims, sorted. Many (or no filter): the sort's index read in order, each claim tested.
        var claims = fewMatches is null
            ? Filter(db, query, ftsQuery, StartFrom.SortIndex)
            : db.Claims.AsNoTracking().Where(c => EF.Parameter(fewMatches).Contains(c.Id)); // one JSON parameter, however many

        var sorted = query.Sort switch
        {
            ClaimSort.Newest => claims.OrderByDescending(c => c.Id),
            ClaimSort.Text => claims.OrderBy(c => c.Text).ThenBy(c => c.Id),
            // Stored on the claim and kept current by triggers (see DisputeCountTriggers), so the default sort reads an
            // index instead of counting over every claim on each request.
            _ => claims.OrderByDescending(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount))
                .ThenByDescending(c => EF.Property<int>(c, DisputeCountTriggers.SupportCount))
                .ThenBy(c => c.Id),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        // In long arithmetic: page 30,000,000 of 100 is past the end, not (overflowing) the first page.
        var skip = (int)Math.Min(int.MaxValue, (long)Math.Max(0, query.Page) * pageSize);
        // The page's ids first, from the sort's index alone, then its rows. In one query PostgreSQL works out every
        // column (the statement count is a subquery) for each row it skips or sorts, not only for the page's: a page
        // 10,000 deep took 0.7 s there; SQLite, which skips before it reads, gave the same time either way.
        var pageIds = await sorted.Skip(skip).Take(pageSize).Select(c => c.Id).ToListAsync(ct);
        return new PagedResult<ClaimRow>(await RowsAsync(db, pageIds, ct), total);
    }

    /// <summary>The rows of the claims given, in that order: a page of the list, or a batch of the CSV export.</summary>
    private static async Task<List<ClaimRow>> RowsAsync(ClaimTrackerDbContext db, List<int> pageIds, CancellationToken ct, int speakersShown = 3)
    {
        var read = pageIds.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => pageIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Text,
                c.Status,
                c.Topics,
                Conflicts = EF.Property<int>(c, DisputeCountTriggers.ConflictCount),
                Supports = EF.Property<int>(c, DisputeCountTriggers.SupportCount),
                Attributions = c.Attributions.Count,
            })
            .ToListAsync(ct);
        var byId = read.ToDictionary(r => r.Id);
        var page = pageIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        // The speakers of this page only, in a query of their own: as a correlated collection in the page query SQLite
        // gathered the speakers of every claim before joining them to the page (benchmarked: half the cost of a page).
        // Each speaker once per claim with their first assertion, grouped in the index (ClaimId, ActorId, Stance,
        // IsDeleted) without reading a statement's row, then joined to the speaker's name by primary key: reading every
        // asserting statement with its speaker's name cost the stance matrix's 100 candidate claims 41 ms at a million
        // statements. (The names as a second query, by a list of ids, was slower still: 177 ms for 5,000 speakers.)
        var speakers = (pageIds.Count == 0 ? [] : await db.Attributions.AsNoTracking()
                .Where(a => pageIds.Contains(a.ClaimId) && a.Stance == Stance.Asserts)
                .GroupBy(a => new { a.ClaimId, a.ActorId })
                .Select(g => new { g.Key.ClaimId, g.Key.ActorId, First = g.Min(a => a.Id) })
                .Join(db.Actors, s => s.ActorId, actor => actor.Id, (s, actor) => new { s.ClaimId, s.First, actor.Name })
                .ToListAsync(ct))
            .OrderBy(s => s.First)
            .ToLookup(s => s.ClaimId, s => s.Name);
        // Likewise the page's published ratings: published only, so the page is the same for every reader (drafts stay in the
        // verdict panel, for editors).
        var ratings = await PublishedRatings.OfClaimsAsync(db, pageIds, ct);
        return page.Select(r => new ClaimRow(r.Id, r.Text, r.Status, r.Topics, r.Conflicts, r.Supports, r.Attributions, speakers[r.Id].Distinct().Take(speakersShown).ToList(),
            ratings.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>
    /// Live claims: every row (a count SQLite takes from the table's pages without reading a row) less the deleted ones
    /// (a partial index of deleted claims alone), instead of reading a quarter of a million rows to test each.
    /// </summary>
    private static async Task<int> CountLiveClaimsAsync(ClaimTrackerDbContext db, CancellationToken ct) =>
        await db.Claims.IgnoreQueryFilters().CountAsync(ct) - await db.Claims.IgnoreQueryFilters().CountAsync(c => c.IsDeleted, ct);

    /// <summary>
    /// The filter to start from: of those that can be (the search, the actor, the topic, the status, the rating; a stance cannot), the
    /// one with the fewest matches, each counted only up to the limit, which is cheap however many there are. A common
    /// word with a rare actor starts from the actor: starting from the word would test every claim that has it.
    /// </summary>
    private async Task<StartFrom> ChooseStartAsync(ClaimTrackerDbContext db, ClaimSearchQuery query, string? ftsQuery, CancellationToken ct)
    {
        var candidates = new List<(StartFrom Start, IQueryable<int> Matches)>();
        if (ftsQuery is not null)
        {
            candidates.Add((StartFrom.Search, db.MatchClaims(ftsQuery).Select(m => m.ClaimId)));
        }
        if (query.ActorId is int actorId)
        {
            candidates.Add((StartFrom.Actor, query.Stance is Stance stance
                ? db.Attributions.Where(a => a.ActorId == actorId && a.Stance == stance).Select(a => a.ClaimId)
                : db.Attributions.Where(a => a.ActorId == actorId).Select(a => a.ClaimId)));
        }
        if (!string.IsNullOrEmpty(query.Topic))
        {
            candidates.Add((StartFrom.Topic, db.ClaimsWithTopic(query.Topic).Select(t => t.ClaimId)));
        }
        if (query.Status is ClaimStatus status)
        {
            candidates.Add((StartFrom.Status, db.Claims.Where(c => c.Status == status).Select(c => c.Id)));
        }
        if (query.RatingLabelId is int rating)
        {
            candidates.Add((StartFrom.Rating, PublishedRatings.ClaimsRated(db, rating)));
        }
        if (candidates.Count <= 1)
        {
            return candidates.Count == 1 ? candidates[0].Start : StartFrom.SortIndex;
        }
        var best = (Start: StartFrom.SortIndex, Count: int.MaxValue);
        foreach (var (start, matches) in candidates)
        {
            var count = await matches.Take(CountLimit + 1).CountAsync(ct);
            if (count < best.Count)
            {
                best = (start, count);
            }
        }
        return best.Start;
    }

    /// <summary>
    /// The claims that pass the query's filters. The filter named by <paramref name="start"/> is written for SQLite to
    /// start from (joined, or <c>Id IN (…)</c>); every other filter, and all of them for <see cref="StartFrom.SortIndex"/>,
    /// is written as a test of one claim that no index can start from (see <see cref="SearchAsync(ClaimSearchQuery, SearchTerms, CancellationToken)"/>).
    /// </summary>
    private static IQueryable<Claim> Filter(ClaimTrackerDbContext db, ClaimSearchQuery query, string? ftsQuery, StartFrom start)
    {
        var claims = db.Claims.AsNoTracking();

        if (ftsQuery is not null)
        {
            // The full-text index covers claim text, topics, quotes and speakers' names and aliases (see the AddClaimSearch
            // migration). Started from, its matches are joined (a claim appears once in the index), so SQLite reads them as it
            // goes and a count stops at its limit; as "Id IN (…)" it would list every match first. Otherwise they are listed
            // once ("Id + 0 IN (…)") and each claim read in sort order is looked up in the list; never a correlated EXISTS,
            // which ran the full-text query again for every claim (benchmarked: 2.5 minutes for one word over 50,000 claims).
            claims = start == StartFrom.Search
                ? db.MatchClaims(ftsQuery).Join(claims, m => m.ClaimId, c => c.Id, (m, c) => c)
                : claims.Where(c => db.MatchClaims(ftsQuery).Select(m => m.ClaimId).Contains(c.Id + 0));
        }
        if (query.ActorId is int actorId)
        {
            if (start == StartFrom.Actor)
            {
                var spokenTo = query.Stance is Stance stanceOfActor
                    ? db.Attributions.Where(a => a.ActorId == actorId && a.Stance == stanceOfActor).Select(a => a.ClaimId)
                    : db.Attributions.Where(a => a.ActorId == actorId).Select(a => a.ClaimId);
                claims = claims.Where(c => spokenTo.Contains(c.Id));
            }
            else
            {
                claims = query.Stance is Stance stanceOfActor
                    ? claims.Where(c => c.Attributions.Any(a => a.ActorId == actorId && a.Stance == stanceOfActor))
                    : claims.Where(c => c.Attributions.Any(a => a.ActorId == actorId));
            }
        }
        else if (query.Stance is Stance stance)
        {
            // Every stance is common (a quarter of the claims or more have a denial), so it is always a test of one claim.
            claims = claims.Where(c => c.Attributions.Any(a => a.Stance == stance));
        }
        if (!string.IsNullOrEmpty(query.Topic))
        {
            var topic = query.Topic;
            if (start == StartFrom.Topic)
            {
                // Joined, as the search's matches are: the index holds a claim once per topic.
                claims = db.ClaimsWithTopic(topic).Join(claims, t => t.ClaimId, c => c.Id, (t, c) => c);
            }
            else
            {
                // A seek in the topic index per claim tested; cheaper than opening the claim's JSON.
                claims = claims.Where(c => db.ClaimsWithTopic(topic).Any(t => t.ClaimId == c.Id));
            }
        }
        if (query.Status is ClaimStatus status)
        {
            if (start == StartFrom.Status)
            {
                claims = claims.Where(c => c.Status == status);
            }
            else
            {
                // The same test as "= status", in a form the status index cannot start from.
                var others = Enum.GetValues<ClaimStatus>().Where(s => s != status).ToList();
                claims = claims.Where(c => !others.Contains(c.Status));
            }
        }
        if (query.RatingLabelId is int rating)
        {
            // Published verdicts are few beside claims (a few percent are rated), so starting from a rating lists its claims
            // from the index (RatingLabelId, State, ClaimId, IsDeleted) and looks each up; as a test of one claim, the same
            // index answers with one seek.
            claims = start == StartFrom.Rating
                ? claims.Where(c => PublishedRatings.ClaimsRated(db, rating).Contains(c.Id))
                : PublishedRatings.WhereRated(claims, rating);
        }
        return claims;
    }

    private enum StartFrom
    {
        SortIndex,
        Search,
        Actor,
        Topic,
        Status,
        Rating,
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
        await db.Database.OpenConnectionAsync(ct);
        // Actors are not listed: the actor filter finds them as their name is typed (ActorFilter), since a newsroom's
        // record holds thousands. Topics come from the topic index, one seek per topic, rather than the JSON of every
        // claim (see ClaimTopicIndex).
        var topics = await db.Database.SqlQueryRaw<string>(ClaimTopicIndex.DistinctTopicsSql).ToListAsync(ct);
        return new ClaimFilterOptions(topics, await PublishedRatings.ScaleAsync(db, ct));
    }
}
