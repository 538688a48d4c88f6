namespace ClaimTracker.Web.Features.Editing;

public static class EditingSetup
{
    /// <summary>The services editors change the record through (claims, actors, attributions, relations) and read its history by.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services) => services
        .AddScoped<RecordEditService>()
        .AddScoped<ClaimHistoryService>();
}
