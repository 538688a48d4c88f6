namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// The base of every browser test class: xUnit makes one instance per test and disposes it when the test ends, which
/// closes the pages the test opened (<see cref="E2EFixture.CloseOpenContextsAsync"/>), passed or failed.
/// </summary>
public abstract class BrowserTest(E2EFixture app) : IAsyncLifetime
{
    /// <summary>The shared server and browser, with the helpers tests use.</summary>
    protected E2EFixture App { get; } = app;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => App.CloseOpenContextsAsync();
}
