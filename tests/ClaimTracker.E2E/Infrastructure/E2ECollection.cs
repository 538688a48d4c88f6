namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// Put <c>[Collection(E2ECollection.Name)]</c> on every browser test class: they then share one
/// <see cref="E2EFixture"/> (one app server, one Chromium) and run one after another, not in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Browser";
}
