namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// Put <c>[Collection(E2ECollection.Name)]</c> or <c>[Collection(E2ECollection.SecondName)]</c> on every browser test
/// class. Each collection has one <see cref="E2EFixture"/> (one app server and database, one Chromium) and runs its
/// classes one after another; the two collections run side by side. A browser test spends most of its time waiting
/// for a page to reach a state, so two of them share the machine's two cores well and the suite takes about half as
/// long. New classes go to whichever collection is shorter (the run's .trx gives each test's duration).
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Browser";

    public const string SecondName = "Browser, second server";
}

/// <summary>The second of the two browser collections (see <see cref="E2ECollection"/>).</summary>
[CollectionDefinition(E2ECollection.SecondName)]
public sealed class E2ESecondCollection : ICollectionFixture<E2EFixture>;
