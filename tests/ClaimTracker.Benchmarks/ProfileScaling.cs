using System.Diagnostics;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The <c>--profile-scaling</c> mode: times <c>ActorService.GetProfileAsync</c> once each for actors of growing activity,
/// stopping at the first that takes longer than the time limit. The busiest actor's profile does not finish in
/// minutes, so BenchmarkDotNet cannot measure it; this shows how the cost grows towards it.
/// </summary>
public static class ProfileScaling
{
    /// <summary>Attribution counts to look for; each picks the actor whose count is nearest.</summary>
    public static readonly int[] TargetCounts = [75, 150, 300, 600, 1_200, 2_400];

    public static async Task<int> RunAsync(string databasePath, TimeSpan limit, TextWriter output)
    {
        await using var workload = await Workload.OpenAsync(databasePath);
        var actors = await ActorsNearAsync(workload.Factory, TargetCounts);
        output.WriteLine($"Targets: {workload.Target}");
        output.WriteLine();
        output.WriteLine("| actor id | attributions | claims it speaks on | profile time |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var actor in actors)
        {
            await workload.Actors.GetProfileAsync(actor.ActorId); // warm the plan cache and SQLite's pages for this actor
            var clock = Stopwatch.StartNew();
            var call = Task.Run(() => workload.Actors.GetProfileAsync(actor.ActorId));
            if (await Task.WhenAny(call, Task.Delay(limit)) != call)
            {
                // The in-memory loop cannot be cancelled; stop here rather than time the next actor beside a runaway thread.
                output.WriteLine($"| {actor.ActorId} | {actor.Attributions:N0} | {actor.Claims:N0} | did not finish in {limit.TotalSeconds:N0} s |");
                return 2;
            }
            await call;
            output.WriteLine($"| {actor.ActorId} | {actor.Attributions:N0} | {actor.Claims:N0} | {clock.Elapsed.TotalMilliseconds:N0} ms |");
        }
        return 0;
    }

    public sealed record ActorActivity(int ActorId, int Attributions, int Claims);

    /// <summary>For each target, the actor whose attribution count is nearest to it (lowest id on ties).</summary>
    public static async Task<List<ActorActivity>> ActorsNearAsync(IDbContextFactory<ClaimTrackerDbContext> factory, IEnumerable<int> targets)
    {
        await using var db = await factory.CreateDbContextAsync();
        var all = await db.Attributions
            .GroupBy(a => a.ActorId)
            .Select(g => new ActorActivity(g.Key, g.Count(), g.Select(a => a.ClaimId).Distinct().Count()))
            .ToListAsync();
        return targets
            .Select(t => all.OrderBy(a => Math.Abs(a.Attributions - t)).ThenBy(a => a.ActorId).First())
            .Distinct()
            .ToList();
    }
}
