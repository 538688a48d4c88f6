namespace ClaimTracker.Web.Data.Seeding;

/// <summary>The seed data is wrong; the message names every bad entry so it can be fixed by hand.</summary>
public sealed class SeedDataException(string seedFile, IReadOnlyList<string> problems)
    : Exception($"The seed data in {seedFile} is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
