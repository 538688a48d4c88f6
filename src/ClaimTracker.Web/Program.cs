using ClaimTracker.Web.Components;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Overview;
using ClaimTracker.Web.Features.Sources;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();

builder.Services.AddClaimTrackerDatabase(builder.Configuration, builder.Environment);
builder.Services.AddScoped<ClaimService>();
builder.Services.AddScoped<ActorService>();
builder.Services.AddScoped<SourceService>();
builder.Services.AddScoped<OverviewService>();

var app = builder.Build();

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

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
// Pages get the not-found page; the API opts out (SkipStatusCodePages in ReadApi) and keeps its problem-details bodies.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAntiforgery();

app.MapStaticAssets();
app.MapReadApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"ClaimTracker is running: browse to {url}");
    }
});

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
