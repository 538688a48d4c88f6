using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>Real accounts for tests whose rows belong to one (a follow references its account).</summary>
public static class TestAccounts
{
    /// <summary>A new account, its id starting with <paramref name="prefix"/>, made through Identity; returns the id.</summary>
    public static async Task<string> NewAccountAsync(this IServiceProvider services, string prefix)
    {
        var id = prefix + "-" + Guid.NewGuid().ToString("N");
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser { Id = id, UserName = $"{id}@claimtracker.test", Email = $"{id}@claimtracker.test", DisplayName = $"{prefix} {id[^8..]}" });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return id;
    }
}
