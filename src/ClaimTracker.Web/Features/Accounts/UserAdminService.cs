using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Accounts;

public sealed record UserRow(string Id, string Email, string DisplayName, string? Role, bool LockedOut);

/// <summary>Result of an admin change: errors keyed by field ("" for the form as a whole), empty on success.</summary>
public sealed record AdminResult(IReadOnlyDictionary<string, string> Errors)
{
    public static readonly AdminResult Ok = new(new Dictionary<string, string>());
    public bool Succeeded => Errors.Count == 0;
    public static AdminResult Error(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>Accounts and their roles, for the admin page. Every method checks <see cref="Permission.ManageUsers"/> first.</summary>
public sealed class UserAdminService(UserManager<AppUser> users, CurrentUser currentUser)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        await currentUser.RequireAsync(Permission.ManageUsers);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, roles.FirstOrDefault(),
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }
        return rows;
    }

    public async Task<AdminResult> CreateAsync(string? email, string? displayName, string? password, string? role)
    {
        await currentUser.RequireAsync(Permission.ManageUsers);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            return AdminResult.Error("email", "Enter an e-mail address.");
        }
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > AppUser.MaxDisplayNameLength)
        {
            return AdminResult.Error("displayName", $"Enter a name of at most {AppUser.MaxDisplayNameLength} characters.");
        }
        if (role is null || !Roles.All.Contains(role))
        {
            return AdminResult.Error("role", "Choose a role.");
        }
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            return AdminResult.Error("email", "An account with this e-mail address exists already.");
        }
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName.Trim() };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return AdminResult.Error("password", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        return AdminResult.Ok;
    }

    /// <summary>Gives an account exactly one role. An admin cannot take the admin role from themselves, so an installation always keeps one.</summary>
    public async Task<AdminResult> SetRoleAsync(string userId, string role)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        if (!Roles.All.Contains(role))
        {
            return AdminResult.Error("role", "Choose a role.");
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AdminResult.Error("", "That account no longer exists.");
        }
        if (user.Id == me.UserId && role != Roles.Admin)
        {
            return AdminResult.Error("role", "You cannot remove your own admin role.");
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        // Open pages of that user pick up the change at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        return AdminResult.Ok;
    }
}
