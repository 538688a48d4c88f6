using System.Security.Claims;
using ClaimTracker.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// Who is calling a service, for the checks every change makes on the server. In a Blazor circuit the user comes
/// from the circuit's authentication state; in a plain HTTP request (the API, prerendering) from the HttpContext.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider? authState, IHttpContextAccessor http)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync()
    {
        if (authState is not null)
        {
            try
            {
                return (await authState.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Not in a component scope (e.g. a minimal API endpoint): no authentication state was set.
            }
        }
        return http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    }

    public async Task<bool> HasAsync(Permission permission) => Has(await GetPrincipalAsync(), permission);

    public static bool Has(ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true
        && RolePermissions.Grants(user.FindAll(ClaimTypes.Role).Select(c => c.Value), permission);

    /// <summary>Returns who is making the change, or throws <see cref="AccessDeniedException"/>.</summary>
    public async Task<ChangeAuthor> RequireAsync(Permission permission)
    {
        var user = await GetPrincipalAsync();
        if (!Has(user, permission))
        {
            throw new AccessDeniedException(permission, user.Identity?.IsAuthenticated == true);
        }
        return AuthorOf(user);
    }

    public static ChangeAuthor AuthorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(AccountClaims.DisplayName) ?? user.Identity?.Name ?? "unknown");
}

public static class AccountClaims
{
    /// <summary>Carried in the sign-in cookie so every change can be signed with a readable name.</summary>
    public const string DisplayName = "claimtracker:display_name";
}
