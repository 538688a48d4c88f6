namespace ClaimTracker.E2E.Infrastructure;

/// <summary>The folder holding ClaimTracker.sln, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ClaimTracker.sln above {AppContext.BaseDirectory}.");
    }
}
