using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The <c>--engine-scaling</c> mode: one timed call of the suggestion engine per text length, for a quick look at how
/// its time grows (BenchmarkDotNet's <see cref="SuggestionEngineBenchmarks"/> measures the same cases properly). It stops
/// at the first case that takes longer than the time limit, as a slow engine would take hours on the longest texts.
/// </summary>
public static class EngineScaling
{
    public static readonly EngineCase[] Cases =
    [
        new(5_000, 0), new(50_000, 0), new(200_000, 0), new(500_000, 0), new(1_000_000, 0), new(2_000_000, 0), new(2_000_000, 2_000),
    ];

    public static int Run(TimeSpan limit, TextWriter output)
    {
        var engine = new RuleBasedAttributionSuggester();
        var (warmText, warmActors, warmClaims) = EngineWorkload.Build(Cases[0]);
        engine.Suggest(warmText, warmActors, warmClaims); // JIT and the lexicons' static tables
        output.WriteLine("| case | characters | suggestions | time | µs per 1,000 characters |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var c in Cases)
        {
            var (text, actors, claims) = EngineWorkload.Build(c);
            var clock = Stopwatch.StartNew();
            var suggestions = engine.Suggest(text, actors, claims);
            clock.Stop();
            var perThousand = clock.Elapsed.TotalMicroseconds / (text.Length / 1_000.0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c} | {text.Length:N0} | {suggestions.Count:N0} | {clock.Elapsed.TotalSeconds:0.000} s | {perThousand:N0} |"));
            if (clock.Elapsed > limit)
            {
                output.WriteLine($"Stopped: {c} took longer than {limit.TotalSeconds:0} s, so the longer texts are left out.");
                break;
            }
        }
        return 0;
    }
}
