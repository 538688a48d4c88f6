using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>What a subject slot turned out to hold: one or more actors (coordinated: "X and Y said"), or a report.</summary>
internal sealed record Subject(IReadOnlyList<ActorRef> Actors, TextRange Range, string Cue, ReportRef? Report = null)
{
    public ActorRef Actor => Actors[0];
}

/// <summary>A report through which something is known ("a December Reuters report"), and its outlet when named.</summary>
internal sealed record ReportRef(string Phrase, ActorRef? Outlet);

/// <summary>
/// Who the rules' words stand for, in one place so that the rules need not know how it is split up:
/// <see cref="MentionIndex"/> (known actors' mentions), <see cref="SubjectFinder"/> (subject slots),
/// <see cref="PronounResolver"/> ("he"/"she") and <see cref="UnknownActorNamer"/> (names no known actor has).
/// It resolves who a subject slot names: a known actor by name, alias, surname or role phrase (the role's candidate
/// mentioned last wins), "he"/"she" (the last person who spoke in this or the previous sentence, else the nearest person
/// named before), "which"/"who" (the actors named just before the comma), a name no known actor has ("Maria Lopez",
/// "the Finance Ministry"), a group ("local residents") or a report ("a Reuters report").
/// </summary>
internal sealed class ActorResolver
{
    private readonly MentionIndex _mentions;
    private readonly PronounResolver _pronouns;
    private readonly SubjectFinder _subjects;

    public ActorResolver(string text, IReadOnlyList<KnownActor> known, IReadOnlyList<Quotation> quotations, IReadOnlyList<Sentence> sentences, SentenceTokens tokens)
    {
        _mentions = new MentionIndex(text, known, quotations);
        Persons = new PersonNames(text, sentences, quotations, _mentions, tokens);
        _pronouns = new PronounResolver(text, sentences, _mentions, Persons);
        var namer = new UnknownActorNamer(text, _mentions, _pronouns, Persons);
        _subjects = new SubjectFinder(text, quotations, tokens, _mentions, _pronouns, namer);
    }

    /// <summary>The people the text names who are no known actors.</summary>
    public PersonNames Persons { get; }

    public ActorMention? MentionStartingAt(int position) => _mentions.MentionStartingAt(position);

    /// <inheritdoc cref="MentionIndex.Covering"/>
    public ActorMention? Covering(int position) => _mentions.Covering(position);

    /// <inheritdoc cref="PronounResolver.GenderOf"/>
    public Gender GenderOf(ActorRef actor) => _pronouns.GenderOf(actor);

    public ActorMention? MentionEndingAt(int position) => _mentions.MentionEndingAt(position);

    /// <inheritdoc cref="MentionIndex.MentionsIn"/>
    public IEnumerable<ActorMention> MentionsIn(TextRange range) => _mentions.MentionsIn(range);

    /// <inheritdoc cref="MentionIndex.Resolve"/>
    public ActorRef Resolve(ActorMention mention) => _mentions.Resolve(mention);

    public void RecordSpeaker(int position, ActorRef actor) => _pronouns.RecordSpeaker(position, actor);

    /// <inheritdoc cref="PronounResolver.LastSpeakerIn"/>
    public ActorRef? LastSpeakerIn(TextRange range) => _pronouns.LastSpeakerIn(range);

    public Subject? Pronoun(Token t) => _pronouns.Pronoun(t);

    /// <inheritdoc cref="SubjectFinder.Before"/>
    public Subject? Before(int position, Sentence sentence) => _subjects.Before(position, sentence);

    /// <inheritdoc cref="SubjectFinder.After"/>
    public Subject? After(int position, Sentence sentence, bool skipTitles) => _subjects.After(position, sentence, skipTitles);

    /// <inheritdoc cref="SubjectFinder.UnnamedSources"/>
    public Subject? UnnamedSources(int position, Sentence sentence) => _subjects.UnnamedSources(position, sentence);

    /// <inheritdoc cref="SubjectFinder.RelativeAntecedent"/>
    public Subject? RelativeAntecedent(int position, Sentence sentence) => _subjects.RelativeAntecedent(position, sentence);

    /// <inheritdoc cref="SubjectFinder.DescribedOrganisation"/>
    public Subject? DescribedOrganisation(int position, Sentence sentence) => _subjects.DescribedOrganisation(position, sentence);

    /// <inheritdoc cref="SubjectFinder.Agent"/>
    public Subject? Agent(int position, Sentence sentence) => _subjects.Agent(position, sentence);
}
