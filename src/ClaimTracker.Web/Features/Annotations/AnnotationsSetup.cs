namespace ClaimTracker.Web.Features.Annotations;

public static class AnnotationsSetup
{
    /// <summary>Threaded notes on claims, attributions and source spans.</summary>
    public static IServiceCollection AddAnnotations(this IServiceCollection services) => services
        .AddScoped<AnnotationService>()
        .AddSingleton<MarkdownRenderer>();
}
