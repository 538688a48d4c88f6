namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Finds every place outside quotations where the text names a known actor (longest phrase wins; a phrase that fits
/// several actors, like "the president", keeps them all as candidates).
/// </summary>
internal static class ActorMentionFinder
{
    public static List<ActorMention> Find(string text, IReadOnlyList<ActorRef> actors, IReadOnlyList<Quotation> quotations)
    {
        var hits = new Dictionary<TextRange, (List<ActorRef> Actors, MentionKind Kind, string Surface)>();
        // Curly and straight apostrophes are the same letter to a reader ("Workers’ Union", "Workers' Union");
        // replacing one character by one keeps every offset.
        var plain = text.Replace('’', '\'');
        foreach (var (phrase, actor, kind) in ActorLexicon.Phrases(actors))
        {
            if (phrase.Length < 2)
            {
                continue;
            }
            foreach (var range in Occurrences(plain, phrase.Replace('’', '\'')))
            {
                if (QuotationFinder.At(quotations, range.Start) is not null)
                {
                    continue;
                }
                if (!hits.TryGetValue(range, out var hit))
                {
                    hits[range] = ([actor], kind, range.Of(text));
                }
                else if (!hit.Actors.Contains(actor))
                {
                    // The same words name two actors: a name beats a role phrase, otherwise both stay candidates.
                    if (kind < hit.Kind)
                    {
                        hits[range] = ([actor, .. hit.Actors], kind, hit.Surface);
                    }
                    else
                    {
                        hit.Actors.Add(actor);
                    }
                }
            }
        }
        var mentions = new List<ActorMention>();
        // Which characters a mention already takes: a phrase overlaps a taken mention exactly when it shares one of
        // them (phrases are never empty). Comparing with every mention taken so far made long texts quadratic.
        var taken = new bool[text.Length];
        // Longest first, then earliest: "Ukrainian President Volodymyr Zelensky" beats "Zelensky" inside it.
        foreach (var (range, hit) in hits.OrderByDescending(h => h.Key.Length).ThenBy(h => h.Key.Start))
        {
            if (Array.IndexOf(taken, true, range.Start, range.Length) >= 0)
            {
                continue;
            }
            Array.Fill(taken, true, range.Start, range.Length);
            mentions.Add(new ActorMention(range, hit.Actors, hit.Kind, hit.Surface, IsPossessive(text, range.End)));
        }
        mentions.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return mentions;
    }

    /// <summary>Whole-word occurrences; a phrase written with a lower-case first letter also matches capitalised.</summary>
    internal static IEnumerable<TextRange> Occurrences(string text, string phrase)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal) { phrase };
        if (char.IsLower(phrase[0]))
        {
            variants.Add(char.ToUpperInvariant(phrase[0]) + phrase[1..]);
        }
        foreach (var variant in variants)
        {
            var at = 0;
            while ((at = text.IndexOf(variant, at, StringComparison.Ordinal)) >= 0)
            {
                var end = at + variant.Length;
                var startOk = at == 0 || !IsWordChar(text[at - 1]);
                var endOk = end >= text.Length || !IsWordChar(text[end]) || (variant.EndsWith('.') && !char.IsLetter(text[end]));
                if (startOk && endOk)
                {
                    yield return new TextRange(at, end);
                }
                at = end;
            }
        }
    }

    internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '-';

    internal static bool IsPossessive(string text, int end) =>
        end < text.Length && (text[end] is '\'' or '’') && (end + 1 >= text.Length || text[end + 1] is 's' or ' ');
}
