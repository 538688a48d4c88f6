using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Makes a suggestion's words a claim that stands on its own, once everything in the text has been read (so that a
/// "she" found later still tells a speaker's gender). In a quotation the speaker's "I" and "we" become their name and
/// the verb agrees ("We have been patient" by Jensen → "Jensen has been patient"), a spokesperson's "we" is the
/// organisation ("we cannot pay" → "Nordhav cannot pay"), "our" is the organisation's when the speaker speaks for one
/// ("our members" by the chamber's president → "the chamber's members"), and later mentions become pronouns. In reported
/// words a leading "he", "it", "they" or "its" becomes the speaker, and a person's "it" the organisation named just
/// before ("It had refused to negotiate" said by Jensen → "Nordhav had refused to negotiate").
/// </summary>
internal sealed partial class ClaimWording(SuggestionContext context)
{
    // What a singular third-person subject makes of the verb after "we" or "I".
    private static readonly Dictionary<string, string> Agreeing = new(StringComparer.Ordinal)
    {
        ["am"] = "is",
        ["are"] = "is",
        ["have"] = "has",
        ["were"] = "was",
        ["do"] = "does",
        ["don't"] = "doesn't",
        ["don’t"] = "doesn’t",
        ["haven't"] = "hasn't",
        ["haven’t"] = "hasn’t",
        ["aren't"] = "isn't",
        ["aren’t"] = "isn’t",
        ["weren't"] = "wasn't",
        ["weren’t"] = "wasn’t",
    };

