using System.Threading.RateLimiting;
using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Antiforgery;
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
        // The token is checked in LoginAsync rather than by the antiforgery middleware: the middleware's refusal surfaces
        // as an exception while binding the form, which outside Development became a 500 (and an error page that failed
        // in turn). A sign-in form left open past its cookie, or a proxy that drops the scheme so the Secure cookie is
        // never sent back, is an everyday event that deserves a message and a fresh form.
        account.MapPost("/login", LoginAsync).RequireRateLimiting(LoginRateLimitPolicy).DisableAntiforgery();
        account.MapPost("/logout", LogoutAsync);
        return app;
    }

    /// <summary>
    /// Only a form from this site may sign someone out: without this site's antiforgery token any page on the web
    /// could post here and end a user's session. An endpoint that binds nothing from the form is not checked by the
    /// antiforgery middleware on its own, so the check is made here.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // Nobody to sign out (the session had already ended): nothing a forged post could harm.
            return TypedResults.LocalRedirect("/");
        }
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Text(
                "Not signed out: the request did not come from a ClaimTracker page. To sign out, use Sign out in ClaimTracker's top bar.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>
    /// One answer, "invalid", for an unknown e-mail, a wrong password, a locked and a deactivated account, and the
    /// same work for each (one password hash check), so neither the message nor the time taken tells anyone
    /// which e-mail addresses have accounts.
    /// </summary>
    private static async Task<IResult> LoginAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher)
    {
        // The [FromForm] parameters also tell routing that this endpoint takes form posts, which is what sets it apart
        // from the sign-in page itself (a Razor component at the same address, which accepts posts too).
        var back = SafeReturnUrl(returnUrl);
        string Failure(string error) =>
            $"/account/login?error={error}&email={Uri.EscapeDataString(email ?? "")}&returnUrl={Uri.EscapeDataString(back)}";

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            // Not a form from this site, or one whose cookie is gone: ask for the form again, checking no password.
            return TypedResults.LocalRedirect(Failure("expired"));
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return TypedResults.LocalRedirect(Failure("missing"));
        }
        var user = await users.FindByEmailAsync(email.Trim());
        // Identity refuses a locked account before it hashes anything; check first and spend the hash here instead.
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            DummyPassword.Check(hasher, password);
            return TypedResults.LocalRedirect(Failure("invalid"));
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? TypedResults.LocalRedirect(back) : TypedResults.LocalRedirect(Failure("invalid"));
    }

    /// <summary>A password check against a hash no password matches, costing what checking a real account's costs.</summary>
    internal static class DummyPassword
    {
        private static readonly AppUser Nobody = new() { Id = "", UserName = "" };
        private static string? hash;

        public static void Check(IPasswordHasher<AppUser> hasher, string password)
        {
            // Made by the app's own hasher, so it carries the same algorithm and iteration count as real hashes.
            hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            hasher.VerifyHashedPassword(Nobody, hash, password);
        }
    }

    /// <summary>Only a path on this site, never an absolute URL: a login link must not send people elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
