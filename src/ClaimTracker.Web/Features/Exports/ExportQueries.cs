using System.Runtime.CompilerServices;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Exports;

/// <summary>Which statements <c>/api/export/attributions.csv</c> lists; every filter given must hold.</summary>
public sealed record AttributionFilter(int? ClaimId = null, int? ActorId = null, int? SourceId = null, string? Topic = null, Stance? Stance = null);

/// <summary>
/// The statements and actors of the CSV exports, read in batches by keyset on the id (<c>Id &gt; last ORDER BY Id LIMIT n</c>),
/// each batch on a context of its own: however many rows match, one batch is in memory and no connection is held while
/// the client reads. Only live records: soft-deleted statements, claims (merged ones included) and actors are filtered out
/// by the model's query filters.
/// </summary>
public sealed class ExportQueries(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    public async IAsyncEnumerable<IReadOnlyList<AttributionCsvRow>> AttributionsAsync(AttributionFilter filter, int batchSize, string siteRoot,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Cleaned as a topic is when saved (see ClaimService): a NUL typed into the address would make PostgreSQL refuse the query.
        var topic = filter.Topic is null ? null : InputText.CleanLine(filter.Topic);
        var after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var statements = db.Attributions.AsNoTracking().Where(a => a.Id > after && !a.Claim.IsDeleted && !a.Actor.IsDeleted);
            if (filter.ClaimId is int claimId)
            {
                statements = statements.Where(a => a.ClaimId == claimId);
            }
            if (filter.ActorId is int actorId)
            {
                statements = statements.Where(a => a.ActorId == actorId);
            }
            if (filter.SourceId is int sourceId)
            {
                statements = statements.Where(a => a.SourceId == sourceId);
            }
            if (filter.Stance is Stance stance)
            {
                statements = statements.Where(a => a.Stance == stance);
            }
            if (!string.IsNullOrEmpty(topic))
            {
                statements = statements.Where(a => db.ClaimsWithTopic(topic).Any(t => t.ClaimId == a.ClaimId));
            }
            var batch = await statements.OrderBy(a => a.Id).Take(batchSize)
                .Select(a => new
                {
                    a.Id,
                    a.Anchor.Exact,
                    a.Stance,
                    a.Mode,
                    a.Anchor.Start,
                    a.Anchor.End,
                    a.AnchorState,
                    a.AnchorRevision,
                    a.SourceId,
                    a.Source.Title,
                    a.Source.Outlet,
                    a.Source.PublishedOn,
                    a.ActorId,
                    ActorName = a.Actor.Name,
                    a.ClaimId,
                    ClaimText = a.Claim.Text,
                    a.SaidWhen,
                    a.SaidWhere,
                    a.ReportedVia,
                })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                yield break;
            }
            yield return batch.Select(a => new AttributionCsvRow
            {
                Id = a.Id,
                Quote = a.Exact,
                Stance = ReadApi.Wire(a.Stance),
                Mode = ReadApi.Wire(a.Mode),
                Start = a.Start,
                End = a.End,
                AnchorState = ReadApi.Wire(a.AnchorState),
                AnchorRevision = a.AnchorRevision,
                SourceId = a.SourceId,
                SourceTitle = a.Title,
                SourceOutlet = a.Outlet,
                SourcePublishedOn = a.PublishedOn,
                ActorId = a.ActorId,
                Actor = a.ActorName,
                ClaimId = a.ClaimId,
                Claim = a.ClaimText,
                SaidWhen = a.SaidWhen,
                SaidWhere = a.SaidWhere,
                ReportedVia = a.ReportedVia,
                Url = $"{siteRoot}/sources/{a.SourceId}?attribution={a.Id}",
            }).ToList();
            if (batch.Count < batchSize)
            {
                yield break;
            }
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// The actors the actors list finds for <paramref name="search"/>, in id order: keyset batches need a unique order that
    /// does not move while the file streams, which the list's order (by number of statements) does as statements are added.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ActorCsvRow>> ActorsAsync(string? search, int batchSize, string siteRoot,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await ActorService.Matching(db, search).Where(a => a.Id > after).OrderBy(a => a.Id).Take(batchSize)
                .Select(a => new
                {
                    a.Id,
                    a.Name,
                    a.Kind,
                    a.Role,
                    a.Country,
                    a.Aliases,
                    Statements = EF.Property<int>(a, ActorCountTriggers.StatementCount),
                    Challenging = EF.Property<int>(a, ActorCountTriggers.ChallengeCount),
                })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                yield break;
            }
            yield return batch.Select(a => new ActorCsvRow
            {
                Id = a.Id,
                Name = a.Name,
                Kind = ReadApi.Wire(a.Kind),
                Role = a.Role,
                Country = a.Country,
                Aliases = string.Join("; ", a.Aliases),
                Statements = a.Statements,
                Challenging = a.Challenging,
                Url = $"{siteRoot}/actors/{a.Id}",
            }).ToList();
            if (batch.Count < batchSize)
            {
                yield break;
            }
            after = batch[^1].Id;
        }
    }
}
