using ClaimTracker.Web.Features.Map;
using ClaimTracker.Web.Features.Matrix;
using ClaimTracker.Web.Features.Positions;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The scale scenarios of the views that show who stands where: the stance matrix, claim and topic maps, the claim and
/// actor timelines, an actor's reversals, the consistency ranking and the comparison of two actors. Each is a fixed list of
/// at least 200 calls on the same targets as the reading pages (the busiest records and a uniform sample). They have no
/// floor: each arranges in memory what several queries read, so no single hand-written query does the same work.
/// </summary>
public static class ViewScenarios
{
    public static IEnumerable<ScaleScenario> All(Workload workload, ScaleTargets targets)
    {
        yield return Matrix(workload, targets);
        yield return new ScaleScenario("MapClaim", "Claim map, one relation out (`ForClaimAsync`)",
            targets.Claims.Select(id => Call($"claim {id}", async () => Digest(await workload.Maps.ForClaimAsync(id, new MapOptions(1))))).ToList());
        yield return new ScaleScenario("MapClaimWide", "Claim map, two relations out, with who holds them",
            targets.Claims.Select(id => Call($"claim {id}", async () => Digest(await workload.Maps.ForClaimAsync(id, new MapOptions(2, Actors: true))))).ToList());
        yield return TopicMaps(workload);
        yield return new ScaleScenario("ClaimTimeline", "Claim timeline, first page (`TimelineService.ForClaimAsync`)",
            targets.Claims.Select((id, i) => Call($"claim {id}", async () => Digest(await workload.Timelines.ForClaimAsync(id, Order(i), 0)))).ToList());
        yield return ActorTimelines(workload, targets);
        yield return new ScaleScenario("ActorReversals", "An actor's reversals (`ConsistencyService.ForActorAsync`)",
            targets.Actors.Select(id => Call($"actor {id}", async () => Digest(await workload.Consistency.ForActorAsync(id)))).ToList());
        yield return Ranking(workload);
        yield return Comparisons(workload, targets);
    }

    /// <summary>The matrix as people filter it: unfiltered and "show all", by topic, by a search, by an actor, by a source.</summary>
    private static ScaleScenario Matrix(Workload workload, ScaleTargets targets)
    {
        var queries = new List<MatrixQuery>();
        for (var i = 0; i < 10; i++)
        {
            queries.Add(new MatrixQuery(ShowAll: i % 2 == 1));
        }
        foreach (var topic in ScaleScenarios.TopicFilters)
        {
            queries.Add(new MatrixQuery(Topic: topic));
            queries.Add(new MatrixQuery(Topic: topic, ShowAll: true));
            queries.Add(new MatrixQuery(Topic: topic, ActorId: targets.BusyActors[queries.Count % targets.BusyActors.Count]));
        }
        queries.AddRange(ScaleScenarios.Words.Select(w => new MatrixQuery(Search: w)));
        queries.AddRange(ScaleScenarios.Phrases.Take(20).Select(p => new MatrixQuery(Search: $"\"{p}\"")));
        queries.AddRange(targets.BusyActors.Select(a => new MatrixQuery(ActorId: a)));
        queries.AddRange(targets.SampleActors.Take(30).Select(a => new MatrixQuery(ActorId: a)));
        queries.AddRange(targets.Sources.Take(50).Select(s => new MatrixQuery(SourceId: s)));
        return new ScaleScenario("Matrix", "Stance matrix (`MatrixService.GetAsync`, each filter)",
            queries.Select(q => Call(Describe(q), async () => Digest(await workload.Matrix.GetAsync(q)))).ToList());
    }

    private static ScaleScenario TopicMaps(Workload workload)
    {
        var calls = new List<ScaleCall>();
        for (var i = 0; calls.Count < 200; i++)
        {
            var topic = ScaleScenarios.TopicFilters[i % ScaleScenarios.TopicFilters.Length];
            var options = new MapOptions(1 + i / ScaleScenarios.TopicFilters.Length % 2, Actors: i / (2 * ScaleScenarios.TopicFilters.Length) % 2 == 1);
            calls.Add(Call($"topic {topic} hops {options.Hops}{(options.Actors ? " actors" : "")}", async () => Digest(await workload.Maps.ForTopicAsync(topic, options))));
        }
        return new ScaleScenario("MapTopic", "Topic map (`ForTopicAsync`, one or two relations, with and without actors)", calls);
    }

