namespace ClaimTracker.Web.Features.Importing;

public static class ImportPaths
{
    public const string AddSource = "/sources/new";

    /// <summary>Where an editor goes after an import: the source, with its suggestions waiting for review.</summary>
    public static string AfterImport(int sourceId) => $"/sources/{sourceId}";
}
