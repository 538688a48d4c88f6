using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Data;

/// <summary>Who is making the changes a DbContext is about to save; written into every history entry.</summary>
public sealed record ChangeAuthor(string? UserId, string UserName)
{
    /// <summary>Changes made by the app itself: the seed, migrations of data.</summary>
    public static readonly ChangeAuthor System = new(null, "ClaimTracker (seed)");

    /// <summary>A history entry signed by this author: what happened to which record, when, and its values before and after.</summary>
    public AuditEntry Entry(string entityType, int entityId, AuditAction action, DateTimeOffset at, string? before = null, string? after = null, int? claimId = null) => new()
    {
        EntityType = entityType,
        EntityId = entityId,
        ClaimId = claimId,
        Action = action,
        UserId = UserId,
        UserName = UserName,
        At = at,
        Before = before,
        After = after,
    };
}
