using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// A reporting verb with its speaker and what they said: "X said that …", "…, X said.", "said X", "X rejected the
/// claim", "X and Y argue …", a second clause of the same verb ("and that …"), a stance verb with nothing after it.
/// </summary>
internal sealed partial class ReportingVerbRule(SuggestionContext context, PassiveRule passives) : SentenceRule(context)
{
    public override string Name => "reporting verb";

    public override void Apply(SentenceWork work)
    {
        foreach (var verb in work.Verbs)
        {
            if (work.Events.Any(e => e.Anchor == verb.Range.Start))
            {
                continue;
            }
            var e = FromVerb(verb, work.Sentence, work.Events);
            if (e is not null)
            {
                e.ForEach(ev => ev.Lemma = verb.Verb.Lemma);
                work.Events.AddRange(e);
            }
        }
    }

    private List<ReportingEvent>? FromVerb(VerbMatch verb, Sentence sentence, List<ReportingEvent> earlier)
    {
        if (passives.IsPassive(verb, sentence))
        {
            return null; // handled by Passives, which needs the suggestions made before it
        }
        if (verb.Verb.Lemma == "tell" && ReportingVerbLexicon.WordBefore(Text, verb.Range.Start, sentence.Range.Start) is { } aux
            && aux is "been" or "was" or "were" or "being" or "is" or "are" or "be")
        {
            return null; // "residents have been told …": the subject is the listener, the speaker is not named
        }
        var inverted = InvertedSubject(verb, sentence);
        var subject = inverted ?? Actors.Before(verb.Range.Start, sentence);
        var how = inverted is not null ? "inverted" : "before";
        if (subject is null && (verb.IsParticiple || PrecededByConjunction(verb)))
        {
            // "…, saying only that", "citing X and insisting Y": the speaker of the main clause.
            subject = earlier.LastOrDefault(e => e.Subject.Actors.Count > 0)?.Subject ?? Actors.RelativeAntecedent(verb.Range.Start, sentence)
                      ?? MainSubject(sentence);
            how = "main";
        }
        if (subject is null)
        {
            return null;
        }
        foreach (var actor in subject.Actors)
        {
            // Known as a speaker from here on, so that "said she doubted" finds her within the same sentence.
            Actors.RecordSpeaker(subject.Range.Start, actor);
        }
        var viaThat = false;
        var stance = verb.Verb.Stance;
        var negated = Negated(subject, verb);
        if (negated is not null)
        {
            if (stance is Stance.Asserts)
            {
                return null; // "declined to say", "did not say": nothing was claimed
            }
            stance = stance is Stance.Endorses ? Stance.Denies : Stance.Asserts;
        }
        var cue = $"reporting verb '{verb.Surface}'" + (negated is null ? "" : $" negated by '{negated}'")
                  + $"; speaker {Speaker(subject)}" + (how == "main" ? " (subject of the main clause)" : "");

        var start = inverted is not null ? null : Clauses.StartAfter(verb, sentence, out viaThat);
        if (start is null || ClauseIsEmpty(start.Value, sentence) || (!viaThat && IsOnlyAdjunct(start.Value, sentence))
            || (verb.Verb.Lemma == "tell" && !viaThat && !IsOpeningQuoteAt(start.Value)))
        {
            return ReportingClauseAround(verb, subject, stance, cue, sentence, earlier, inverted is not null)
                   ?? BareStance(verb, subject, stance, cue, sentence);
        }
        var end = Clauses.EndFrom(start.Value, sentence);
        if (end <= start.Value)
        {
            return null;
        }
        var content = new TextRange(start.Value, end);
        if (verb.Verb.Lemma == "report" && !viaThat && !IsOpeningQuoteAt(start.Value) && !Clauses.HasFiniteVerb(content))
        {
            return null; // "families had reported discoloured water": what was reported is a thing seen, not a statement
        }
        var isObject = !viaThat && verb.Verb.Takes(Complement.Object) && !IsOpeningQuoteAt(start.Value);
        var span = content;
        Draft? refersTo = null;
        var refersBack = false;
        if (isObject)
        {
            // "has repeatedly ruled out giving up any territory": the verb phrase carries a denial.
            span = new TextRange(VerbGroupStart(subject, verb), end);
            refersTo = BackReference(content, stance);
            var phraseStart = Context.BoundaryBefore(subject.Range.Start, sentence);
            var head = Tokens.In(new TextRange(phraseStart, subject.Range.Start)).Where(t => t.IsWord).ToList();
            if (phraseStart > sentence.Range.Start && head.Count is >= 2 and <= 3 && (head[0].Is("a") || head[0].Is("an"))
                && head.Any(t => t.IsAny(WordLists.BackReferenceNouns)))
            {
                // "…, a proposal the mayor dismissed as premature": what is dismissed is the statement just made.
                span = TextTrim.Trim(Text, new TextRange(phraseStart, end));
                refersBack = true;
                cue += $"; '{Text[phraseStart..subject.Range.Start].Trim()}' refers back to the statement before it";
            }
        }
        if (!isObject && stance == Stance.Denies && Tokens.In(content) is { Count: >= 3 } said && said[0].Is("any") && said[1].Is("such"))
        {
            // "denied that any such meeting had taken place": the denial is of what was said just before.
            refersTo = Context.Drafts.LastOrDefault(d => d.Span.End <= content.Start && !subject.Actors.Contains(d.Actor));
        }
        var claimWords = content.Of(Text);
        if (isObject && refersTo is null && !refersBack && ObjectClaims.ThatClause(content.Of(Text)) is { } held)
        {
            claimWords = held; // "rejected a claim by the Greens that the ministry had been warned"
        }
        else if (isObject && refersTo is null && !refersBack && !Clauses.HasFiniteVerb(content))
        {
            // An object is no claim by itself ("both sides to return to the table"): a sentence is made of it, or nothing is proposed.
            if (ObjectClaim(verb, stance, subject, content, sentence) is not { } rewritten)
            {
                return null;
            }
            (claimWords, stance) = rewritten;
        }
        else if (verb.Verb.Lemma == "tell" && Clauses.StartsWithWords(content.Start, "to") && Listener(verb, content) is { } listener)
        {
            // "told customers on Thursday to change their passwords" → "Customers should change their passwords".
            claimWords = listener + " should " + Text[(content.Start + 3)..content.End];
        }
        var events = new List<ReportingEvent>
        {
            new()
            {
                Rule = Name,
                Subject = subject, Stance = stance, Span = span, Content = content, ClaimWords = claimWords, Cue = cue,
                Anchor = verb.Range.Start, RefersTo = refersTo, Relays = subject.Report, RefersBack = refersBack,
            },
        };
        // "asserted that X, and that Y": a second content clause of the same verb.
        var from = end;
        while (Clauses.SiblingAfter(from, sentence) is { } sibling && !earlier.Any(e => e.Content.Start == sibling))
        {
            var siblingEnd = Clauses.EndFrom(sibling, sentence);
            if (siblingEnd <= sibling)
            {
                break;
            }
            var r = new TextRange(sibling, siblingEnd);
            events.Add(new ReportingEvent
            {
                Rule = Name,
                Subject = subject,
                Stance = stance,
                Span = r,
                Content = r,
                ClaimWords = r.Of(Text),
                Cue = cue + (Text[from..sibling].Contains(':') ? "; second clause after the colon" : "; second clause after 'and that'"),
                Anchor = verb.Range.Start,
                Relays = subject.Report,
            });
            from = siblingEnd;
        }
        return events;
    }

