using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>The roles every installation has, and in Development the demo accounts the README lists.</summary>
public static class AccountSeeding
{
    public const string DemoPasswordSetting = "ClaimTracker:DemoPassword";
    public const string DefaultDemoPassword = "ClaimTracker-demo-1!";

    public static readonly (string Email, string DisplayName, string Role)[] DemoAccounts =
    [
        ("journalist@claimtracker.test", "Jo Journalist", Roles.Journalist),
        ("editor@claimtracker.test", "Eddie Editor", Roles.Editor),
        ("admin@claimtracker.test", "Ada Admin", Roles.Admin),
    ];

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    /// <summary>Creates the demo accounts that are missing. Only ever called in Development.</summary>
    public static async Task EnsureDemoAccountsAsync(IServiceProvider services, string password)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, name, role) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, password), $"demo account {email}");
            Check(await users.AddToRoleAsync(user, role), $"role {role} for {email}");
        }
    }

    internal static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
