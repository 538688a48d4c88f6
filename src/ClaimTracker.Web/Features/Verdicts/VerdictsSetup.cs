using System.Text;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Web.Features.Verdicts;

public static class VerdictsSetup
{
    public const string JsonLdContentType = "application/ld+json";

    /// <summary>Verdicts, the rating scale and the claim workflow; the dispute view the evidence picker offers from, unless added already.</summary>
    public static IServiceCollection AddVerdicts(this IServiceCollection services)
    {
        services.TryAddScoped<Claims.ClaimService>();
        return services
            .AddScoped<VerdictService>()
            .AddScoped<ClaimReviewService>();
    }

    /// <summary>GET /api/claims/{id}/claimreview: a published verdict as schema.org ClaimReview.</summary>
    public static IEndpointRouteBuilder MapVerdictApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/claims/{id}/claimreview", GetClaimReview)
            .WithTags("Read API")
            .WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetClaimReview(
        string id, PublicBaseUrl site, ClaimReviewService reviews, CancellationToken ct)
    {
        if (!int.TryParse(id, out var claimId))
        {
            return TypedResults.Problem($"A claim id is a whole number; got \"{Api.ReadApi.Echo(id)}\".", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        var review = await reviews.GetAsync(claimId, site.Root, ct);
        return review is null
            ? TypedResults.Problem($"Claim {claimId} has no published verdict.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Content(ClaimReviewService.Serialize(review), JsonLdContentType, Encoding.UTF8);
    }
}
