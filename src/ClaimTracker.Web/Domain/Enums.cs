namespace ClaimTracker.Web.Domain;

public enum ActorKind
{
    Person,
    Government,
    Agency,
    Organisation,
    OfficialsGroup,
    Outlet,
}

/// <summary>An actor's position on a claim in one appearance.</summary>
public enum Stance
{
    /// <summary>States the claim as their own.</summary>
    Asserts,
    /// <summary>Agrees with a claim someone else made.</summary>
    Endorses,
    /// <summary>Says the claim is false, or rules it out.</summary>
    Denies,
    /// <summary>Publicly challenges the claim without denying it outright.</summary>
    Questions,
    /// <summary>Expresses doubt that the claim holds.</summary>
    Doubts,
}

/// <summary>How the source renders the actor's words.</summary>
public enum AttributionMode
{
    /// <summary>The actor's own words inside quotation marks.</summary>
    DirectQuote,
    /// <summary>The reporter's words for what the actor said.</summary>
    Paraphrase,
    /// <summary>Known only through someone else's report (e.g. "a December Reuters report said").</summary>
    Reported,
    /// <summary>The outlet states it in its own voice.</summary>
    Narration,
}

public enum RelationType
{
    Contradicts,
    Supports,
    Qualifies,
}

/// <summary>Editorial workflow of a claim.</summary>
public enum ClaimStatus
{
    New,
    InReview,
    VerdictDrafted,
    Published,
}

public static class StanceRules
{
    /// <summary>Stances that count against a claim in the dispute view.</summary>
    public static bool IsChallenge(this Stance stance) =>
        stance is Stance.Denies or Stance.Questions or Stance.Doubts;

    public static readonly Stance[] Challenges = [Stance.Denies, Stance.Questions, Stance.Doubts];
}
