using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// "he"/"she": the last person who spoke in this or the previous sentence, else the nearest person named before who
/// can be that person (a known actor, or a person the text names, <see cref="PersonNames"/>), by the gender their record
/// or the text shows. A "she" that can only be one person tells that person's gender from then on.
/// </summary>
internal sealed class PronounResolver(string text, IReadOnlyList<Sentence> sentences, MentionIndex mentions, PersonNames persons)
{
    private readonly string _text = text;
    private readonly IReadOnlyList<Sentence> _sentences = sentences;
    private readonly MentionIndex _mentions = mentions;
    private readonly PersonNames _persons = persons;
    private readonly List<(int Position, ActorRef Actor)> _speakers = [];

    // The furthest position recorded among _speakers[0..k]: a backward search for a recent speaker stops where it
    // drops below the sentences it looks at, instead of going through everyone who spoke since the text began.
    private readonly List<int> _speakersReach = [];
    private readonly Dictionary<ActorRef, Gender> _genders = [];

    // For "he"/"she", the nearest mention at or before each one that can be that person (see LastFitting).
    private readonly Dictionary<Gender, int[]> _lastFitting = [];

    public void RecordSpeaker(int position, ActorRef actor)
    {
        _speakers.Add((position, actor));
        _speakersReach.Add(_speakersReach.Count == 0 ? position : Math.Max(position, _speakersReach[^1]));
    }

    /// <summary>Who was last found speaking (a reporting verb's subject) inside <paramref name="range"/>.</summary>
    public ActorRef? LastSpeakerIn(TextRange range)
    {
        for (var k = _speakers.Count - 1; k >= 0 && _speakersReach[k] >= range.Start; k--)
        {
            if (range.Contains(_speakers[k].Position))
            {
                return _speakers[k].Actor;
            }
        }
        return null;
    }

    public Subject? Pronoun(Token t)
    {
        var gender = t.Is("she") ? Gender.Female : Gender.Male;
        var actor = ResolvePronoun(t.Range.Start, gender);
        if (actor is not null && GenderOf(actor) == Gender.Unknown)
        {
            _genders[actor] = gender;
        }
        return actor is null ? null : new Subject([actor], t.Range, $"'{t.Text}' resolved to {actor.Name}");
    }

    /// <summary>"he"/"she": the last person who spoke in this or the previous sentence, else the nearest person named before.</summary>
    public ActorRef? ResolvePronoun(int position, Gender gender)
    {
        bool Fits(ActorRef a) => a.IsPerson && GenderOf(a) is var g && (g == Gender.Unknown || g == gender);
        var sentence = SentenceAt(position);
        var floor = sentence is null ? 0 : _sentences[Math.Max(0, sentence.Index - 1)].Range.Start;
        for (var k = _speakers.Count - 1; k >= 0 && _speakersReach[k] >= floor; k--)
        {
            var (at, actor) = _speakers[k];
            if (at < position && at >= floor && Fits(actor))
            {
                return actor;
            }
        }
        var last = _mentions.LastMentionEndingBy(position);
        ActorMention? known = last >= 0 && LastFitting(gender, Fits)[last] is var fitting and >= 0 ? _mentions.Mentions[fitting] : null;
        // A person the text names who is no known actor, when named after the nearest known one.
        var looked = 0;
        foreach (var (range, person) in _persons.Before(position))
        {
            if ((known is not null && range.Start <= known.Range.Start) || ++looked > 50)
            {
                break;
            }
            if (range.End <= position && Fits(person))
            {
                return person;
            }
        }
        if (known is not null)
        {
            return _mentions.Resolve(known);
        }
        for (var k = _speakers.Count - 1; k >= 0; k--)
        {
            if (_speakers[k].Position < position && Fits(_speakers[k].Actor))
            {
                return _speakers[k].Actor;
            }
        }
        return null;
    }

    /// <summary>The last sentence starting at or before <paramref name="position"/> (sentences are in text order).</summary>
    private Sentence? SentenceAt(int position)
    {
        var after = InTextOrder.FirstIndex(_sentences, s => s.Range.Start > position);
        return after > 0 ? _sentences[after - 1] : null;
    }

    /// <summary>
    /// For each mention, the index of the last mention at or before it whose actor <paramref name="fits"/> a pronoun of
    /// <paramref name="gender"/>, or -1. Mentions only name known actors, whose gender does not depend on what the rules
    /// found so far, so this holds for the whole run.
    /// </summary>
    private int[] LastFitting(Gender gender, Func<ActorRef, bool> fits)
    {
        if (!_lastFitting.TryGetValue(gender, out var last))
        {
            last = new int[_mentions.Mentions.Count];
            for (var k = 0; k < _mentions.Mentions.Count; k++)
            {
                last[k] = fits(_mentions.Resolve(_mentions.Mentions[k])) ? k : k > 0 ? last[k - 1] : -1;
            }
            _lastFitting[gender] = last;
        }
        return last;
    }

    /// <summary>A person's gender as the record or the text shows it (title or role word before a mention, first name).</summary>
    public Gender GenderOf(ActorRef actor)
    {
        if (_genders.TryGetValue(actor, out var known))
        {
            return known;
        }
        var gender = GenderHints.FromRole(actor.Known?.Role);
        if (gender == Gender.Unknown)
        {
            foreach (var m in _mentions.NamingOf(actor))
            {
                var before = ReportingVerbLexicon.WordBefore(_text, m.Range.Start, Math.Max(0, m.Range.Start - 20));
                if (before is not null && GenderHints.FromWord(before) is var g && g != Gender.Unknown && before.Length > 1 && char.IsUpper(before[0]))
                {
                    gender = g;
                    break;
                }
            }
        }
        if (gender == Gender.Unknown)
        {
            gender = GenderHints.FromFirstName(actor.Name);
        }
        _genders[actor] = gender;
        return gender;
    }

    public static bool IsPronoun(Token t) => t.Text is "he" or "He" or "she" or "She";

    /// <summary>A gender the text shows where it names someone new ("Ms. Maria Lopez"), unless one is known already.</summary>
    public void NoteGender(ActorRef actor, Gender gender) => _genders.TryAdd(actor, gender);
}
