using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// A quotation and its speaker: the statement it sits in, a reporting clause after or before it, a speech noun
/// ("Lopez's statement: “…”"), or whoever spoke last in the paragraph; the halves of a split quotation share one claim.
/// </summary>
internal sealed partial class QuotationRule(SuggestionContext context) : SentenceRule(context)
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
            // The innermost statement holding it: in "X said Y had told him that “…”" the words are Y's.
            ReportingEvent? container = live.Where(e => e.Content.Start <= q.Open && e.Content.End >= q.Words.End).MinBy(e => e.Content.Length);
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
            else if (!live.Any() && Context.BlockQuoteSpeaker(q, sentence) is { } block)
            {
                speakers = [block.Actor];
                cue = block.Cue;
            }
            if (speakers is null || IsNoClaim(q))
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
            // Words inside a longer statement ("the bridge was “structurally sound”", "he “would not comment”") propose
            // the claim of the statement; a quotation on its own is the speaker's own words.
            var inStatement = container is not null && (container.Content.Length > q.Outer.Length + 3 || (char.IsLower(Text[q.Words.Start]) && firstHalf is null));
            var claimWords = inStatement ? container!.Content : q.Words;
            var stance = container?.Stance ?? Stance.Asserts;
            Draft? denied = null;
            if (!inStatement && Denial().IsMatch(q.Words.Of(Text)))
            {
                // "“That is simply not true,” he said": a denial of what someone else said just before.
                denied = Context.Drafts.LastOrDefault(d => !speakers.Contains(d.Actor) && d.Span.End <= q.Open && d.Paragraph >= sentence.Paragraph - 1);
                stance = denied is null ? stance : Stance.Denies;
                cue += denied is null ? "" : $"; denies {denied.Actor}'s statement before it";
            }
            foreach (var actor in speakers)
            {
                var statement = inStatement ? sentenceDrafts.LastOrDefault(d => d.Span == container!.Span && d.Actor == actor) : denied;
                var draft = new Draft(actor, stance, relayed ? AttributionMode.Reported : AttributionMode.DirectQuote, q.Words,
                    Context.Neutral(claimWords), cue, statement, sentence.Paragraph, Name)
                {
                    FirstPerson = !inStatement,
                };
                if (firstHalf is not null && firstHalf.Actor == actor)
                {
                    // One statement in two halves: both propose the claim of the whole.
                    var first = Context.Neutral(new TextRange(firstHalf.Span.Start, firstHalf.Span.End));
                    var whole = first + (char.IsLetterOrDigit(first[^1]) ? ", " : " ") + Lowered(Context.Neutral(q.Words));
                    firstHalf.ClaimWords = whole;
                    draft.ClaimWords = whole;
                }
                Context.Add(draft, sentenceDrafts);
            }
        }
    }

    /// <summary>
    /// A question ("Will passengers see a train …?") or an order ("Ask me again in 2029") is said, but claims nothing.
    /// "Let me be clear: …" goes on to a claim, so a colon keeps it.
    /// </summary>
    private bool IsNoClaim(Quotation q)
    {
        var words = q.Words.Of(Text).TrimEnd('.', ',', '"', '”', '’');
        if (words.EndsWith('?'))
        {
            return true;
        }
        var parts = words.Split(' ', 3);
        return parts.Length > 1 && WordLists.Imperatives.Contains(parts[0]) && char.IsUpper(parts[0][0]) && !words.Contains(':')
               && parts[1] is "me" or "us" or "him" or "her" or "them" or "it" or "you" or "your" or "again" or "and" or "the" or "a" or "this" or "that";
    }

    /// <summary>The second half of a split quotation goes on the first: its capital goes unless it starts a name ("I", "Kyiv").</summary>
    private string Lowered(string words)
    {
        _nameWords ??= Context.Actors.MentionsIn(new TextRange(0, Text.Length)).Select(m => m.Surface.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var first = words.Split(' ')[0];
        var isName = first == "I" || _nameWords.Contains(first);
        return isName || words.Length < 2 || !char.IsLower(words[1]) ? words : char.ToLowerInvariant(words[0]) + words[1..];
    }

    // The first words of the names the text gives known actors, found when a split quotation first needs them.
    private HashSet<string>? _nameWords;

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

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:That|This|It)(?:['’]s| is| was)\b[^.;]{0,20}\b(?:not true|untrue|false|wrong|nonsense|a lie|rubbish|incorrect|misleading)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Denial();
}
