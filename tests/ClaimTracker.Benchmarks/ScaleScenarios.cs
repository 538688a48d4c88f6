using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Sources;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The scenarios of <see cref="ScaleBenchmark"/>: what each reading page asks its service for, on the generated
/// database, with the fixed lists of calls (at least 200 each) and the digest of the rows each call returns.
/// </summary>
public static class ScaleScenarios
{
    public const int PageSize = 25;

    /// <summary>Single words of the generated vocabulary, as journalists type them.</summary>
    public static readonly string[] Words =
    [
        "ceasefire", "sanctions", "grain", "nuclear", "Kremlin", "Kyiv", "Moscow", "NATO", "Beijing", "drone", "summit",
        "tariffs", "referendum", "reservists", "fertiliser", "corridor", "reconstruction", "offensive", "prisoner", "election",
        "withdrawals", "humanitarian", "mobilisation", "energy", "infrastructure", "guarantees", "defence", "ministry",
        "officials", "parliament", "allies", "denials", "spring", "Geneva", "assets", "steel", "transit", "oil", "IMF", "Poland",
    ];

    /// <summary>Quoted phrases: the words in this order.</summary>
    public static readonly string[] Phrases =
    [
        "peace talks", "grain corridor", "security guarantees", "prisoner exchange", "frozen central bank assets",
        "current front line", "new sanctions", "air defence deliveries", "gas transit agreement", "nuclear power plant",
        "humanitarian corridor", "troop withdrawals", "election timetable", "sanctions relief", "first time since 2022",
        "under pressure from allies", "end of the year", "demilitarised zone", "occupied regions", "energy infrastructure",
        "summit with European leaders", "mobilisation of reservists", "tariffs on steel imports", "export of fertiliser",
        "reconstruction funding", "offensive in the spring", "ready to make a deal", "little sign of abandoning",
        "secretly agreed", "losing patience",
    ];

    /// <summary>Beginnings of words: a single search word matches every word it begins.</summary>
    public static readonly string[] Prefixes =
    [
        "negotiat", "sanction", "mobilis", "reconstr", "ceasef", "humanit", "infrastr", "withdraw", "referend", "demilit",
        "fertil", "guarant", "exagger", "underest", "parliam", "consult", "transi", "summi", "offens", "prison",
        "deliver", "Europ", "Ukrain", "Russ", "Washingt", "intellig", "govern", "minist", "offici", "agre",
    ];

    /// <summary>Several words, all of which must match.</summary>
    public static readonly string[] Combinations =
    [
        "ceasefire sanctions", "grain Kyiv", "nuclear plant Moscow", "Kremlin offensive", "sanctions oil exports",
        "Geneva peace talks", "drone strikes energy", "prisoner exchange Kyiv", "tariffs steel Beijing", "IMF reconstruction funding",
        "NATO summit", "referendum occupied", "central bank assets frozen", "troop withdrawals spring", "humanitarian corridor Kremlin",
        "election timetable parliament", "\"peace talks\" Geneva", "\"grain corridor\" Turkey", "\"new sanctions\" oil", "\"security guarantees\" NATO",
    ];

    public static readonly string[] TopicFilters = ["ukraine", "russia", "peace-talks", "ceasefire", "sanctions", "energy", "nato", "grain", "elections", "cyber"];

    public static IEnumerable<ScaleScenario> All(Workload workload, Floors floor, ScaleTargets targets)
    {
        yield return Search(workload, floor, targets);
        yield return FirstPages(workload, floor, targets);
        yield return DeepPages(workload, floor, targets);
        yield return new ScaleScenario("Dispute", "Dispute view (`GetDisputeAsync`)",
            targets.Claims.Select(id => new ScaleCall($"claim {id}", async () => Digest(await workload.Disputes.GetDisputeAsync(id)), () => floor.DisputeAsync(id))).ToList());
        yield return new ScaleScenario("Actor", "Actor page (`GetProfileAsync`)",
            targets.Actors.Select(id => new ScaleCall($"actor {id}", async () => Digest(await workload.Actors.GetProfileAsync(id)), () => floor.ActorAsync(id))).ToList());
        yield return new ScaleScenario("Reader", "Reader (`GetReaderAsync`)",
            targets.Sources.Select(id => new ScaleCall($"source {id}", async () => Digest(await workload.Sources.GetReaderAsync(id)), () => floor.ReaderAsync(id))).ToList());
        yield return new ScaleScenario("FilterOptions", "Claims page filters (`GetFilterOptionsAsync`)",
            Enumerable.Range(0, 200).Select(i => new ScaleCall($"call {i}", async () => Digest(await workload.Claims.GetFilterOptionsAsync()), floor.FilterOptionsAsync)).ToList());
        yield return ActorList(workload, targets);
        foreach (var view in ViewScenarios.All(workload, targets))
        {
            yield return view;
        }
    }