    // Forms that are the same for every subject.
    private static readonly HashSet<string> Invariant = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "would", "can", "could", "should", "shall", "may", "might", "must", "had", "did", "was", "cannot", "won't",
        "won’t", "can't", "can’t", "wouldn't", "wouldn’t", "couldn't", "couldn’t", "shouldn't", "shouldn’t", "didn't",
        "didn’t", "hadn't", "hadn’t", "wasn't", "wasn’t", "the", "a", "an", "to", "in", "on", "for", "with", "at", "by",
        "as", "of", "and", "or", "but", "that", "this", "there", "here", "is", "has", "does",
    };

    public string Finish(Draft draft) => Finish(draft.ClaimWords, draft.Actor, draft.FirstPerson, draft.Span.Start);

    public string Finish(string words, ActorRef speaker, bool firstPerson, int position)
    {
        var s = words;
        s = firstPerson ? FirstPerson(s, speaker) : Reported(s, speaker, position);
        return UnknownActorNamer.Capitalise(s.Trim());
    }

    /// <summary>How a claim names an actor: the short name, with "the" before an organisation's description ("the Ministry of Transport").</summary>
    public static string NameOf(ActorRef actor)
    {
        var name = actor.ShortName;
        if (actor.IsPerson || name.StartsWith("the ", StringComparison.OrdinalIgnoreCase) || actor.IsPlural)
        {
            return name;
        }
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var needsArticle = name.Contains(" of ", StringComparison.Ordinal) || (words.Length > 1 && WordLists.ArticleHeads.Contains(words[^1].TrimEnd('.')));
        if (!needsArticle)
        {
            return name;
        }
        // "Coalition government" is a description: "the coalition government"; "Green Party" is a name: "the Green Party".
        var described = char.IsLower(words[^1][0]) && words[0].Length > 1 && char.IsLower(words[0][1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
        return "the " + described;
    }

    private string FirstPerson(string s, ActorRef speaker)
    {
        s = LeadingConjunction().Replace(s, "", 1);
        var framed = Framing().Match(s);
        if (framed.Success)
        {
            // "What I can tell you is that the tunnel will be safe": the claim is what follows.
            s = s[framed.Length..];
        }
        var referent = speaker.IsSpokesperson && speaker.SpeaksFor is { } organisation ? organisation : speaker;
        var owner = speaker.SpeaksFor ?? speaker;
        var lead = LeadingFirstPerson().Match(s);
        ActorRef? named = null;
        if (lead.Success)
        {
            var isI = lead.Groups["pro"].Value == "I";
            named = isI ? speaker : referent;
            var verb = lead.Groups["verb"].Value.Length > 0 ? Contracted(lead.Groups["verb"].Value) : null;
            var rest = s[lead.Length..];
            var singular = isI || !named.IsPlural;
            s = NameOf(named) + (verb is null ? Agree(rest, singular) : " " + (singular ? Agreeing.GetValueOrDefault(verb, verb) : verb) + rest);
        }
        var at = 0;
        for (var m = FirstPersonLater().Match(s); m.Success; m = FirstPersonLater().Match(s, at))
        {
            var lower = m.Value.ToLowerInvariant();
            var who = lower is "my" or "me" or "myself" or "i" ? speaker : lower is "our" ? owner : referent;
            if (lower is "we" or "us" or "ourselves" && named is null)
            {
                at = m.Index + m.Length; // "the price increases we see": a "we" of everyone, unless the speaker opened as "we"
                continue;
            }
            var replacement = lower switch
            {
                "i" or "we" => Pronoun(who, named, PronounCase.Subject),
                "me" or "us" => Pronoun(who, named, PronounCase.Object),
                "my" or "our" => Pronoun(who, named, PronounCase.Possessive),
                _ => Pronoun(who, named, PronounCase.Reflexive),
            };
            var rest = s[(m.Index + m.Length)..];
            if (lower is "i" or "we" && (lower == "i" || !who.IsPlural))
            {
                rest = Agree(rest, singular: true); // "everything we know" → "everything she knows"
            }
            s = s[..m.Index] + replacement + rest;
            at = m.Index + replacement.Length;
        }
        return s;
    }

    private string Reported(string s, ActorRef speaker, int position)
    {
        var lead = LeadingThirdPerson().Match(s);
        if (!lead.Success)
        {
            return s;
        }
        var word = lead.Groups["pro"].Value.ToLowerInvariant();
        ActorRef? who = word switch
        {
            "he" or "she" or "his" or "her" => speaker.IsPerson ? speaker : null,
            "it" or "its" => !speaker.IsPerson && !speaker.IsPlural ? speaker : speaker.IsPerson ? OrganisationBefore(position, speaker) : null,
            _ => speaker.IsPlural ? speaker : null,
        };
        if (who is null)
        {
            return s;
        }
        var possessive = word is "his" or "her" or "its" or "their";
        return NameOf(who) + (possessive ? "'s" : "") + s[lead.Groups["pro"].Length..];
    }

    /// <summary>The organisation named last before a person's "it" (in this sentence or the one before), other than whom they speak for.</summary>
    private ActorRef? OrganisationBefore(int position, ActorRef speaker)
    {
        var sentence = context.Sentences[InTextOrder.FirstIndex(context.Sentences, x => x.Range.Start > position) - 1];
        var floor = context.Sentences[Math.Max(0, sentence.Index - 1)].Range.Start;
        foreach (var m in context.Actors.MentionsIn(new TextRange(floor, position)).Reverse())
        {
            var actor = context.Actors.Resolve(m);
            if (!actor.IsPerson && !actor.IsPlural && actor != speaker.SpeaksFor)
            {
                return actor;
            }
        }
        return null;
    }

    private enum PronounCase
    {
        Subject,
        Object,
        Possessive,
        Reflexive,
    }

    /// <summary>A pronoun for an actor already named as the subject; else the actor's name again.</summary>
    private string Pronoun(ActorRef who, ActorRef? named, PronounCase form)
    {
        if (who != named)
        {
            return form == PronounCase.Possessive ? NameOf(who) + "'s" : NameOf(who);
        }
        var set = who.IsPerson
            ? context.Actors.GenderOf(who) switch
            {
                Gender.Male => new[] { "he", "him", "his", "himself" },
                Gender.Female => ["she", "her", "her", "herself"],
                _ => null,
            }
            : who.IsPlural ? ["they", "them", "their", "themselves"] : ["it", "it", "its", "itself"];
        if (set is null)
        {
            return form == PronounCase.Possessive ? NameOf(who) + "'s" : NameOf(who);
        }
        return set[(int)form];
    }

    /// <summary>The verb after a new singular subject agrees with it: "have been" → "has been", "support" → "supports".</summary>
    private static string Agree(string rest, bool singular)
    {
        if (!singular)
        {
            return rest;
        }
        var m = VerbAfterSubject().Match(rest);
        if (!m.Success)
        {
            return rest;
        }
        var verb = m.Groups["verb"].Value;
        string agreed;
        if (Agreeing.TryGetValue(verb, out var form))
        {
            agreed = form;
        }
        else if (Invariant.Contains(verb) || verb.EndsWith("ed", StringComparison.Ordinal) || !verb.All(char.IsLower))
        {
            return rest;
        }
        else
        {
            agreed = verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal)
                     || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith('o') ? verb + "es"
                : verb.Length > 2 && verb.EndsWith('y') && !"aeiou".Contains(verb[^2]) ? verb[..^1] + "ies"
                : verb + "s";
        }
        return rest[..m.Groups["verb"].Index] + agreed + rest[(m.Groups["verb"].Index + verb.Length)..];
    }

    private static string Contracted(string verb) => verb.TrimStart('\'', '’') switch
    {
        "m" => "am",
        "re" => "are",
        "ve" => "have",
        "ll" => "will",
        "d" => "would",
        var other => other,
    };

    [GeneratedRegex(@"^(?:But|And|So|Yet|Still),?\s+")]
    private static partial Regex LeadingConjunction();

    [GeneratedRegex(@"^(?:What I can (?:tell|say to) you is(?: that)?|I can (?:tell|assure) you(?: that)?|Let me be clear:|To be clear,)\s+")]
    private static partial Regex Framing();

    [GeneratedRegex(@"^(?<pro>I|[Ww]e)(?<verb>['’](?:m|re|ve|ll|d))?\b(?!['’])")]
    private static partial Regex LeadingFirstPerson();

    [GeneratedRegex(@"(?<![\w'’])(?:I|[Ww]e|[Uu]s|[Mm]e|[Mm]y|[Oo]ur|[Mm]yself|[Oo]urselves)(?![\w'’])")]
    private static partial Regex FirstPersonLater();

    [GeneratedRegex(@"^(?<pro>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\b(?!['’])")]
    private static partial Regex LeadingThirdPerson();

    [GeneratedRegex(@"^\s+(?:(?:just|only|never|also|still|really|always|already|simply|certainly|all|now|even|actually|truly|definitely|both|clearly|fully|absolutely)\s+)*(?<verb>[\p{L}'’]+)")]
    private static partial Regex VerbAfterSubject();
}
