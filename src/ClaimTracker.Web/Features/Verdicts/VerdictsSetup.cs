namespace ClaimTracker.Web.Features.Verdicts;

public static class VerdictsSetup
{
    /// <summary>Verdicts, the rating scale and the claim workflow.</summary>
    public static IServiceCollection AddVerdicts(this IServiceCollection services) => services;

    /// <summary>GET /api/claims/{id}/claimreview: a published verdict as schema.org ClaimReview.</summary>
    public static IEndpointRouteBuilder MapVerdictApi(this IEndpointRouteBuilder app) => app;
}
