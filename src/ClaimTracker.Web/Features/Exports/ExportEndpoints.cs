using System.ComponentModel;
using System.Globalization;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Serving;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Web.Features.Exports;

/// <summary>
/// The CSV exports under <c>/api/export</c>, for data desks that take the record into their own spreadsheets. Each
/// follows a list's filters as the list reads them from its address, so "Export CSV" beside a list downloads what it
/// shows, every page of it. Filter values that cannot be read get 400 with problem details that name the parameter,
/// before a byte of CSV is written. Only published verdicts appear (<see cref="PublishedRatings"/>), never a draft.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/export").WithTags("Exports").WithMetadata(new SkipStatusCodePagesAttribute());
        export.MapGet("/claims.csv", Claims)
            .WithSummary("Claims as CSV, with the claims list's filters and sort")
            .WithDescription("Every claim the list at /claims shows for the same parameters, in its order, one row per claim: "
                + "text, status, topics, counts, who makes it and the published verdict's rating (never a draft).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        export.MapGet("/attributions.csv", Attributions)
            .WithSummary("Statements (attributions) as CSV")
            .WithDescription("One row per statement: the quote, stance, mode and offsets, the source (id, title, outlet, date), the actor, the claim, "
                + "when and where it was said and who reported it. Every filter given must hold. In id order.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        export.MapGet("/actors.csv", Actors)
            .WithSummary("Actors as CSV, with the actors list's search")
            .WithDescription("Every actor whose name or role contains q (all actors without it), in id order, with their statement counts.");
        return app;
    }

    internal static Results<CsvDownload<ClaimCsvRow>, ProblemHttpResult> Claims(
        [FromQuery, Description("Search words, as the claims list's search box takes them.")] string? q,
        [FromQuery, Description("An actor's id: claims this actor speaks to.")] string? actor,
        [FromQuery, Description("With actor, claims the actor takes this stance on; alone, claims anyone does: asserts, endorses, denies, questions or doubts.")] string? stance,
        [FromQuery, Description("Claims with this topic.")] string? topic,
        [FromQuery, Description("new, inReview, verdictDrafted or published.")] string? status,
        [FromQuery, Description("A rating's id: claims whose published verdict has it.")] string? rating,
        [FromQuery, Description("mostDisputed (the default), newest or text (A–Z).")] string? sort,
        ClaimService claims, ExportSettings settings, PublicBaseUrl site, CancellationToken ct)
    {
        var problems = new List<ParameterProblem>();
        var query = ClaimListParameters.Read(q, actor, stance, topic, status, rating, sort, problems);
        if (problems.Count > 0)
        {
            return Refuse(problems);
        }
        var root = site.RootWithoutSlash;
        var rows = Map(claims.ExportAsync(query, settings.BatchSize, ct), c => new ClaimCsvRow
        {
            Id = c.Id,
            Text = c.Text,
            Status = ReadApi.Wire(c.Status),
            Topics = string.Join("; ", c.Topics),
            Conflicting = c.ConflictCount,
            Supporting = c.SupportCount,
            Statements = c.AttributionCount,
            MadeBy = string.Join("; ", c.Speakers),
            Rating = c.Rating?.Label,
            RatingValue = c.Rating?.Value,
            VerdictPublishedAt = c.Rating?.PublishedAt?.ToUniversalTime(),
            Url = $"{root}/claims/{c.Id}",
        });
        return new CsvDownload<ClaimCsvRow>(FileName("claims"), rows);
    }

    internal static Results<CsvDownload<AttributionCsvRow>, ProblemHttpResult> Attributions(
        [FromQuery, Description("A claim's id: its statements.")] string? claim,
        [FromQuery, Description("An actor's id: their statements.")] string? actor,
        [FromQuery, Description("A source's id: the statements in it.")] string? source,
        [FromQuery, Description("Statements about claims with this topic.")] string? topic,
        [FromQuery, Description("asserts, endorses, denies, questions or doubts.")] string? stance,
        ExportQueries exports, ExportSettings settings, PublicBaseUrl site, CancellationToken ct)
    {
        var problems = new List<ParameterProblem>();
        var filter = new AttributionFilter(
            ClaimListParameters.Id("claim", claim, "a claim's id", problems),
            ClaimListParameters.Id("actor", actor, "an actor's id", problems),
            ClaimListParameters.Id("source", source, "a source's id", problems),
            string.IsNullOrWhiteSpace(topic) ? null : topic,
            ClaimListParameters.Named<Stance>("stance", stance, problems));
        return problems.Count > 0
            ? Refuse(problems)
            : new CsvDownload<AttributionCsvRow>(FileName("statements"), exports.AttributionsAsync(filter, settings.BatchSize, site.RootWithoutSlash, ct));
    }

    internal static CsvDownload<ActorCsvRow> Actors(
        [FromQuery, Description("Part of a name or role, as the actors list's search box takes it.")] string? q,
        ExportQueries exports, ExportSettings settings, PublicBaseUrl site, CancellationToken ct) =>
        new(FileName("actors"), exports.ActorsAsync(q, settings.BatchSize, site.RootWithoutSlash, ct));

    /// <summary>"claimtracker-claims-2026-12-05.csv": what it is and when it was taken, so a desk's downloads do not overwrite each other.</summary>
    internal static string FileName(string what) =>
        string.Create(CultureInfo.InvariantCulture, $"claimtracker-{what}-{DateTime.UtcNow:yyyy-MM-dd}.csv");

    /// <summary>400 naming every parameter that could not be read, as the read API words its problems.</summary>
    internal static ProblemHttpResult Refuse(IReadOnlyList<ParameterProblem> problems) =>
        TypedResults.Problem(
            string.Join(" ", problems.Select(p => p.Message)),
            statusCode: StatusCodes.Status400BadRequest,
            title: "Bad request",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.GroupBy(p => p.Parameter).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            });

    private static async IAsyncEnumerable<IReadOnlyList<TOut>> Map<TIn, TOut>(IAsyncEnumerable<IReadOnlyList<TIn>> batches, Func<TIn, TOut> map)
    {
        await foreach (var batch in batches)
        {
            yield return batch.Select(map).ToList();
        }
    }
}

/// <summary>How many rows an export reads per query (<c>ClaimTracker:ExportBatchSize</c>, 1,000 by default).</summary>
public sealed record ExportSettings(int BatchSize)
{
    public const string Setting = "ClaimTracker:ExportBatchSize";
    public const int DefaultBatchSize = 1_000;
}

public static class ExportsSetup
{
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        var batchSize = configuration.GetValue(ExportSettings.Setting, ExportSettings.DefaultBatchSize);
        if (batchSize is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{ExportSettings.Setting} must be a whole number from 1 to 100,000; got {batchSize}.");
        }
        return services
            .AddSingleton(new ExportSettings(batchSize))
            .AddSingleton<ExportQueries>();
    }
}
