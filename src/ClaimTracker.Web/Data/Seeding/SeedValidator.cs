using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Data.Seeding;

/// <summary>
/// Checks a seed document against itself and its source texts before anything is written:
/// every reference resolves, every enum value is known, and every quote sits exactly at its offsets.
/// Each problem names the entry (section, position and key) so it can be found in the file.
/// </summary>
public static class SeedValidator
{
    public static List<string> Validate(SeedDocument seed, IReadOnlyDictionary<string, string> sourceTexts)
    {
        var problems = new List<string>();
        var actorKeys = CheckKeys(seed.Actors, a => a.Key, "actors", problems);
        var sourceKeys = CheckKeys(seed.Sources, s => s.Key, "sources", problems);
        var claimKeys = CheckKeys(seed.Claims, c => c.Key, "claims", problems);
        CheckKeys(seed.Attributions, a => a.Key, "attributions", problems);
        CheckKeys(seed.Relations, r => r.Key, "relations", problems);

        for (var i = 0; i < seed.Sources.Count; i++)
        {
            var source = seed.Sources[i];
            var name = $"sources[{i}] '{source.Key}'";
            Require(source.Outlet, name, "outlet", problems);
            Require(source.Title, name, "title", problems);
            if (!DateOnly.TryParseExact(source.PublishedOn, "yyyy-MM-dd", out _))
            {
                problems.Add($"{name}: publishedOn \"{source.PublishedOn}\" is not a date in the form yyyy-mm-dd");
            }
            if (!sourceTexts.TryGetValue(source.Key, out var text))
            {
                problems.Add($"{name}: its text file \"{source.TextFile}\" was not found beside the seed file");
            }
            else if (source.ContentHash is not null && !string.Equals(source.ContentHash, Source.HashOf(text), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: the text in \"{source.TextFile}\" does not match contentHash {source.ContentHash} (it hashes to {Source.HashOf(text)}); a changed text must be a new source");
            }
        }

        for (var i = 0; i < seed.Actors.Count; i++)
        {
            var actor = seed.Actors[i];
            var name = $"actors[{i}] '{actor.Key}'";
            Require(actor.Name, name, "name", problems);
            CheckEnum<ActorKind>(actor.Kind, name, "kind", problems);
        }

        for (var i = 0; i < seed.Claims.Count; i++)
        {
            var claim = seed.Claims[i];
            var name = $"claims[{i}] '{claim.Key}'";
            Require(claim.Text, name, "text", problems);
            if (claim.Status is not null)
            {
                CheckEnum<ClaimStatus>(claim.Status, name, "status", problems);
            }
            foreach (var subject in claim.Subjects ?? [])
            {
                CheckReference(subject, actorKeys, name, "subject", "actor", problems);
            }
        }

        var seenAppearances = new HashSet<(string, string, string, int, int)>();
        for (var i = 0; i < seed.Attributions.Count; i++)
        {
            var attribution = seed.Attributions[i];
            var name = $"attributions[{i}] '{attribution.Key}'";
            CheckReference(attribution.Actor, actorKeys, name, "actor", "actor", problems);
            CheckReference(attribution.Claim, claimKeys, name, "claim", "claim", problems);
            CheckReference(attribution.Source, sourceKeys, name, "source", "source", problems);
            if (attribution.ReportedBy is not null)
            {
                CheckReference(attribution.ReportedBy, actorKeys, name, "reportedBy", "actor", problems);
            }
            CheckEnum<Stance>(attribution.Stance, name, "stance", problems);
            CheckEnum<AttributionMode>(attribution.Mode, name, "mode", problems);
            CheckSpan(attribution.Source, attribution.Quote, attribution.Start, attribution.End, attribution.Prefix, attribution.Suffix, sourceTexts, name, problems);
            if (!seenAppearances.Add((attribution.Actor, attribution.Claim, attribution.Source, attribution.Start, attribution.End)))
            {
                problems.Add($"{name}: duplicates an earlier attribution (same actor, claim, source and span)");
            }
        }

        for (var i = 0; i < seed.Relations.Count; i++)
        {
            var relation = seed.Relations[i];
            var name = $"relations[{i}] '{relation.Key}'";
            CheckReference(relation.From, claimKeys, name, "from", "claim", problems);
            CheckReference(relation.To, claimKeys, name, "to", "claim", problems);
            CheckEnum<RelationType>(relation.Type, name, "type", problems);
            Require(relation.Rationale, name, "rationale", problems);
            if (relation.From == relation.To)
            {
                problems.Add($"{name}: a claim cannot be related to itself ('{relation.From}')");
            }
            if (relation.Evidence is { } evidence)
            {
                CheckReference(evidence.Source, sourceKeys, name, "evidence.source", "source", problems);
                CheckSpan(evidence.Source, evidence.Quote, evidence.Start, evidence.End, evidence.Prefix, evidence.Suffix, sourceTexts, name + " evidence", problems);
            }
        }
        return problems;
    }

    private static HashSet<string> CheckKeys<T>(List<T> items, Func<T, string> key, string section, List<string> problems)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (string.IsNullOrWhiteSpace(k))
            {
                problems.Add($"{section}[{i}]: has no key");
            }
            else if (!keys.Add(k))
            {
                problems.Add($"{section}[{i}] '{k}': the key is used twice");
            }
        }
        return keys;
    }

    private static void Require(string? value, string name, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name}: {field} is required");
        }
    }

    private static void CheckEnum<TEnum>(string? value, string name, string field, List<string> problems) where TEnum : struct, Enum
    {
        // TryParse alone would accept numbers and comma-joined flag combinations ("Questions,Doubts"): only a single named value will do.
        if (value is null || value.Contains(',') || int.TryParse(value, out _)
            || !Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            problems.Add($"{name}: {field} \"{value}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
    }

    private static void CheckReference(string? key, HashSet<string> known, string name, string field, string kind, List<string> problems)
    {
        if (key is null || !known.Contains(key))
        {
            problems.Add($"{name}: {field} refers to unknown {kind} '{key}'");
        }
    }

    private static void CheckSpan(string sourceKey, string quote, int start, int end, string prefix, string suffix,
        IReadOnlyDictionary<string, string> sourceTexts, string name, List<string> problems)
    {
        if (!sourceTexts.TryGetValue(sourceKey, out var text))
        {
            return; // the missing source is reported already
        }
        var mismatch = new TextAnchor(start, end, quote ?? "", prefix ?? "", suffix ?? "").FindMismatch(text);
        if (mismatch is not null)
        {
            problems.Add($"{name}: {mismatch}");
        }
    }
}
