using ClaimTracker.Web;
using ClaimTracker.Web.Components;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Exports;
using ClaimTracker.Web.Features.Feeds;
using ClaimTracker.Web.Features.Following;
using ClaimTracker.Web.Features.Importing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Map;
using ClaimTracker.Web.Features.Matrix;
using ClaimTracker.Web.Features.Merging;
using ClaimTracker.Web.Features.Overview;
using ClaimTracker.Web.Features.Positions;
using ClaimTracker.Web.Features.Recovery;
using ClaimTracker.Web.Features.Review;
using ClaimTracker.Web.Features.Serving;
using ClaimTracker.Web.Features.Sources;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Verdicts;
using MudBlazor.Services;

// "create-admin <email>", "import <file> …" and the like are commands, not a server start:
// keep their words out of the configuration, and their standard output free of log lines.
var command = CommandLine.Find(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);
if (command is not null)
{
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.Services.AddRazorComponents()
    // Circuit limits set explicitly rather than left to defaults that may change between releases.
    .AddInteractiveServerComponents(o =>
    {
        o.DisconnectedCircuitMaxRetained = 100;
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
    })
    // 64 KB per message from the browser. A corrected source text can be far larger: it comes as a stream, in chunks
    // under this limit (Features/Sources/CorrectTextDialog + wwwroot/js/correction.js), so the limit need not grow.
    .AddHubOptions(h => h.MaximumReceiveMessageSize = 64 * 1024);
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();

builder.Services.AddClaimTrackerDatabase(builder.Configuration, builder.Environment);
builder.Services.AddClaimTrackerAccounts(builder.Configuration);
builder.Services.AddLiveUpdates();
builder.Services.AddOverview();
builder.Services.AddClaims();
builder.Services.AddMatrix();
builder.Services.AddActors();
builder.Services.AddPositions();
builder.Services.AddMap();
builder.Services.AddSources();
builder.Services.AddEditing();
builder.Services.AddMerging();
builder.Services.AddAnnotations();
builder.Services.AddVerdicts();
builder.Services.AddSuggestions();
builder.Services.AddReview();
builder.Services.AddRecovery();
builder.Services.AddFollowing();
builder.Services.AddImporting(builder.Configuration);
builder.Services.AddServing(builder.Configuration, builder.Environment);
builder.Services.AddExports(builder.Configuration);
builder.Services.AddApiDocs();
builder.Services.AddFeeds();

var app = builder.Build();

if (command is not null && CommandLine.RunsBeforeDatabaseSetup(args))
{
    return await command(app.Services, args, Console.In, Console.Out, Console.Error);
}

try
{
    await app.Services.InitializeDatabaseAsync();
}
catch (SeedDataException ex)
{
    // Refuse to start on bad seed data, and say exactly which entries are wrong.
    app.Logger.LogCritical("{Message}", ex.Message);
    throw;
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await AccountSeeding.EnsureRolesAsync(scope.ServiceProvider);
    if (command is not null)
    {
        return await command(scope.ServiceProvider, args, Console.In, Console.Out, Console.Error);
    }
    // Demo accounts only where no other machine reaches them (decided once the server listens: DemoAccountGate);
    // elsewhere the first account comes from create-admin.
    await DemoAccountGate.BeforeServerStartAsync(scope.ServiceProvider, app.Configuration);
}

app.UseForwardedHeadersFromKnownProxies();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
// Pages get the not-found page; the API opts out (SkipStatusCodePages in ReadApi) and keeps its problem-details bodies.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Styles and scripts load before anyone signs in, even when reading requires it.
app.MapStaticAssets().AllowAnonymous();
app.MapAccountEndpoints();
app.MapReadApi();
app.MapExports();
app.MapApiDocs();
app.MapFeeds();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"ClaimTracker is running: browse to {url}");
    }
});

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
