namespace ClaimTracker.Web.Features.Generating;

/// <summary>
/// How many records of each kind a generated newsroom holds, and how unevenly activity is spread. Everything scales
/// from the number of attributions, in the proportions of real reporting: an article carries about 20 statements, a
/// claim is repeated by about 4 of them, an actor speaks about 100 times.
/// </summary>
/// <param name="ActorZipfShare">Share of statements whose speaker is drawn by Zipf's law (s≈1) rather than uniformly:
/// a few actors (a president, a ministry) speak far more often than the rest.</param>
/// <param name="ClaimZipfShare">The same for the claim of a statement and the two ends of a relation: a few claims are
/// repeated everywhere, most are made once or twice.</param>
/// <param name="NotedClaims">Share of claims with a thread of notes (one to four notes).</param>
/// <param name="NotedStatements">Notes on single statements, per claim.</param>
/// <param name="NotedSources">Share of sources with a note on a passage of their text.</param>
/// <param name="RatedClaims">Share of claims with a verdict (three in five published, the rest drafts).</param>
public sealed record NewsShape(
    int Attributions,
    int Actors,
    int Sources,
    int Claims,
    int Relations,
    double ActorZipfShare = 0.5,
    double ClaimZipfShare = 0.05,
    double NotedClaims = 0.03,
    double NotedStatements = 0.01,
    double NotedSources = 0.02,
    double RatedClaims = 0.02)
{
    public const int MinAttributions = 100;

    /// <summary>Far beyond what the command is for; keeps the sizes below within int and a run within hours.</summary>
    public const int MaxAttributions = 50_000_000;

    /// <summary>The proportions used by the <c>generate</c> command: claims ≈ attributions/4, sources ≈ /20, actors ≈ /100, relations ≈ 15 % of claims.</summary>
    public static NewsShape For(int attributions)
    {
        if (attributions is < MinAttributions or > MaxAttributions)
        {
            throw new ArgumentOutOfRangeException(nameof(attributions), attributions, $"Between {MinAttributions:N0} and {MaxAttributions:N0}.");
        }
        var claims = attributions / 4;
        return new NewsShape(
            attributions,
            Actors: Math.Max(20, attributions / 100),
            Sources: Math.Max(5, attributions / 20),
            Claims: claims,
            Relations: claims * 15 / 100);
    }

    public override string ToString() =>
        $"{Attributions:N0} attributions, {Claims:N0} claims, {Sources:N0} sources, {Actors:N0} actors, {Relations:N0} relations";
}
