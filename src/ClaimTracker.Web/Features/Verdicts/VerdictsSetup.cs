using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Web.Features.Verdicts;

public static class VerdictsSetup
{
    /// <summary>Verdicts, the rating scale and the claim workflow; the dispute view the evidence picker offers from, unless added already.</summary>
    public static IServiceCollection AddVerdicts(this IServiceCollection services)
    {
        services.TryAddScoped<Claims.DisputeReader>();
        return services
            .AddScoped<VerdictReader>()
            .AddScoped<VerdictWorkflow>()
            .AddScoped<ClaimReviewService>();
    }
}