    /// <summary>
    /// The claim an object makes (<see cref="ObjectClaims"/>), or one the same head noun names earlier in the paragraph:
    /// "the employers had rejected the freeze" after "a freeze on automation until 2028" → "There should be a freeze on
    /// automation until 2028". Null when there is none.
    /// </summary>
    private (string, Stance)? ObjectClaim(VerbMatch verb, Stance stance, Subject subject, TextRange content, Sentence sentence)
    {
        var words = Context.Neutral(content);
        if (char.IsLower(Text[content.Start]) && words.Length > 1)
        {
            words = char.ToLowerInvariant(words[0]) + words[1..];
        }
        if (ObjectClaims.Rewrite(verb.Verb.Lemma, stance, words, ClaimWording.NameOf(subject.Actor)) is { } made)
        {
            return made;
        }
        var tokens = Tokens.In(content).Where(t => t.IsWord).ToList();
        if (stance is not (Stance.Denies or Stance.Endorses) || tokens.Count is < 2 or > 3 || !(tokens[0].Is("the") || tokens[0].Is("this") || tokens[0].Is("that")))
        {
            return null;
        }
        // Within the paragraph, and not far back: a copy of a whole long paragraph per object would make long texts quadratic.
        var earlier = Text[Math.Max(Context.Paragraphs[sentence.Paragraph].Start, content.Start - 2000)..content.Start];
        var at = earlier.LastIndexOf(" a " + tokens[^1].Text, StringComparison.OrdinalIgnoreCase);
        at = at >= 0 ? at : earlier.LastIndexOf(" an " + tokens[^1].Text, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }
        var np = earlier[(at + 1)..];
        var stop = np.IndexOfAny([',', ';', '.', '—']);
        np = stop > 0 ? np[..stop] : np;
        return ($"There should be {np.Trim()}", stance);
    }

    /// <summary>Who was told: the words between "told" and "to", without a time ("customers on Thursday" → "Customers"); null for a pronoun.</summary>
    private string? Listener(VerbMatch verb, TextRange content)
    {
        var words = Tokens.In(new TextRange(verb.Range.End, content.Start)).TakeWhile(t => t.IsWord && !t.IsAny(WordLists.Prepositions)).ToList();
        if (words.Count == 0 || words[0].Text is "him" or "her" or "them" or "us" or "me" or "it")
        {
            return null;
        }
        return Context.Neutral(new TextRange(words[0].Range.Start, words[^1].Range.End));
    }

    /// <summary>"said in a statement.", "told a packed council meeting.": only an adjunct follows the verb.</summary>
    private bool IsOnlyAdjunct(int start, Sentence sentence)
    {
        var end = Clauses.EndFrom(start, sentence);
        var tokens = Tokens.In(new TextRange(start, Math.Max(start, end))).Where(t => t.IsWord).ToList();
        // "in a statement" (up to six words), or "in a video posted to the company's website" (preposition + article).
        var limit = tokens.Count > 1 && (tokens[1].Is("a") || tokens[1].Is("an") || tokens[1].Is("the")) ? 12 : 6;
        return tokens.Count > 0 && tokens.Count <= limit && tokens[0].IsAny(WordLists.Prepositions)
               && !tokens.Any(t => t.Is("that") || QuotationFinder.At(Quotations, t.Range.Start) is not null);
    }
}