    /// <summary>
    /// The actors list as readers page it, and an actor filter as someone types a surname into it: the first pages, a deep
    /// page, and every prefix of 20 surnames (the filter offers 20 actors for each). No floor: the order is by number of
    /// statements, which no hand-written query reads more cheaply than the stored counts the service reads.
    /// </summary>
    private static ScaleScenario ActorList(Workload workload, ScaleTargets targets)
    {
        var calls = new List<ScaleCall>();
        foreach (var name in targets.ActorWords)
        {
            for (var length = 1; length <= Math.Min(name.Length, 8); length++)
            {
                var typed = name[..length];
                calls.Add(new ScaleCall($"typed {typed}", async () => Digest(await workload.Actors.ListAsync(typed, 0, 20)), Floor: null));
            }
        }
        // Pages up to 200 calls: mostly the first three, and some deep ones (page 200 and beyond, 25 actors each).
        for (var i = 0; calls.Count < 200; i++)
        {
            var page = i % 4 == 3 ? 200 + i : i % 3;
            calls.Add(new ScaleCall($"page {page}", async () => Digest(await workload.Actors.ListAsync(null, page, 25)), Floor: null));
        }
        return new ScaleScenario("ActorList", "Actors list and actor filter (`ActorService.ListAsync`, pages and typed prefixes)", calls);
    }

    /// <summary>At least 200 searches: words, phrases, prefixes, combinations, speakers' names, and each with filters.</summary>
    private static ScaleScenario Search(Workload workload, Floors floor, ScaleTargets targets)
    {
        var queries = new List<ClaimSearchQuery>();
        queries.AddRange(Words.Select(w => new ClaimSearchQuery(w)));
        queries.AddRange(Phrases.Select(p => new ClaimSearchQuery($"\"{p}\"")));
        queries.AddRange(Prefixes.Select(p => new ClaimSearchQuery(p)));
        queries.AddRange(Combinations.Select(c => new ClaimSearchQuery(c)));
        queries.AddRange(targets.ActorWords.Select(n => new ClaimSearchQuery(n)));
        // The same kinds of text, narrowed by the filters of the claims browser.
        var statuses = new[] { ClaimStatus.New, ClaimStatus.InReview, ClaimStatus.VerdictDrafted, ClaimStatus.Published };
        var stances = new[] { Stance.Asserts, Stance.Denies, Stance.Questions, Stance.Endorses };
        for (var i = 0; i < 20; i++)
        {
            var text = i % 2 == 0 ? Words[i] : $"\"{Phrases[i]}\"";
            queries.Add(new ClaimSearchQuery(text, ActorId: i < 10 ? targets.BusyActors[i] : targets.SampleActors[i]));
            queries.Add(new ClaimSearchQuery(Prefixes[i], Topic: TopicFilters[i % TopicFilters.Length]));
            queries.Add(new ClaimSearchQuery(Words[(i + 7) % Words.Length], Status: statuses[i % statuses.Length]));
            queries.Add(new ClaimSearchQuery(Combinations[i % Combinations.Length], Stance: stances[i % stances.Length]));
            queries.Add(new ClaimSearchQuery(Words[(i + 13) % Words.Length], ActorId: targets.BusyActors[i % targets.BusyActors.Count], Stance: Stance.Denies,
                Sort: i % 2 == 0 ? ClaimSort.Newest : ClaimSort.Text));
        }
        return new ScaleScenario("Search", "Search (`SearchAsync`, words, phrases, prefixes, filters)", queries.Select(q => Call(workload, floor, q)).ToList());
    }

    /// <summary>The claims browser's first page: each sort, unfiltered and with each kind of filter.</summary>
    private static ScaleScenario FirstPages(Workload workload, Floors floor, ScaleTargets targets)
    {
        var queries = new List<ClaimSearchQuery>();
        var sorts = Enum.GetValues<ClaimSort>();
        for (var i = 0; queries.Count < 200; i++)
        {
            var sort = sorts[i % sorts.Length];
            queries.Add((i / sorts.Length % 6) switch
            {
                0 => new ClaimSearchQuery(Sort: sort),
                1 => new ClaimSearchQuery(ActorId: i % 4 == 0 ? targets.BusyActors[i % targets.BusyActors.Count] : targets.SampleActors[i % targets.SampleActors.Count], Sort: sort),
                2 => new ClaimSearchQuery(Topic: TopicFilters[i % TopicFilters.Length], Sort: sort),
                3 => new ClaimSearchQuery(Status: (ClaimStatus)(i % 4), Sort: sort),
                4 => new ClaimSearchQuery(Stance: (Stance)(i % 5), Sort: sort),
                _ => new ClaimSearchQuery(ActorId: targets.SampleActors[i % targets.SampleActors.Count], Stance: Stance.Asserts, Topic: TopicFilters[i % 3], Sort: sort),
            });
        }
        return new ScaleScenario("FirstPage", "Claims list, first page (each sort and filter)", queries.Select(q => Call(workload, floor, q)).ToList());
    }

