using System.Diagnostics.CodeAnalysis;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// The known actors' mentions in a text (by name, alias, surname or role phrase), found once and looked up by where
/// they start and end; a role phrase stands for its candidate named alone most recently before it.
/// </summary>
internal sealed class MentionIndex
{
    private readonly Dictionary<int, ActorMention> _byEnd = [];
    private readonly Dictionary<int, ActorMention> _byStart = [];

    // What the rules ask of the mentions again and again, worked out once from them (they never change):
    // what each role phrase resolves to, and the mentions naming each actor alone.
    private readonly Dictionary<ActorMention, ActorRef> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ActorRef, List<ActorMention>> _naming = [];

    public MentionIndex(string text, IReadOnlyList<KnownActor> known, IReadOnlyList<Quotation> quotations)
    {
        var actors = known.Select(a => new ActorRef(a.Name, a, a.Kind == ActorKind.Person)
        {
            ShortName = ShortNameOf(a),
        }).ToList();
        Mentions = ActorMentionFinder.Find(text, actors, quotations);
        foreach (var m in Mentions)
        {
            _byEnd[m.Range.End] = m;
            _byStart[m.Range.Start] = m;
        }
        // A role phrase stands for the candidate named alone most recently before it (see ResolveByScan).
        var lastNamed = new Dictionary<ActorRef, int>();
        foreach (var m in Mentions)
        {
            if (m.Candidates.Count == 1)
            {
                lastNamed[m.Candidates[0]] = m.Range.Start;
                if (!_naming.TryGetValue(m.Candidates[0], out var naming))
                {
                    _naming[m.Candidates[0]] = naming = [];
                }
                naming.Add(m);
                continue;
            }
            ActorRef? best = null;
            var bestAt = -1;
            foreach (var candidate in m.Candidates)
            {
                if (lastNamed.TryGetValue(candidate, out var at) && at > bestAt)
                {
                    (best, bestAt) = (candidate, at);
                }
            }
            _resolved[m] = best ?? m.Candidates[0];
        }
    }

    public IReadOnlyList<ActorMention> Mentions { get; }

    public bool TryStartingAt(int position, [NotNullWhen(true)] out ActorMention? mention) => _byStart.TryGetValue(position, out mention);

    public bool TryEndingAt(int position, [NotNullWhen(true)] out ActorMention? mention) => _byEnd.TryGetValue(position, out mention);

    public bool HasStartingAt(int position) => _byStart.ContainsKey(position);

    public bool HasEndingAt(int position) => _byEnd.ContainsKey(position);

    /// <summary>The mentions naming <paramref name="actor"/> alone (not as one of a role's candidates).</summary>
    public IReadOnlyList<ActorMention> NamingOf(ActorRef actor) => _naming.GetValueOrDefault(actor) ?? [];

    public ActorMention? MentionStartingAt(int position) => _byStart.GetValueOrDefault(position);

    public ActorMention? MentionEndingAt(int position) => _byEnd.GetValueOrDefault(position);

    /// <summary>The mentions (in text order) that start inside <paramref name="range"/>.</summary>
    public IEnumerable<ActorMention> MentionsIn(TextRange range)
    {
        for (var k = FirstMentionFrom(range.Start); k < Mentions.Count && Mentions[k].Range.Start < range.End; k++)
        {
            yield return Mentions[k];
        }
    }

    /// <summary>The index of the first mention starting at or after <paramref name="position"/> (mentions are in text order).</summary>
    private int FirstMentionFrom(int position)
    {
        return InTextOrder.FirstIndex(Mentions, m => m.Range.Start >= position);
    }

    /// <summary>The mention whose words include <paramref name="position"/>, if any.</summary>
    public ActorMention? Covering(int position)
    {
        var k = InTextOrder.FirstIndex(Mentions, m => m.Range.End > position);
        return k < Mentions.Count && Mentions[k].Range.Start <= position ? Mentions[k] : null;
    }

    /// <summary>The index of the last mention ending at or before <paramref name="position"/>, or -1.</summary>
    public int LastMentionEndingBy(int position)
    {
        // Mentions never overlap, so their ends are in text order too.
        return InTextOrder.FirstIndex(Mentions, m => m.Range.End > position) - 1;
    }

    /// <summary>The actor a mention stands for at its place: for a role phrase, the candidate named most recently.</summary>
    public ActorRef Resolve(ActorMention mention)
    {
        if (mention.Candidates.Count == 1)
        {
            return mention.Candidates[0];
        }
        return _resolved.TryGetValue(mention, out var resolved) ? resolved : ResolveByScan(mention);
    }

    /// <summary>What <see cref="Resolve"/> works out once for every mention of the text, for a mention made elsewhere.</summary>
    private ActorRef ResolveByScan(ActorMention mention)
    {
        ActorRef? best = null;
        var bestAt = -1;
        foreach (var m in Mentions)
        {
            if (m.Range.Start >= mention.Range.Start)
            {
                break;
            }
            if (m.Candidates.Count == 1 && mention.Candidates.Contains(m.Candidates[0]) && m.Range.Start > bestAt)
            {
                (best, bestAt) = (m.Candidates[0], m.Range.Start);
            }
        }
        return best ?? mention.Candidates[0];
    }

    public static string Describe(ActorMention m) => m.Kind switch
    {
        MentionKind.Name => $"named '{m.Surface}'",
        MentionKind.Alias => $"alias '{m.Surface}'",
        MentionKind.Surname => $"surname '{m.Surface}'",
        _ => $"role phrase '{m.Surface}'",
    };

    private static string ShortNameOf(KnownActor a)
    {
        if (a.Kind == ActorKind.Person && ActorLexicon.SurnameOf(a.Name) is { } surname)
        {
            return surname;
        }
        var shortest = a.Aliases.Where(x => x.Length > 2 && char.IsUpper(x[0])).OrderBy(x => x.Length).FirstOrDefault();
        return a.Kind == ActorKind.Person ? a.Name : shortest ?? a.Name;
    }
}
