using System.Security.Claims;
using ClaimTracker.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// Whether a signed-in principal still stands: its account exists, is active, and carries the security stamp the
/// principal was issued with. Every change to an account's roles or status renews the stamp
/// (<see cref="UserAdminService"/>), so a cookie or circuit from before the change no longer stands.
/// One primary-key read: cheap enough for every HTTP request, and for every open circuit each
/// <see cref="RevalidatingIdentityAuthenticationStateProvider.Interval"/>.
/// </summary>
public sealed class AccountAccess(IDbContextFactory<ClaimTrackerDbContext> dbFactory, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var claims = identity.Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DeactivatedAt })
            .SingleOrDefaultAsync(ct);
        // Deactivation renews the stamp too; the DeactivatedAt check also covers an account deactivated by hand in SQL.
        return account is not null && account.DeactivatedAt is null && account.SecurityStamp == stamp;
    }

    /// <summary>
    /// The cookie's per-request check, in place of Identity's <see cref="SecurityStampValidator"/>: that one checks
    /// every 30 minutes by default, and when told to check every request it also rebuilds the principal (roles and
    /// claims: several queries) and rewrites the cookie on every response. Here a principal that no longer stands
    /// is rejected and its cookie removed, so the request goes on as anonymous.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var access = context.HttpContext.RequestServices.GetRequiredService<AccountAccess>();
        if (!await access.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
