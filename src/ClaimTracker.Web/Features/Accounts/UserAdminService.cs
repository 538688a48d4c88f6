using System.Text.Json;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Accounts;

public sealed record UserRow(
    string Id, string Email, string DisplayName, string? Role,
    DateTimeOffset? LockedUntil, DateTimeOffset? DeactivatedAt, string? DeactivatedBy)
{
    public bool IsActive => DeactivatedAt is null;
    public bool LockedOut => LockedUntil is not null;
}

/// <summary>
/// Accounts and their roles, for the admin page. Every method checks <see cref="Permission.ManageUsers"/> first.
/// Every change renews the account's security stamp, so it takes effect at the account's next request and in its
/// open pages within a minute (<see cref="AccountAccess"/>), and writes its history in the same transaction.
/// </summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopes, IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.ManageUsers);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.LockoutEnd,
                u.DeactivatedAt,
                u.DeactivatedBy,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return all.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.Role,
            u.LockoutEnd is { } end && end > now ? end : null, u.DeactivatedAt, u.DeactivatedBy)).ToList();
    }

    /// <summary>The account's history, newest first, in words.</summary>
    public async Task<IReadOnlyList<AccountHistoryLine>> HistoryAsync(string userId, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.ManageUsers);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.AccountId == userId)
            .OrderByDescending(e => e.Id)
            .ToListAsync(ct);
        return entries.Select(AccountHistory.Describe).ToList();
    }

    public async Task<EditResult<string>> CreateAsync(string? email, string? displayName, string? password, string? role)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        // Cleaned as every typed value is before it is saved: PostgreSQL's text holds no NUL nor half a surrogate pair.
        email = InputText.CleanLine(email);
        displayName = InputText.CleanLine(displayName);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            return Error("email", "Enter an e-mail address.");
        }
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > AppUser.MaxDisplayNameLength)
        {
            return Error("displayName", $"Enter a name of at most {AppUser.MaxDisplayNameLength} characters.");
        }
        if (role is null || !Roles.All.Contains(role))
        {
            return Error("role", "Choose a role.");
        }
        return await InTransactionAsync(me, async (users, db) =>
        {
            if (await users.FindByEmailAsync(email.Trim()) is not null)
            {
                return Error("email", AccountExists);
            }
            var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName.Trim() };
            var created = await users.CreateAsync(user, password ?? "");
            if (!created.Succeeded)
            {
                return Error("password", Describe(created));
            }
            var granted = await users.AddToRoleAsync(user, role);
            if (!granted.Succeeded)
            {
                return Error("", Describe(granted));
            }
            Record(db, me, user, AuditAction.Created, role);
            return Ok(user);
        });
    }

    /// <summary>
    /// Gives an account exactly one role. Nobody can take the admin role from themselves, nor take it from the
    /// last active admin, so an installation always keeps an admin who can sign in.
    /// </summary>
    public async Task<EditResult<string>> SetRoleAsync(string userId, string role)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        if (!Roles.All.Contains(role))
        {
            return Error("role", "Choose a role.");
        }
        return await ChangeAsync(me, userId, async (users, db, user) =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.SequenceEqual([role]))
            {
                return Ok(user);
            }
            if (current.Contains(Roles.Admin) && role != Roles.Admin)
            {
                if (user.Id == me.UserId)
                {
                    return Error("role", "You cannot remove your own admin role.");
                }
                if (!await AnotherActiveAdminAsync(users, user))
                {
                    return Error("role", "This is the last active admin: make another account admin first.");
                }
            }
            var removed = current.Where(r => r != role).ToList();
            var result = await users.RemoveFromRolesAsync(user, removed);
            if (result.Succeeded && !current.Contains(role))
            {
                result = await users.AddToRoleAsync(user, role);
            }
            if (!result.Succeeded)
            {
                return Error("role", Describe(result));
            }
            foreach (var old in removed)
            {
                Record(db, me, user, AuditAction.RoleRemoved, old);
            }
            if (!current.Contains(role))
            {
                Record(db, me, user, AuditAction.RoleGranted, role);
            }
            // The new stamp ends the account's sessions: it signs in again and gets the new role.
            return Check(await users.UpdateSecurityStampAsync(user), user);
        });
    }

    /// <summary>The account can no longer sign in, and its sessions end at their next request (open pages within a minute).</summary>
    public async Task<EditResult<string>> DeactivateAsync(string userId)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        return await ChangeAsync(me, userId, async (users, db, user) =>
        {
            if (!user.IsActive)
            {
                return Ok(user);
            }
            if (user.Id == me.UserId)
            {
                return Error("", "You cannot deactivate your own account.");
            }
            if (await users.IsInRoleAsync(user, Roles.Admin) && !await AnotherActiveAdminAsync(users, user))
            {
                return Error("", "This is the last active admin: make another account admin first.");
            }
            user.DeactivatedAt = clock.GetUtcNow();
            user.DeactivatedBy = me.UserName;
            Record(db, me, user, AuditAction.Deactivated, null);
            // Renewing the stamp saves the user too; the cookie and circuit checks then refuse the old sessions.
            return Check(await users.UpdateSecurityStampAsync(user), user);
        });
    }

    public async Task<EditResult<string>> ReactivateAsync(string userId)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        return await ChangeAsync(me, userId, async (users, db, user) =>
        {
            if (user.IsActive)
            {
                return Ok(user);
            }
            user.DeactivatedAt = null;
            user.DeactivatedBy = null;
            Record(db, me, user, AuditAction.Reactivated, null);
            return Check(await users.UpdateSecurityStampAsync(user), user);
        });
    }

    /// <summary>
    /// Ends a lockout after too many wrong passwords. It gives no new access, so it leaves the stamp, and with it the
    /// account's sessions, alone (a lockout does not end sessions: anyone who knows an e-mail address could cause one).
    /// </summary>
    public async Task<EditResult<string>> UnlockAsync(string userId)
    {
        var me = await currentUser.RequireAsync(Permission.ManageUsers);
        return await ChangeAsync(me, userId, async (users, db, user) =>
        {
            if (!await users.IsLockedOutAsync(user))
            {
                return Ok(user);
            }
            var result = await users.SetLockoutEndDateAsync(user, null);
            if (result.Succeeded)
            {
                result = await users.ResetAccessFailedCountAsync(user);
            }
            if (!result.Succeeded)
            {
                return Error("", Describe(result));
            }
            Record(db, me, user, AuditAction.Unlocked, null);
            return Ok(user);
        });
    }

    private Task<EditResult<string>> ChangeAsync(ChangeAuthor me, string userId, Func<UserManager<AppUser>, ClaimTrackerDbContext, AppUser, Task<EditResult<string>>> change) =>
        InTransactionAsync(me, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId);
            return user is null ? Error("", "That account no longer exists.") : await change(users, db, user);
        });

    /// <summary>
    /// Runs a change through Identity's UserManager and writes its history, all in one transaction: the UserManager
    /// of a fresh scope saves through that scope's DbContext, which is the one the transaction and the history use.
    /// A fresh scope per change also keeps a circuit from holding one DbContext (and stale users) for hours.
    /// Anything but success rolls the whole change back.
    /// </summary>
    private async Task<EditResult<string>> InTransactionAsync(ChangeAuthor me, Func<UserManager<AppUser>, ClaimTrackerDbContext, Task<EditResult<string>>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>().SignedBy(me);
        await using var transaction = await db.Database.BeginTransactionAsync();
        EditResult<string> result;
        try
        {
            result = await change(users, db);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Identity saves as it goes: an account created at the same moment under the same address meets the unique index.
            return Error("email", AccountExists);
        }
        if (!result.Succeeded)
        {
            return result;
        }
        if (await db.TrySaveAsync() != SaveOutcome.Saved)
        {
            return Error("", "Someone changed this account meanwhile; reload and try again.");
        }
        await transaction.CommitAsync();
        return result;
    }

    private const string AccountExists = "An account with this e-mail address exists already.";

    private static async Task<bool> AnotherActiveAdminAsync(UserManager<AppUser> users, AppUser user) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Any(admin => admin.Id != user.Id && admin.IsActive);

    private void Record(ClaimTrackerDbContext db, ChangeAuthor me, AppUser user, AuditAction action, string? role) =>
        db.AuditEntries.Add(new AuditEntry
        {
            EntityType = AccountHistory.EntityType,
            AccountId = user.Id,
            Action = action,
            UserId = me.UserId,
            UserName = me.UserName,
            At = clock.GetUtcNow(),
            // The account's name and address as they were, so the sentence reads right if they change later.
            After = JsonSerializer.Serialize(new AccountHistory.Details(user.DisplayName, user.Email ?? "", role), Json),
        });

    /// <summary>Saved: the account's id. Errors are keyed by the form's fields ("" for the form as a whole).</summary>
    private static EditResult<string> Ok(AppUser user) => EditResult<string>.Saved(user.Id);

    private static EditResult<string> Error(string field, string message) => EditResult<string>.Invalid(field, message);

    private static EditResult<string> Check(IdentityResult result, AppUser user) => result.Succeeded ? Ok(user) : Error("", Describe(result));

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
