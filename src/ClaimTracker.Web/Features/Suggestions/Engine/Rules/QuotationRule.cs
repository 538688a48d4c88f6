using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// A quotation and its speaker: the statement it sits in, a reporting clause after or before it, a speech noun
/// ("Lopez's statement: “…”"), or whoever spoke last in the paragraph; the halves of a split quotation share one claim.
/// </summary>
internal sealed class QuotationRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "quotation";

    public override void Apply(SentenceWork work)
    {
        QuotationsIn(work.Sentence, work.Events, work.Drafts);
    }

    private void QuotationsIn(Sentence sentence, List<ReportingEvent> events, List<Draft> sentenceDrafts)
    {
        foreach (var q in QuotationFinder.OpeningIn(Quotations, sentence.Range))
        {
            var live = events.Where(e => e.Subject.Actors.Count > 0 && !e.Dropped).ToList();
            IReadOnlyList<ActorRef>? speakers = null;
            string cue = "";
            ReportingEvent? container = live.FirstOrDefault(e => e.Content.Start <= q.Open && e.Content.End >= q.Words.End);
            var relayed = false;
            Draft? firstHalf = null;
            if (container is not null)
            {
                speakers = container.Subject.Actors;
                relayed = container.Mode == AttributionMode.Reported;
                cue = $"quotation inside the statement; {container.Cue}";
            }
            else if (live.FirstOrDefault(e => SentenceText.Gap(Text, q.Close, Math.Min(e.Subject.Range.Start, e.Anchor))
                                              || (e.Anchor > q.Close && IsReportingClauseOnly(q.Close, e.Anchor + 1) && e.Content.End <= q.Close + 1)) is { } follower)
            {
                speakers = follower.Subject.Actors;
                cue = $"quotation followed by its reporting clause; {follower.Cue}";
            }
            else if (ReportingClauseBefore(q, live) is { } leader)
            {
                speakers = leader.Subject.Actors;
                cue = $"quotation after its reporting clause; {leader.Cue}";
            }
            else if (SpeechNounBefore(q, sentence) is { } owner)
            {
                speakers = [Actors.Resolve(owner.Mention)];
                cue = $"quotation after '{owner.Phrase}'";
            }
            else if ((q.WordCount(Text) >= 4 || IsWholeSentence(q, sentence)) && Context.LastDraftInParagraph(sentence.Paragraph, q.Open) is { } last
                     && !live.Any())
            {
                speakers = [last.Actor];
                cue = $"quotation continuing {last.Actor}'s statement in the same paragraph";
            }
            if (speakers is null)
            {
                continue;
            }
            // “A,” he said, “B.”: the first half ended just before the reporting clause that opens this one.
            firstHalf = sentenceDrafts.LastOrDefault(d => d.Mode == AttributionMode.DirectQuote && speakers.Contains(d.Actor) && d.Span.End < q.Open
                && QuotationFinder.At(Quotations, d.Span.Start) is { } previous && IsReportingClauseOnly(previous.Close, q.Open));
            if (firstHalf is not null)
            {
                cue = "second part of a quotation split around its reporting clause; " + cue;
            }
            var claimWords = container is not null && container.Content.Length > q.Outer.Length + 3
                ? (container.Content, false)
                : (q.Words, true);
            foreach (var actor in speakers)
            {
                var draft = new Draft(actor, container?.Stance ?? Stance.Asserts, relayed ? AttributionMode.Reported : AttributionMode.DirectQuote, q.Words,
                    Context.Neutral(claimWords.Item1, actor, claimWords.Item2), cue, null, sentence.Paragraph, Name);
                if (firstHalf is not null && firstHalf.Actor == actor)
                {
                    // One statement in two halves: both propose the claim of the whole.
                    var whole = Context.Neutral(new TextRange(firstHalf.Span.Start, firstHalf.Span.End), actor, true) + " " + SentenceText.LowerFirst(Context.Neutral(q.Words, actor, true));
                    firstHalf.ClaimWords = whole;
                    draft.ClaimWords = whole;
                }
                Context.Add(draft, sentenceDrafts);
            }
        }
    }

    /// <summary>A quotation that is a sentence of its own (“Speculation helps nobody.”) is someone's words, not a scare quote.</summary>
    /// <remarks>
    /// Spans, not substrings: a substring copied the sentence around every quotation, so a paragraph of thousands of
    /// one-word quotations (a pasted JSON file) took minutes.
    /// </remarks>
    private bool IsWholeSentence(Quotation q, Sentence sentence) =>
        Text.AsSpan()[sentence.Range.Start..q.Open].IsWhiteSpace() && Text.AsSpan()[q.Close..sentence.Range.End].IsWhiteSpace();

    private bool IsReportingClauseOnly(int from, int to)
    {
        var between = Text[from..to];
        var words = between.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= 10 && !between.Any(c => c is '.' or ';' or '!' or '?' or '"' or '“' or '”')
               && ReportingVerbLexicon.Find(Text, new TextRange(from, to), Quotations).Count > 0;
    }

    private ReportingEvent? ReportingClauseBefore(Quotation q, List<ReportingEvent> live)
    {
        foreach (var e in live)
        {
            var clauseEnd = Math.Max(e.Subject.Range.End, e.Anchor);
            var verbEnd = Text.IndexOfAny([' ', ',', ':', '.'], clauseEnd);
            if (verbEnd < 0 || verbEnd > q.Open)
            {
                continue;
            }
            if (SentenceText.Gap(Text, verbEnd, q.Open))
            {
                return e;
            }
            // "Dahl said in a televised interview, “and it is not …”": a short adjunct between clause and quotation.
            var between = Text[verbEnd..q.Open].Trim();
            if (between.EndsWith(',') && between.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6
                && !between.TrimEnd(',').Any(c => c is ',' or '.' or '"' or '“' or '”' or ';'))
            {
                return e;
            }
        }
        return null;
    }

    private (ActorMention Mention, string Phrase)? SpeechNounBefore(Quotation q, Sentence sentence)
    {
        foreach (var m in Actors.MentionsIn(new TextRange(sentence.Range.Start, q.Open)).Where(m => m.Possessive && m.Range.Start >= sentence.Range.Start && m.Range.End < q.Open))
        {
            var between = Tokens.In(new TextRange(m.Range.End, q.Open)).Where(t => t.IsWord && t.Text != "s").ToList();
            if (between.Count is > 0 and <= 4 && between.Take(3).Any(t => t.IsAny(WordLists.SpeechNouns)))
            {
                return (m, Text[m.Range.Start..q.Open].Trim());
            }
        }
        return null;
    }
}
