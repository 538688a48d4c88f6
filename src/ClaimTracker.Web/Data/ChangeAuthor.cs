namespace ClaimTracker.Web.Data;

/// <summary>Who is making the changes a DbContext is about to save; written into every history entry.</summary>
public sealed record ChangeAuthor(string? UserId, string UserName)
{
    /// <summary>Changes made by the app itself: the seed, migrations of data.</summary>
    public static readonly ChangeAuthor System = new(null, "ClaimTracker (seed)");
}
