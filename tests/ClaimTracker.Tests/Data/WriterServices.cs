using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Importing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Suggestions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// The app's writing services over a database file that is already migrated and seeded, registered by the app's own
/// setup methods (the ones Program.cs calls) without the web host around them. A crash test starts one process per
/// kill, and the whole app's start-up (migrations, the seed's validation, Razor endpoints) would cost each round
/// several times what the writing does; the parent starts the real app on the file before and after the rounds.
/// </summary>
public static class WriterServices
{
    public static ServiceProvider Build(string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = $"Data Source={databasePath}",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Standard output belongs to the lines the parent reads.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddClaimTrackerDatabase(configuration, new FileHostEnvironment());
        services.AddClaimTrackerAccounts(configuration);
        services.AddSingleton<IClaimChangeNotifier, InProcessClaimChangeNotifier>();
        services.AddSingleton<ISourceChangeNotifier, InProcessSourceChangeNotifier>();
        services.AddEditing();
        services.AddAnnotations();
        services.AddSuggestions();
        services.AddImporting(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class FileHostEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "ClaimTracker.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public string EnvironmentName { get; set; } = "Production";
    }
}
