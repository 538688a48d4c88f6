using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A reporting event: who, by which verb, with what content (before it becomes one or more suggestions).</summary>
internal sealed class ReportingEvent
{
    public required Subject Subject { get; init; }
    public required Stance Stance { get; set; }
    public AttributionMode Mode { get; set; } = AttributionMode.Paraphrase;
    public required TextRange Span { get; set; }
    public required TextRange Content { get; set; }
    public required string ClaimWords { get; set; }
    public required string Cue { get; set; }
    public int Anchor { get; init; }

    /// <summary>The base form of the reporting verb that made it ("tell" for "had told him that …"), when a verb did.</summary>
    public string? Lemma { get; set; }

    /// <summary>A report ("a Reuters report said …"): whoever speaks inside its content is known only through it.</summary>
    public ReportRef? Relays { get; set; }

    /// <summary>The claim of an earlier suggestion this one refers back to ("agreed with Trump's assessment").</summary>
    public Draft? RefersTo { get; set; }

    /// <summary>Takes up the statement made just before it in the sentence ("a pledge the minister dismissed").</summary>
    public bool RefersBack { get; init; }

    public bool Dropped { get; set; }

    /// <summary>The rule that found it, credited with the drafts it becomes.</summary>
    public required string Rule { get; init; }
}

/// <summary>A suggestion being built.</summary>
internal sealed class Draft(ActorRef actor, Stance stance, AttributionMode mode, TextRange span, string claimWords, string cue, Draft? refersTo, int paragraph, string rule)
{
    public ActorRef Actor { get; } = actor;
    public Stance Stance { get; } = stance;
    public AttributionMode Mode { get; } = mode;
    public TextRange Span { get; } = span;

    /// <summary>The words the claim is made from; both halves of a split quotation share the joined words.</summary>
    public string ClaimWords { get; set; } = claimWords;

    /// <summary>Whether <see cref="ClaimWords"/> are the speaker's own (a quotation), whose "I" and "we" are the speaker.</summary>
    public bool FirstPerson { get; set; }

    public string Cue { get; } = cue;
    public Draft? RefersTo { get; } = refersTo;
    public int Paragraph { get; } = paragraph;
    public ProposedClaim? Claim { get; set; }

    /// <summary>The rule that made it, for the evaluation.</summary>
    public string Rule { get; } = rule;
}
