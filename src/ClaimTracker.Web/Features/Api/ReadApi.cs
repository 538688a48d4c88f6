using System.ComponentModel;
using System.Text;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Serving;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Api;

/// <summary>The read-only JSON endpoints under <c>/api</c>. Malformed parameters get 400, unknown ids 404, both as problem details.</summary>
public static partial class ReadApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Read API").WithMetadata(new SkipStatusCodePagesAttribute());
        api.MapGet("/claims", ListClaims)
            .WithSummary("Claims, a page at a time")
            .WithDescription("Live claims in id order with their statements, relations and published verdict. Follow next (pass it as after) "
                + "for the next page. With updatedSince, only claims created or changed at or after that instant: created, edited, merged or restored; "
                + "a statement of it or a relation to or from it added, edited or deleted; its verdict published or withdrawn. Notes and verdict drafts do not count.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/claims/{id}", GetClaim)
            .WithSummary("One claim")
            .WithDescription("The claim with its statements, relations and published verdict; 404 for an unknown or deleted claim.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/actors", ListActors)
            .WithSummary("Every actor")
            .WithDescription("All live actors in id order: name, kind, role, country and aliases.");
        api.MapGet("/actors/{id}", GetActor)
            .WithSummary("One actor with their statements")
            .WithDescription("The actor and their statements in id order, a page at a time (limit, after), each with its claim and the claim's published verdict.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sources/{id}", GetSource)
            .WithSummary("One source with its text")
            .WithDescription("The source's metadata and its current text; statements' start and end are offsets into it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sources/{id}/annotations", WebAnnotationExport.GetAnnotations)
            .WithSummary("A source's statements and notes as W3C Web Annotations")
            .WithDescription("An AnnotationCollection (JSON-LD) with TextQuote and TextPosition selectors on the current text.")
            .Produces(StatusCodes.Status200OK, typeof(string), "application/ld+json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/claims/{id}/claimreview", GetClaimReview)
            .WithSummary("A claim's published verdict as schema.org ClaimReview")
            .WithDescription("JSON-LD for fact-check aggregators; 404 while the claim has no published verdict.")
            .Produces(StatusCodes.Status200OK, typeof(string), ClaimReviewService.JsonLdContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // "{**path}" rather than MapFallback(): the default fallback skips paths that look like files ("/api/claims.json").
        // Not an endpoint of the API, so not in its OpenAPI document.
        api.Map("{**path}", () => NotFound("There is no such API endpoint. Try /api/claims, /api/actors or /api/sources/{id}; the reference is at /api-docs."))
            .WithOrder(int.MaxValue)
            .ExcludeFromDescription();
        return app;
    }

    // Parameters arrive as strings so that "limit=abc" gets our message rather than the binder's bare 400.
    internal static async Task<Results<Ok<ApiPage<ApiClaim>>, ProblemHttpResult>> ListClaims(
        [Description("Claims per page, 1 to 500; 100 by default.")] string? limit,
        [Description("The next value of the previous page, unchanged.")] string? after,
        [Description("An ISO 8601 instant with a time zone (2026-12-01T09:30:00Z): only claims created or changed at or after it. Pass the same value with after on every page.")] string? updatedSince,
        IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        var take = DefaultLimit;
        // An empty value ("?limit=") means the default, as if it were absent.
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out take) || take < 1 || take > MaxLimit))
        {
            return BadRequest($"limit must be a whole number from 1 to {MaxLimit}; got \"{Echo(limit)}\".");
        }
        var afterId = 0;
        if (!string.IsNullOrEmpty(after) && !ClaimCursor.TryDecode(after, out afterId))
        {
            return BadRequest("after is not a cursor this API issued: pass the \"next\" value of the previous page unchanged.");
        }

        DateTimeOffset? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (!ClaimChanges.TryParseInstant(updatedSince, out var instant))
            {
                return BadRequest($"updatedSince must be an ISO 8601 instant with a time zone, such as 2026-12-01T09:30:00Z; got \"{Echo(updatedSince)}\".");
            }
            since = instant;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = since is DateTimeOffset from ? ClaimChanges.Since(db, from) : db.Claims;
        var claims = await LoadClaims(db, candidates.Where(c => c.Id > afterId).OrderBy(c => c.Id).Take(take + 1), ct);
        var hasMore = claims.Count > take;
        var page = claims.Take(take).ToList();
        return TypedResults.Ok(new ApiPage<ApiClaim>(page, hasMore ? ClaimCursor.Encode(page[^1].Id) : null));
    }

    internal static async Task<Results<Ok<ApiClaim>, ProblemHttpResult>> GetClaim([Description("The claim's id.")] string id, IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        if (!int.TryParse(id, out var claimId))
        {
            return BadRequest($"A claim id is a whole number; got \"{Echo(id)}\".");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = await LoadClaims(db, db.Claims.Where(c => c.Id == claimId), ct);
        return claims.Count == 1 ? TypedResults.Ok(claims[0]) : NotFound($"There is no claim {claimId}.");
    }

    /// <summary>A published verdict as schema.org ClaimReview (JSON-LD); 404 for a claim without one.</summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetClaimReview(
        [Description("The claim's id.")] string id, PublicBaseUrl site, ClaimReviewService reviews, CancellationToken ct)
    {
        if (!int.TryParse(id, out var claimId))
        {
            return BadRequest($"A claim id is a whole number; got \"{Echo(id)}\".");
        }
        var review = await reviews.GetAsync(claimId, site.Root, ct);
        return review is null
            ? NotFound($"Claim {claimId} has no published verdict.")
            : TypedResults.Content(ClaimReviewService.Serialize(review), ClaimReviewService.JsonLdContentType, Encoding.UTF8);
    }

    internal static async Task<Ok<List<ApiActor>>> ListActors(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = await db.Actors.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Kind, a.Role, a.Country, a.Aliases })
            .ToListAsync(ct);
        return TypedResults.Ok(actors.Select(a => new ApiActor(a.Id, a.Name, Wire(a.Kind), a.Role, a.Country, a.Aliases)).ToList());
    }

    internal static async Task<Results<Ok<ApiSource>, ProblemHttpResult>> GetSource([Description("The source's id.")] string id, IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        if (!int.TryParse(id, out var sourceId))
        {
            return BadRequest($"A source id is a whole number; got \"{Echo(id)}\".");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == sourceId)
            .Select(s => new ApiSource(s.Id, s.Title, s.Outlet, s.PublishedOn, s.Url, s.ContentHash, s.Text, s.Revision))
            .SingleOrDefaultAsync(ct);
        return source is null ? NotFound($"There is no source {sourceId}.") : TypedResults.Ok(source);
    }

    private static async Task<List<ApiClaim>> LoadClaims(ClaimTrackerDbContext db, IQueryable<Claim> claims, CancellationToken ct)
    {
        var rows = await claims.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Text,
                c.Status,
                c.Topics,
                Attributions = c.Attributions.OrderBy(a => a.SourceId).ThenBy(a => a.Anchor.Start).ThenBy(a => a.Id)
                    .Select(a => new { a.Id, a.ActorId, ActorName = a.Actor.Name, a.Stance, a.Mode, a.Anchor, a.SourceId, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState, a.AnchorRevision })
                    .ToList(),
                Outgoing = c.RelationsFrom.OrderBy(r => r.Id).Select(r => new { r.Type, ClaimId = r.ToClaimId, r.Rationale }).ToList(),
                Incoming = c.RelationsTo.OrderBy(r => r.Id).Select(r => new { r.Type, ClaimId = r.FromClaimId, r.Rationale }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        // Published verdicts only, whoever asks: the API serves no drafts.
        var ratings = await PublishedRatings.OfClaimsAsync(db, rows.Select(r => r.Id).ToList(), ct);

        return rows.Select(c => new ApiClaim(
            c.Id,
            c.Text,
            Wire(c.Status),
            c.Topics,
            c.Attributions.Select(a => new ApiAttribution(a.Id, a.ActorId, a.ActorName, Wire(a.Stance), Wire(a.Mode),
                a.Anchor.Exact, a.SourceId, a.Anchor.Start, a.Anchor.End, a.SaidWhen, a.SaidWhere, a.ReportedVia, Wire(a.AnchorState), a.AnchorRevision)).ToList(),
            c.Outgoing.Select(r => new ApiRelation(Wire(r.Type), r.ClaimId, "outgoing", r.Rationale))
                .Concat(c.Incoming.Select(r => new ApiRelation(Wire(r.Type), r.ClaimId, "incoming", r.Rationale)))
                .ToList(),
            ratings.TryGetValue(c.Id, out var rating) ? new ApiVerdict(rating.Label, rating.Value, rating.PublishedAt) : null)).ToList();
    }

    /// <summary>A malformed value as quoted back in a problem: shortened, since a client may send anything, a megabyte included.</summary>
    internal static string Echo(string value) => value.Shortened(40);

    /// <summary>Enum values go out camelCase like the property names ("asserts", "directQuote").</summary>
    internal static string Wire(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    internal static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
