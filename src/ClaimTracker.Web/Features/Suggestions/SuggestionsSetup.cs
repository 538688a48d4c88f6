namespace ClaimTracker.Web.Features.Suggestions;

public static class SuggestionsSetup
{
    /// <summary>The suggestion engine (pure, so one instance serves everyone) and the catalog it reads the record through.</summary>
    public static IServiceCollection AddSuggestions(this IServiceCollection services) => services
        .AddSingleton<IAttributionSuggester, RuleBasedAttributionSuggester>()
        .AddSingleton<SuggestionCatalog>();
}
