namespace ClaimTracker.Web.Features.Sources;

public static class SourcesSetup
{
    /// <summary>The sources list and reader with its revisions, corrections of a text, repair of anchors, outlet renames.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services) => services
        .AddScoped<SourceService>()
        .AddScoped<SourceCorrectionService>()
        .AddScoped<AnchorRepairService>()
        .AddScoped<OutletRenameService>();
}
