using System.Threading.RateLimiting;
using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// Sign-in and sign-out as plain form posts: the cookie must be written on an HTTP response, which an
/// interactive Blazor circuit does not have. The login page posts here; errors come back in the query string.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";

    /// <summary>Sign-in attempts allowed per client address per minute (setting; default 10).</summary>
    public const string AttemptsPerMinuteSetting = "ClaimTracker:LoginAttemptsPerMinute";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        // Per client address: enough for a person who mistypes, far too few for guessing passwords.
        var permits = Math.Max(1, configuration.GetValue(AttemptsPerMinuteSetting, 10));
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(LoginRateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Redirect("/account/login?error=rate-limited");
                return ValueTask.CompletedTask;
            };
        });
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();
        account.MapPost("/login", LoginAsync).RequireRateLimiting(LoginRateLimitPolicy);
        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        });
        return app;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        var back = SafeReturnUrl(returnUrl);
        string Failure(string error) =>
            $"/account/login?error={error}&email={Uri.EscapeDataString(email ?? "")}&returnUrl={Uri.EscapeDataString(back)}";

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return TypedResults.LocalRedirect(Failure("missing"));
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return TypedResults.LocalRedirect(Failure("invalid"));
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.LocalRedirect(Failure("locked-out"));
        }
        return result.Succeeded ? TypedResults.LocalRedirect(back) : TypedResults.LocalRedirect(Failure("invalid"));
    }

    /// <summary>Only a path on this site, never an absolute URL: a login link must not send people elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
