using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- create-admin &lt;email&gt;</c>: the first account of a real
/// installation. The password comes from CLAIMTRACKER_ADMIN_PASSWORD or standard input, never from a default.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "CLAIMTRACKER_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || !args[1].Contains('@'))
        {
            await error.WriteLineAsync($"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} <email>   (password from {PasswordVariable} or standard input)");
            return 2;
        }
        var email = args[1].Trim();
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteAsync($"Password for {email} (at least 12 characters): ");
            password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
        }
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync($"No password given: set {PasswordVariable} or type it on standard input.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        await AccountSeeding.EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync($"An account for {email} already exists; nothing was changed.");
            return 1;
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"The account was not created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return 1;
        }
        AccountSeeding.Check(await users.AddToRoleAsync(user, Roles.Admin), $"role {Roles.Admin} for {email}");
        await output.WriteLineAsync($"Created administrator {email}. Sign in at /account/login.");
        return 0;
    }
}
