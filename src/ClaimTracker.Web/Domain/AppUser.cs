using Microsoft.AspNetCore.Identity;

namespace ClaimTracker.Web.Domain;

/// <summary>A newsroom account. Roles (Journalist, Editor, Admin) are Identity roles.</summary>
public class AppUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The name shown on notes, verdicts and history ("Sam Editor"), not the e-mail address.</summary>
    public string DisplayName { get; set; } = "";
}
