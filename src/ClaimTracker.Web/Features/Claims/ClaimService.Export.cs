using System.Runtime.CompilerServices;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>The whole filtered list in the list's order, for the CSV export, read in batches.</summary>
public sealed partial class ClaimService
{
    /// <summary>Where a batch ended, in the terms of the sort: the next batch starts after this claim.</summary>
    private sealed record SortKey(int Id, int Conflicts, int Supports, string Text);

    /// <summary>
    /// Every claim the list shows for <paramref name="query"/> (its filters and sort; page and size ignored), in batches of
    /// <paramref name="batchSize"/>. Each batch is a query of its own, on a context of its own, that continues after the
    /// last claim of the one before by the sort's keys (keyset paging), so nothing is held between batches but that key,
    /// and no batch skips over the claims before it. The plans are the list's (see <see cref="SearchAsync(ClaimSearchQuery, SearchTerms, CancellationToken)"/>):
    /// a filter with few matches is read once, as ids, and those claims are sorted; otherwise the sort's index is read in
    /// order from the key, each claim tested against the filters, so the whole export reads the index once.
    /// A search that cannot be read yields nothing: the caller refuses it first.
    /// </summary>
    internal async IAsyncEnumerable<IReadOnlyList<ClaimRow>> ExportAsync(ClaimSearchQuery query, int batchSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        query = WithTopicAsStored(query);
        var terms = SearchTerms.Parse(query.Search);
        if (terms.Error is not null)
        {
            yield break;
        }
        batchSize = Math.Max(1, batchSize);
        List<int>? fewMatches = null;
        SortKey? after = null;
        var first = true;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            string? ftsQuery = null;
            if (terms.Terms.Count > 0 && (ftsQuery = db.SearchQueryFor(terms)) is null)
            {
                yield break; // no term has a letter or digit: nothing matches
            }
            await db.Database.OpenConnectionAsync(ct);
            if (first && IsFiltered(query, terms))
            {
                // As the list does: the matches up to the count limit, from the most selective filter; when that is all of
                // them, the export sorts those claims and never reads the sort's index.
                var start = await ChooseStartAsync(db, query, ftsQuery, ct);
                var matches = await Filter(db, query, ftsQuery, start).Select(c => c.Id).Take(CountLimit + 1).ToListAsync(ct);
                fewMatches = matches.Count <= CountLimit ? matches : null;
            }
            first = false;
            var claims = fewMatches is null
                ? Filter(db, query, ftsQuery, StartFrom.SortIndex)
                : db.Claims.AsNoTracking().Where(c => EF.Parameter(fewMatches).Contains(c.Id));
            var keys = await NextKeysAsync(claims, query.Sort, after, batchSize, ct);
            if (keys.Count == 0)
            {
                yield break;
            }
            // Every asserting speaker, not the list's first three: a spreadsheet has room.
            yield return await RowsAsync(db, keys.Select(k => k.Id).ToList(), ct, speakersShown: int.MaxValue);
            if (keys.Count < batchSize)
            {
                yield break;
            }
            after = keys[^1];
        }
    }

    /// <summary>
    /// The next <paramref name="take"/> claims after <paramref name="after"/> in the sort's order. A key of several columns
    /// is continued in parts, each a range of the sort's index read in order: the rest of the claims that tie with the key
    /// on its leading columns, then those past it. (One condition with ORs between the parts could not be read from the
    /// index in order; every batch would sort all the claims after it.)
    /// </summary>
    private static async Task<List<SortKey>> NextKeysAsync(IQueryable<Domain.Claim> claims, ClaimSort sort, SortKey? after, int take, CancellationToken ct)
    {
        var parts = new List<IQueryable<Domain.Claim>>();
        switch (sort)
        {
            case ClaimSort.Newest:
                parts.Add(after is null ? claims.OrderByDescending(c => c.Id) : claims.Where(c => c.Id < after.Id).OrderByDescending(c => c.Id));
                break;
            case ClaimSort.Text:
                if (after is null)
                {
                    parts.Add(claims.OrderBy(c => c.Text).ThenBy(c => c.Id));
                }
                else
                {
                    var (text, id) = (after.Text, after.Id);
                    parts.Add(claims.Where(c => c.Text == text && c.Id > id).OrderBy(c => c.Id));
                    parts.Add(claims.Where(c => string.Compare(c.Text, text) > 0).OrderBy(c => c.Text).ThenBy(c => c.Id));
                }
                break;
            default:
                if (after is null)
                {
                    parts.Add(ByDispute(claims));
                }
                else
                {
                    var (conflicts, supports, id) = (after.Conflicts, after.Supports, after.Id);
                    parts.Add(claims.Where(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount) == conflicts
                            && EF.Property<int>(c, DisputeCountTriggers.SupportCount) == supports && c.Id > id)
                        .OrderBy(c => c.Id));
                    parts.Add(ByDispute(claims.Where(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount) == conflicts
                        && EF.Property<int>(c, DisputeCountTriggers.SupportCount) < supports)));
                    parts.Add(ByDispute(claims.Where(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount) < conflicts)));
                }
                break;
        }
        var keys = new List<SortKey>(take);
        foreach (var part in parts)
        {
            keys.AddRange(await part.Take(take - keys.Count)
                .Select(c => new SortKey(c.Id, EF.Property<int>(c, DisputeCountTriggers.ConflictCount), EF.Property<int>(c, DisputeCountTriggers.SupportCount),
                    sort == ClaimSort.Text ? c.Text : ""))
                .ToListAsync(ct));
            if (keys.Count == take)
            {
                break;
            }
        }
        return keys;
    }

    private static IOrderedQueryable<Domain.Claim> ByDispute(IQueryable<Domain.Claim> claims) =>
        claims.OrderByDescending(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount))
            .ThenByDescending(c => EF.Property<int>(c, DisputeCountTriggers.SupportCount))
            .ThenBy(c => c.Id);
}
