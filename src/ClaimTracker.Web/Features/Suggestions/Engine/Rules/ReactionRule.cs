using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>"a stance that irritated Kyiv", "angered Moscow": whoever is reacted for objects to what was said.</summary>
internal sealed class ReactionRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "reaction";

    public override void Apply(SentenceWork work)
    {
        foreach (var d in Reactions(work.Sentence))
        {
            Context.Add(d, work.Drafts);
        }
    }

    private IEnumerable<Draft> Reactions(Sentence sentence)
    {
        foreach (var t in Tokens.In(sentence.Range))
        {
            if (!t.IsAny(WordLists.ReactionVerbs) || QuotationFinder.At(Quotations, t.Range.Start) is not null)
            {
                continue;
            }
            var objects = MentionList(t.Range.End, sentence);
            if (objects.Count == 0)
            {
                continue;
            }
            var phraseStart = Context.BoundaryBefore(t.Range.Start, sentence);
            var end = Clauses.EndFrom(objects[^1].Range.End, sentence);
            var span = TextTrim.Trim(Text, new TextRange(phraseStart, Math.Max(end, objects[^1].Range.End)));
            var head = Tokens.In(new TextRange(phraseStart, t.Range.Start)).Take(3).ToList();
            string words;
            if (head.Any(h => h.IsAny(WordLists.BackReferenceNouns)) && phraseStart > sentence.Range.Start)
            {
                var previous = TextTrim.Trim(Text, new TextRange(Context.BoundaryBefore(phraseStart - 1, sentence), phraseStart - 1));
                var clause = SentenceText.StripConjunction(previous.Of(Text));
                words = "It is objectionable that " + SentenceText.LowerFirst(clause);
            }
            else
            {
                var subjectEnd = t.Range.Start;
                var subject = Tokens.In(new TextRange(phraseStart, subjectEnd)).Where(x => x.IsWord && !x.IsAny(WordLists.VerbGroup)).ToList();
                words = subject.Count == 0 ? "" : Text[subject[0].Range.Start..subject[^1].Range.End] + " is objectionable";
            }
            foreach (var m in objects)
            {
                var actor = Actors.Resolve(m);
                yield return new Draft(actor, Stance.Asserts, AttributionMode.Paraphrase, span, words,
                    $"'{t.Text}' {m.Surface}: they object to it", null, sentence.Paragraph, Name);
            }
        }
    }

    private List<ActorMention> MentionList(int position, Sentence sentence)
    {
        var list = new List<ActorMention>();
        var at = position;
        while (true)
        {
            while (at < sentence.Range.End && Text[at] is ' ' or ',')
            {
                at++;
            }
            if (Clauses.StartsWithWords(at, "and"))
            {
                at += 3;
                continue;
            }
            if (Actors.MentionStartingAt(at) is not { } m)
            {
                return list;
            }
            list.Add(m);
            at = m.Range.End;
        }
    }
}
