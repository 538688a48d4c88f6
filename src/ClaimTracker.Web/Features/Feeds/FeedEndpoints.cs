using System.ComponentModel;
using System.Text;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Web.Features.Feeds;

public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        // Problem details for a bad or unknown id, as the API answers, rather than the HTML not-found page: feed readers are programs.
        var feeds = app.MapGroup("").WithTags("Feeds").WithMetadata(new SkipStatusCodePagesAttribute());
        feeds.MapGet("/feeds/verdicts.atom", Verdicts)
            .WithSummary("Published verdicts as an Atom feed")
            .WithDescription($"The latest {AtomFeeds.EntriesShown} published verdicts, newest first: each entry links to its claim and carries the rating and the rationale.")
            .Produces(StatusCodes.Status200OK, typeof(string), "application/atom+xml");
        feeds.MapGet("/claims/{id}/feed.atom", ClaimChanges)
            .WithSummary("A claim's changes as an Atom feed")
            .WithDescription($"The claim's latest {AtomFeeds.EntriesShown} changes, newest first, in the words of its History: edits, statements, relations, "
                + "merges and the verdict's publication. No draft, no note's words, no editor's name.")
            .Produces(StatusCodes.Status200OK, typeof(string), "application/atom+xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<ContentHttpResult> Verdicts(AtomFeeds feeds, PublicBaseUrl site, CancellationToken ct) =>
        TypedResults.Content(AtomFeeds.Write(await feeds.VerdictsAsync(site.RootWithoutSlash, ct)), AtomFeeds.ContentType, Encoding.UTF8);

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ClaimChanges(
        [Description("The claim's id.")] string id, AtomFeeds feeds, PublicBaseUrl site, CancellationToken ct)
    {
        if (!int.TryParse(id, out var claimId))
        {
            return ReadApi.BadRequest($"A claim id is a whole number; got \"{ReadApi.Echo(id)}\".");
        }
        var feed = await feeds.ClaimChangesAsync(claimId, site.RootWithoutSlash, ct);
        return feed is null
            ? ReadApi.NotFound($"There is no claim {claimId}.")
            : TypedResults.Content(AtomFeeds.Write(feed), AtomFeeds.ContentType, Encoding.UTF8);
    }
}

public static class FeedsSetup
{
    public static IServiceCollection AddFeeds(this IServiceCollection services) => services.AddScoped<AtomFeeds>();
}
