using System.Security.Claims;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Resolves a service in a DI scope whose signed-in user is a given role (or nobody), the way a Blazor circuit
/// would have it, so the role × action matrix can call the real services and watch them allow or refuse.
/// </summary>
public static class Acting
{
    /// <summary>Null means an anonymous visitor.</summary>
    public static readonly string?[] EveryRole = [null, Roles.Journalist, Roles.Editor, Roles.Admin];

    public static ClaimsPrincipal Principal(string? role, string? userId = null, string? displayName = null)
    {
        if (role is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        userId ??= $"test-{role.ToLowerInvariant()}";
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(ClaimTypes.Name, $"{userId}@claimtracker.test"),
            new Claim(AccountClaims.DisplayName, displayName ?? $"Test {role} {userId}"),
            new Claim(ClaimTypes.Role, role),
        ], authenticationType: "Test"));
    }

    /// <summary>A scope whose user is <paramref name="role"/>; dispose it when done.</summary>
    public static AsyncServiceScope ScopeAs(this IServiceProvider services, string? role, string? userId = null, string? displayName = null)
    {
        var scope = services.CreateAsyncScope();
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(Principal(role, userId, displayName))));
        return scope;
    }

    public static T As<T>(this AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>
    /// Calls <typeparamref name="TService"/> as <paramref name="role"/> (null: signed out), in a scope of its own that
    /// ends with the call, as one request or circuit event would. Test classes name their usual role and service once,
    /// as a one-line alias of this.
    /// </summary>
    public static async Task<T> AsAsync<TService, T>(this IServiceProvider services, string? role, Func<TService, Task<T>> call, string? userId = null, string? displayName = null)
        where TService : notnull
    {
        await using var scope = services.ScopeAs(role, userId, displayName);
        return await call(scope.As<TService>());
    }
}
