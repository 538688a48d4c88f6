using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// What <c>synchronous = FULL</c> costs a note save, against NORMAL, on this machine's disk: the measurement behind the
/// choice in <see cref="SqliteDurability"/>. Not a test (it asserts nothing); run it as
/// <c>dotnet tests/ClaimTracker.Tests/bin/Debug/net10.0/ClaimTracker.Tests.dll note-save-timing [saves per batch] [folder]</c>.
/// Two apps over two database files in one process save notes through <see cref="AnnotationService"/> in alternating
/// batches, so both levels see the same machine load; the folder should be on the disk the database will live on.
/// </summary>
public static class NoteSaveTiming
{
    public const string Mode = "note-save-timing";

    private const int Batches = 6;

    public static async Task<int> RunAsync(string[] args)
    {
        var perBatch = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var folder = Path.Combine(args.Length > 1 ? args[1] : Path.GetTempPath(), $"claimtracker-timing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var levels = new[] { "NORMAL", SqliteDurability.Synchronous };
            var apps = levels.Select(level => new FileDatabaseApp(Path.Combine(folder, $"{level}.db"), pooling: true, logToStandardError: true)
                .WithWebHostBuilder(web => web.ConfigureTestServices(services => services.ConfigureDbContext<ClaimTrackerDbContext>(
                    options => options.AddInterceptors(new SynchronousLevel(level)))))).ToList();
            var timings = levels.ToDictionary(l => l, _ => new List<double>());
            for (var batch = 0; batch <= Batches; batch++)
            {
                for (var i = 0; i < levels.Length; i++)
                {
                    var elapsed = await SaveNotesAsync(apps[i].Services, perBatch);
                    if (batch > 0) // the first batch warms up (JIT, pools, the file's first pages)
                    {
                        timings[levels[i]].AddRange(elapsed);
                    }
                }
            }
            for (var i = 0; i < levels.Length; i++)
            {
                await using var db = await apps[i].Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
                var inForce = await db.Database.SqlQuery<int>($"SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
                var t = timings[levels[i]].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"synchronous={levels[i]} (pragma reads {inForce}): {t.Count} note saves, median {t[t.Count / 2]:0.00} ms, mean {t.Average():0.00} ms, p95 {t[t.Count * 95 / 100]:0.00} ms"));
                await apps[i].DisposeAsync();
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<double>> SaveNotesAsync(IServiceProvider services, int count)
    {
        await using var scope = services.ScopeAs(Roles.Journalist, "timing-journalist");
        var notes = scope.As<AnnotationService>();
        var result = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var saved = await notes.AddToClaimAsync(1, $"Timing note {i}");
            result.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException($"The note was not saved: {saved.Message}");
            }
        }
        return result;
    }

    /// <summary>Runs after the app's own interceptor, so its level is the one in force.</summary>
    private sealed class SynchronousLevel(string level) : DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = {level};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = {level};";
            command.ExecuteNonQuery();
        }
    }
}
