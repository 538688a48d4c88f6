using Microsoft.AspNetCore.Identity;

namespace ClaimTracker.Web.Domain;

/// <summary>A newsroom account. Roles (Journalist, Editor, Admin) are Identity roles.</summary>
public class AppUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The name shown on notes, verdicts and history ("Sam Editor"), not the e-mail address.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// Set while an admin has deactivated the account: it cannot sign in and its sessions end. Accounts are
    /// deactivated, never deleted, because notes, verdicts and history keep pointing at them.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The display name of the admin who deactivated the account (the history has the whole story).</summary>
    public string? DeactivatedBy { get; set; }

    public bool IsActive => DeactivatedAt is null;
}
