namespace ClaimTracker.Web.Domain;

/// <summary>
/// An editable record: changes are checked against <see cref="Version"/> (SQLite has no rowversion, so the
/// DbContext renews this token on every save and a save made against a stale copy is refused), and deleting
/// only marks it, so an editor can restore it.
/// </summary>
public interface IEditableRecord
{
    int Id { get; }
    Guid Version { get; set; }
    bool IsDeleted { get; set; }
    DateTimeOffset? DeletedAt { get; set; }
    string? DeletedBy { get; set; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    Restored,
    /// <summary>A claim merge (entity <c>ClaimMerge</c>), written once on each of the two claims.</summary>
    Merged,
    /// <summary>A claim merge taken back, written once on each of the two claims.</summary>
    MergeUndone,
    /// <summary>An account was given a role (entity <c>Account</c>, see <see cref="AuditEntry.AccountId"/>).</summary>
    RoleGranted,
    /// <summary>A role was taken from an account.</summary>
    RoleRemoved,
    /// <summary>An account was deactivated: it cannot sign in and its sessions ended.</summary>
    Deactivated,
    /// <summary>A deactivated account was made active again.</summary>
    Reactivated,
    /// <summary>An admin ended an account's lockout after too many wrong passwords.</summary>
    Unlocked,
}

/// <summary>
/// One change to one record, written in the same transaction as the change itself: who, when, and the
/// record's values before and after (JSON objects of the changed entity's scalar properties).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public int EntityId { get; set; }

    /// <summary>The claim this change belongs to, when there is one, so a claim's History tab finds it directly.</summary>
    public int? ClaimId { get; set; }

    /// <summary>
    /// The account a change to accounts and roles is about (Identity's string key, which <see cref="EntityId"/>
    /// cannot hold), so the admin page finds an account's history directly. Null for changes to the record.
    /// </summary>
    public string? AccountId { get; set; }

    public AuditAction Action { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