    /// <summary>Pages all the way to the last, in each sort, unfiltered.</summary>
    private static ScaleScenario DeepPages(Workload workload, Floors floor, ScaleTargets targets)
    {
        var lastPage = (targets.ClaimCount - 1) / PageSize;
        var random = new Random(9);
        var sorts = Enum.GetValues<ClaimSort>();
        var queries = Enumerable.Range(0, 200)
            .Select(i => new ClaimSearchQuery(Sort: sorts[i % sorts.Length], Page: i < 6 ? lastPage - i / 3 : random.Next(10, lastPage + 1)))
            .ToList();
        return new ScaleScenario("DeepPage", $"Claims list, deep pages (10 to {lastPage:N0}, each sort)", queries.Select(q => Call(workload, floor, q)).ToList());
    }

    private static ScaleCall Call(Workload workload, Floors floor, ClaimSearchQuery query) => new(
        Describe(query),
        async () => Digest(await workload.Claims.SearchAsync(query)),
        () => floor.SearchAsync(query));

    private static string Describe(ClaimSearchQuery q) =>
        string.Join(' ', new[]
        {
            q.Search, q.ActorId is int a ? $"actor={a}" : null, q.Stance?.ToString(), q.Topic is null ? null : $"topic={q.Topic}",
            q.Status?.ToString(), q.Sort.ToString(), q.Page > 0 ? $"page={q.Page}" : null,
        }.Where(s => s is not null));

    // The digests: the ids and numbers a page shows, in its order, so that a floor that fetches other rows is caught.

    public static string Digest(ClaimSearchResult result) =>
        result.SearchError ?? RowsDigest(result.TotalCount, result.Items.Select(r => (r.Id, r.AttributionCount, r.ConflictCount, r.SupportCount, (IReadOnlyList<string>)r.Speakers)));

    public static string RowsDigest(int total, IEnumerable<(int Id, int Attributions, int Conflicts, int Supports, IReadOnlyList<string> Speakers)> rows) =>
        $"{total}:" + string.Join(',', rows.Select(r => $"{r.Id}/{r.Attributions}/{r.Conflicts}/{r.Supports}/{string.Join('+', r.Speakers)}"));

    public static string Digest(ClaimDispute? dispute)
    {
        if (dispute is null)
        {
            return "none";
        }
        var related = dispute.Conflicting.Select(a => a.Related).Concat(dispute.Supporting.Select(a => a.Related)).OfType<RelatedClaim>()
            .Concat(dispute.Qualifications).Concat(dispute.BearsOn).ToList();
        var statements = dispute.Assertions
            .Concat(dispute.Conflicting.Select(a => a.Stance).Concat(dispute.Supporting.Select(a => a.Stance)).OfType<Web.Features.Common.AttributionView>())
            .Concat(related.SelectMany(r => r.Attributions))
            .Select(a => a.Id);
        return DisputeDigest(dispute.Claim.Id, dispute.Claim.Subjects.Count, related.Select(r => r.RelationId), statements);
    }

    /// <summary>The claim, its subjects, the relations shown and the statements shown (its own, and those of the related claims).</summary>
    public static string DisputeDigest(int id, int subjects, IEnumerable<int> relations, IEnumerable<int> statements) =>
        $"{id}/{subjects}/r:{string.Join(',', relations.Distinct().Order())}/a:{string.Join(',', statements.Distinct().Order())}";

    public static string Digest(ActorProfile? profile) =>
        profile is null ? "none" : ActorDigest(profile.Id, profile.ClaimsAbout.Select(c => c.Id), profile.Positions.Select(p => p.Attribution.Id));

    public static string ActorDigest(int id, IEnumerable<int> claimsAbout, IEnumerable<int> positions) =>
        $"{id}/about:{string.Join(',', claimsAbout)}/positions:{string.Join(',', positions.Order())}";

    public static string Digest(SourceReader? reader) =>
        reader is null ? "none" : ReaderDigest(reader.Id, reader.Text.Length, reader.Spans.Select(s => s.AttributionId));

    public static string ReaderDigest(int id, int length, IEnumerable<int> spans) => $"{id}/{length}/{string.Join(',', spans)}";

    public static string Digest(ClaimFilterOptions options) => FilterDigest(options.Topics);

    public static string Digest(Web.Features.Common.PagedResult<ActorRow> page) =>
        $"{page.TotalCount}:{string.Join(',', page.Items.Select(a => $"{a.Id}/{a.AttributionCount}"))}";

    public static string FilterDigest(IEnumerable<string> topics) => string.Join(',', topics);
}
