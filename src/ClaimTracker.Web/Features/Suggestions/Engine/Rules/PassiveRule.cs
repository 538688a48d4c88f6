using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>"… was questioned by X", "a claim disputed by X": the agent after "by" takes the stance of the verb.</summary>
internal sealed class PassiveRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "passive";

    public override void Apply(SentenceWork work)
    {
        Passives(work.Sentence, work.Verbs, work.Drafts);
    }

    /// <summary>"was questioned by X": left to this rule, which needs the drafts made before it.</summary>
    public bool IsPassive(VerbMatch verb, Sentence sentence) => PassiveAgentAt(verb, sentence) is not null;

    private int? PassiveAgentAt(VerbMatch verb, Sentence sentence)
    {
        if (!verb.IsPastParticiple || !verb.Verb.Takes(Complement.Object) && verb.Verb.Lemma is not ("question" or "doubt"))
        {
            return null;
        }
        var before = Tokens.In(new TextRange(sentence.Range.Start, verb.Range.Start));
        var k = before.Count - 1;
        while (k >= 0 && before[k].IsWord && before[k].Text.EndsWith("ly", StringComparison.Ordinal))
        {
            k--;
        }
        if (k >= 0 && (Actors.MentionEndingAt(before[k].Range.End) is not null || before[k].Text is "he" or "she" or "He" or "She"))
        {
            return null; // "Trump questioned …" is active
        }
        var after = Tokens.In(new TextRange(verb.Range.End, sentence.Range.End));
        if (after.Count > 0 && after[0].Text is "a" or "an" or "the" or "his" or "her" or "its" or "their" or "this" or "these" or "those" or "our" or "my")
        {
            return null; // "Berg also rejected a claim by the Greens …": an object follows, so the verb is active
        }
        for (var i = 0; i < after.Count && i < 7; i++)
        {
            if (!after[i].IsWord)
            {
                return null;
            }
            if (after[i].Is("that"))
            {
                return null;
            }
            if (after[i].Is("by") && i + 1 < after.Count)
            {
                return after[i + 1].Range.Start;
            }
        }
        return null;
    }

    private void Passives(Sentence sentence, IReadOnlyList<VerbMatch> verbs, List<Draft> sentenceDrafts)
    {
        foreach (var verb in verbs)
        {
            if (PassiveAgentAt(verb, sentence) is not { } agentAt || Actors.After(agentAt, sentence, skipTitles: true) is not { } agent)
            {
                continue;
            }
            var phraseStart = Context.BoundaryBefore(verb.Range.Start, sentence);
            var span = TextTrim.Trim(Text, new TextRange(phraseStart, agent.Range.End));
            var head = Tokens.In(new TextRange(phraseStart, verb.Range.Start)).Take(3).ToList();
            var refers = head.Any(t => t.IsAny(WordLists.BackReferenceNouns))
                ? sentenceDrafts.LastOrDefault(d => d.Span.End <= phraseStart)
                : null;
            var words = refers is null ? Text[phraseStart..verb.Range.Start] : "";
            foreach (var actor in agent.Actors)
            {
                Context.Add(new Draft(actor, verb.Verb.Stance, AttributionMode.Paraphrase, span, SuggestionContext.Neutral(words),
                    $"passive '{verb.Surface} … by'; speaker {agent.Cue}" + (refers is null ? "" : $"; refers back to {refers.Actor}'s statement"),
                    refers, sentence.Paragraph, Name), sentenceDrafts);
            }
        }
    }
}
