using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Web.Features.Importing;

public static class ImportingSetup
{
    /// <summary>The import service (page and command line) and its settings (<c>ClaimTracker:Import</c>).</summary>
    public static IServiceCollection AddImporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>()
            .Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.MaxBytes > 0, $"{ImportOptions.Section}:MaxBytes must be a positive number of bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SourceImportService>();
        return services;
    }
}