    /// <summary>Each actor's first page, and the busiest actors' pages deep into their tens of thousands of statements.</summary>
    private static ScaleScenario ActorTimelines(Workload workload, ScaleTargets targets)
    {
        var calls = targets.Actors.Select((id, i) => Call($"actor {id}", async () => Digest(await workload.Timelines.ForActorAsync(id, Order(i), 0)))).ToList();
        calls.AddRange(targets.BusyActors.Select((id, i) => Call($"actor {id} page 100", async () => Digest(await workload.Timelines.ForActorAsync(id, Order(i), 100)))));
        return new ScaleScenario("ActorTimeline", "Actor timeline (`ForActorAsync`, first pages and page 100 of the busiest)", calls);
    }

    /// <summary>The /consistency page: every actor, and each topic, first and second pages.</summary>
    private static ScaleScenario Ranking(Workload workload)
    {
        string?[] topics = [null, .. ScaleScenarios.TopicFilters];
        var calls = Enumerable.Range(0, 200)
            .Select(i => (Topic: topics[i % topics.Length], Page: i / topics.Length % 2))
            .Select(c => Call($"{c.Topic ?? "all"} page {c.Page}", async () => Digest(await workload.Consistency.RankAsync(c.Topic, c.Page))))
            .ToList();
        return new ScaleScenario("Consistency", "Consistency ranking (`RankAsync`, all and each topic)", calls);
    }

    /// <summary>Two busy actors, a busy one and a quiet one, two quiet ones.</summary>
    private static ScaleScenario Comparisons(Workload workload, ScaleTargets targets)
    {
        var pairs = new List<(int A, int B)>();
        for (var i = 0; i + 1 < targets.BusyActors.Count; i++)
        {
            pairs.Add((targets.BusyActors[i], targets.BusyActors[i + 1]));
        }
        for (var i = 0; pairs.Count < 120 && i < targets.SampleActors.Count; i++)
        {
            pairs.Add((targets.BusyActors[i % targets.BusyActors.Count], targets.SampleActors[i]));
        }
        for (var i = 0; pairs.Count < 200 && i + 1 < targets.SampleActors.Count; i += 2)
        {
            pairs.Add((targets.SampleActors[i], targets.SampleActors[i + 1]));
        }
        return new ScaleScenario("Compare", "Compare two actors (`CompareAsync`)",
            pairs.Select(p => Call($"{p.A} with {p.B}", async () => Digest(await workload.Comparisons.CompareAsync(p.A, p.B)))).ToList());
    }

    private static TimelineOrder Order(int i) => i % 2 == 0 ? TimelineOrder.NewestFirst : TimelineOrder.OldestFirst;

    private static ScaleCall Call(string label, Func<Task<string>> service) => new(label, service, Floor: null);

    private static string Describe(MatrixQuery q) =>
        string.Join(' ', new[]
        {
            q.Search, q.Topic is null ? null : $"topic={q.Topic}", q.ActorId is int a ? $"actor={a}" : null,
            q.SourceId is int s ? $"source={s}" : null, q.ShowAll ? "all" : null,
        }.Where(s => s is not null).DefaultIfEmpty("unfiltered"));

    // Digests say how much each call read, for the run's log; there is no floor to compare them with.

    private static string Digest(StanceMatrix m) => m.SearchError ?? $"{m.RowCount}x{m.Columns.Count}";

    private static string Digest(ClaimGraph? g) => g is null ? "none" : $"{g.Nodes.Count}/{g.Edges.Count}";

    private static string Digest(Timeline? t) => t is null ? "none" : $"{t.Shown}/{t.Total}";

    private static string Digest(ActorConsistency? c) => c is null ? "none" : $"{c.Flags.Count}/{c.Total}";

    private static string Digest(ConsistencyRanking r) => $"{r.Rows.Count}/{r.TotalActors}/{r.TotalReversals}";

    private static string Digest(ComparisonResult r) =>
        r.Comparison is not { } c ? "unknown" : $"{c.AgreeTotal}/{c.DisagreeTotal}/{c.OnlyATotal}";
}
