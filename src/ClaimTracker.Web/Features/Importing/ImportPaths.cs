namespace ClaimTracker.Web.Features.Importing;

public static class ImportPaths
{
    public const string AddSource = "/sources/new";

    /// <summary>
    /// Where an editor goes after an import: straight into the review queue when the engine proposed anything,
    /// else the source itself, to record statements by hand.
    /// </summary>
    public static string AfterImport(int sourceId, int suggestionCount) =>
        suggestionCount > 0 ? $"/sources/{sourceId}/review" : $"/sources/{sourceId}";
}
