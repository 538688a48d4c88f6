using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>"According to X, …" and "…, according to X": a known actor, a name, unnamed sources or a report.</summary>
internal sealed class AccordingToRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "according to";

    public override void Apply(SentenceWork work)
    {
        work.Events.AddRange(AccordingTo(work.Sentence, work.Events));
    }

    private IEnumerable<ReportingEvent> AccordingTo(Sentence sentence, List<ReportingEvent> events)
    {
        const string Phrase = "ccording to ";
        var at = sentence.Range.Start;
        // Only as far as a phrase can start inside the sentence: searching on to the end of the text for each sentence
        // made long texts quadratic.
        var searchEnd = Math.Min(Text.Length, sentence.Range.End + Phrase.Length - 1);
        while (at <= searchEnd && (at = Text.IndexOf(Phrase, at, searchEnd - at, StringComparison.Ordinal)) >= 0 && at < sentence.Range.End)
        {
            var phraseStart = at - 1;
            at += 12;
            if (phraseStart < sentence.Range.Start || Text[phraseStart] is not ('a' or 'A') || QuotationFinder.At(Quotations, phraseStart) is not null)
            {
                continue;
            }
            var who = AccordingToSource(at, sentence);
            if (who is null)
            {
                continue;
            }
            TextRange content;
            var fromStart = Text[sentence.Range.Start..phraseStart].Trim().Length == 0;
            if (fromStart)
            {
                var comma = Text.IndexOf(',', who.Range.End);
                if (comma < 0 || comma >= sentence.Range.End)
                {
                    continue;
                }
                if (Clauses.StartsWithWords(comma + 1, "which") || Clauses.StartsWithWords(comma + 1, "who"))
                {
                    // "According to the report, which was prepared by Halden & Price and …, 14 cables …":
                    // the content starts after the relative clause, and its author is the one who says it.
                    var closing = Text.IndexOf(',', comma + 1);
                    if (closing < 0 || closing >= sentence.Range.End)
                    {
                        continue;
                    }
                    var by = Text.IndexOf(" by ", comma, closing - comma, StringComparison.Ordinal);
                    if (by >= 0 && who.Report is not null && Actors.Agent(by + 4, sentence) is { } author)
                    {
                        who = author with { Cue = $"{author.Cue}, author of '{who.Report.Phrase}'" };
                    }
                    comma = closing;
                }
                var s = comma + 1;
                content = new TextRange(s, Clauses.EndFrom(s, sentence));
            }
            else
            {
                var before = Text[sentence.Range.Start..phraseStart].TrimEnd();
                if (!before.EndsWith(','))
                {
                    continue;
                }
                var floor = events.Where(e => e.Content.End <= phraseStart).Select(e => e.Content.End).DefaultIfEmpty(sentence.Range.Start).Max();
                content = TextTrim.Trim(Text, new TextRange(floor, sentence.Range.Start + before.Length));
            }
            content = TextTrim.Trim(Text, content);
            if (content.Length == 0)
            {
                continue;
            }
            yield return new ReportingEvent
            {
                Rule = Name,
                Subject = who,
                Stance = Stance.Asserts,
                Span = content,
                Content = content,
                ClaimWords = content.Of(Text),
                Cue = $"'according to' {who.Cue}",
                Anchor = phraseStart,
                Relays = who.Report,
                Mode = AttributionMode.Paraphrase,
            };
        }
    }

    private Subject? AccordingToSource(int position, Sentence sentence)
    {
        var tokens = Tokens.In(new TextRange(position, sentence.Range.End));
        if (Figures(tokens, sentence) is { } source)
        {
            return source;
        }
        for (var k = 0; k < tokens.Count && k < 5; k++)
        {
            if (!tokens[k].IsWord)
            {
                break;
            }
            if (tokens[k].IsAny(WordLists.ReportNouns))
            {
                var range = new TextRange(tokens[0].Range.Start, tokens[k].Range.End);
                ActorRef? outlet = null;
                // "a report by the Gazette", "a report in The Herald"
                if (k + 2 < tokens.Count && (tokens[k + 1].Is("by") || tokens[k + 1].Is("in") || tokens[k + 1].Is("from")))
                {
                    var by = Actors.After(tokens[k + 2].Range.Start, sentence, skipTitles: true);
                    if (by is not null)
                    {
                        outlet = by.Actor;
                        range = new TextRange(range.Start, by.Range.End);
                    }
                }
                foreach (var m in Actors.MentionsIn(range).Where(m => range.Contains(m.Range)))
                {
                    outlet ??= Actors.Resolve(m);
                }
                var phrase = range.Of(Text);
                return new Subject(outlet is null ? [] : [outlet], range, $"'{phrase}'", new ReportRef(phrase, outlet));
            }
        }
        // A known actor or a name; unnamed sources ("two officials familiar with the talks"); an organisation named by
        // a description ("the regional chamber of commerce", which no capitalised name gave away).
        return Actors.After(position, sentence, skipTitles: true) ?? Actors.UnnamedSources(position, sentence)
               ?? Actors.DescribedOrganisation(position, sentence);
    }

    /// <summary>"figures from the Tarsund Port Authority", "data published by …": whoever the figures come from says them.</summary>
    private Subject? Figures(List<Token> tokens, Sentence sentence)
    {
        if (tokens.Count < 3 || !tokens[0].IsAny(WordLists.DataNouns))
        {
            return null;
        }
        var k = tokens[1].Is("published") || tokens[1].Is("released") || tokens[1].Is("compiled") ? 2 : 1;
        if (k + 1 >= tokens.Count || !(tokens[k].Is("from") || tokens[k].Is("by") || tokens[k].Is("of")))
        {
            return null;
        }
        var at = tokens[k + 1].Range.Start;
        var source = Actors.Agent(at, sentence) ?? Actors.DescribedOrganisation(at, sentence);
        return source is null ? null : source with { Cue = $"'{Text[tokens[0].Range.Start..tokens[k].Range.End]}' {source.Cue}" };
    }
}
