namespace ClaimTracker.Web.Features.Live;

/// <summary>A source's text was corrected: it is now <paramref name="Revision"/>, saved by <paramref name="By"/>.</summary>
public sealed record SourceChange(int SourceId, int Revision, string By);

/// <summary>
/// Tells open readers of a source that its text was corrected. A reader keeps the text it loaded, and offsets selected
/// in it would point at other words now, so it tells its reader to reload (see the reader page).
/// </summary>
public interface ISourceChangeNotifier
{
    /// <summary>Announce a correction, after it is saved.</summary>
    void Publish(SourceChange change);

    /// <summary>Listen for corrections of one source until the returned handle is disposed; marshal with <c>InvokeAsync</c>.</summary>
    IDisposable Subscribe(int sourceId, Func<SourceChange, Task> handler);
}

public sealed class InProcessSourceChangeNotifier(ILogger<InProcessSourceChangeNotifier> logger)
    : InProcessChangeNotifier<SourceChange>(change => change.SourceId, logger), ISourceChangeNotifier;
