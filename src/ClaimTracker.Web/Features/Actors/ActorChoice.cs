namespace ClaimTracker.Web.Features.Actors;

/// <summary>An actor as a picker offers it: the id the address keeps, and the name shown.</summary>
public sealed record ActorChoice(int Id, string Name)
{
    public override string ToString() => Name;
}
