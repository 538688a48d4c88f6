using BenchmarkDotNet.Attributes;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The rule-based suggestion engine on texts of growing length (an import may be up to 2 MB), to show that its time
/// grows with the length of the text and not faster; and once with 2,000 more known claims, which every suggestion
/// is compared with. No database: the engine is pure.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SlowCallConfig))]
public class SuggestionEngineBenchmarks
{
    private readonly RuleBasedAttributionSuggester engine = new();
    private string text = "";
    private IReadOnlyList<KnownActor> actors = [];
    private IReadOnlyList<KnownClaim> claims = [];

    /// <summary>Set it to leave out the texts longer than this many characters (an engine that grows quadratically takes hours on them).</summary>
    public const string MaxCharsVariable = "CLAIMTRACKER_ENGINE_BENCH_MAX_CHARS";

    public static IEnumerable<EngineCase> Cases()
    {
        var max = int.TryParse(Environment.GetEnvironmentVariable(MaxCharsVariable), out var m) ? m : int.MaxValue;
        EngineCase[] all = [new(5_000, 0), new(50_000, 0), new(500_000, 0), new(2_000_000, 0), new(2_000_000, 2_000)];
        return all.Where(c => c.Chars <= max);
    }

    [ParamsSource(nameof(Cases))]
    public EngineCase Case { get; set; } = new(5_000, 0);

    [GlobalSetup]
    public void Setup()
    {
        (text, actors, claims) = EngineWorkload.Build(Case);
        Console.WriteLine($"// {Case}: {text.Length:N0} chars, {actors.Count} actors, {claims.Count} claims");
    }

    [Benchmark(Description = "Suggest")]
    public IReadOnlyList<SuggestedAttribution> Suggest() => engine.Suggest(text, actors, claims);
}
