namespace ClaimTracker.Web.Features.Accounts;

public static class Roles
{
    public const string Journalist = "Journalist";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static readonly string[] All = [Journalist, Editor, Admin];
}

/// <summary>What a signed-in person may change. Reading published material needs no permission.</summary>
public enum Permission
{
    /// <summary>Write in annotation threads (start one, reply, edit or delete one's own notes).</summary>
    Comment,
    /// <summary>See draft verdicts.</summary>
    ReadDrafts,
    /// <summary>Create and edit claims, actors, attributions and relations; annotate; merge.</summary>
    EditRecord,
    /// <summary>Edit or delete anyone's notes.</summary>
    ModerateAnnotations,
    /// <summary>Draft, change and publish verdicts, and move claims through the workflow.</summary>
    RateClaims,
    /// <summary>Bring back what was deleted.</summary>
    Restore,
    /// <summary>Create accounts and assign roles.</summary>
    ManageUsers,
}

/// <summary>The permissions matrix: the one place that says which role may do what.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, Permission[]> ByRole = new(StringComparer.Ordinal)
    {
        [Roles.Journalist] = [Permission.Comment],
        [Roles.Editor] = [Permission.Comment, Permission.ReadDrafts, Permission.EditRecord, Permission.ModerateAnnotations, Permission.RateClaims, Permission.Restore],
        [Roles.Admin] = Enum.GetValues<Permission>(),
    };

    public static bool Grants(IEnumerable<string> roles, Permission permission) =>
        roles.Any(role => ByRole.TryGetValue(role, out var granted) && granted.Contains(permission));
}

/// <summary>Thrown by a service when the caller may not make a change; pages show it, the API answers 401 or 403.</summary>
public sealed class AccessDeniedException(Permission permission, bool signedIn)
    : Exception(signedIn
        ? $"Your role does not allow this ({permission})."
        : "Sign in to do this.")
{
    public Permission Permission { get; } = permission;
    public bool SignedIn { get; } = signedIn;
}
