using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Tests.Features.Importing;

/// <summary>
/// A suggester the test decides: by default it proposes every sentence containing "said" as an assertion by the first
/// known actor whose name occurs in the text, so the tests can predict exactly what is stored; a test can swap the behaviour.
/// </summary>
public sealed class ScriptedSuggester : IAttributionSuggester
{
    public Func<string, IReadOnlyList<KnownActor>, IReadOnlyList<KnownClaim>, IReadOnlyList<SuggestedAttribution>> Behaviour { get; set; } = SaidSentences;

    public int Calls { get; private set; }
    public int LastActorCount { get; private set; }
    public int LastClaimCount { get; private set; }

    /// <summary>The outlet the last call was told.</summary>
    public string? LastOutlet { get; private set; }

    public IReadOnlyList<SuggestedAttribution> Suggest(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims, string? outlet = null)
    {
        Calls++;
        LastOutlet = outlet;
        LastActorCount = actors.Count;
        LastClaimCount = claims.Count;
        return Behaviour(text, actors, claims);
    }

    public static IReadOnlyList<SuggestedAttribution> SaidSentences(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims)
    {
        var actor = actors.FirstOrDefault(a => text.Contains(a.Name, StringComparison.Ordinal));
        var result = new List<SuggestedAttribution>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('.', start);
            end = end < 0 ? text.Length : end + 1;
            var sentence = text[start..end];
            var trimmed = sentence.TrimStart();
            var offset = start + (sentence.Length - trimmed.Length);
            if (trimmed.Contains(" said", StringComparison.Ordinal))
            {
                result.Add(new SuggestedAttribution(actor?.Name ?? "someone", actor?.Id, Stance.Asserts, AttributionMode.Paraphrase,
                    trimmed, offset, offset + trimmed.Length, trimmed.TrimEnd('.'), null, null, "reporting verb 'said'"));
            }
            start = end;
        }
        return result;
    }
}

/// <summary>The app over a fresh database, with <see cref="ScriptedSuggester"/> in place of the suggestion engine.</summary>
public sealed class ImportFactory : ClaimTrackerFactory
{
    public ScriptedSuggester Suggester { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAttributionSuggester>();
            services.AddSingleton<IAttributionSuggester>(Suggester);
        });
    }
}
