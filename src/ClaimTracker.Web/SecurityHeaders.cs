using System.Security.Cryptography;

namespace ClaimTracker.Web;

/// <summary>
/// Security headers on every response. The Content-Security-Policy is what Blazor Server and MudBlazor work under:
/// scripts only from this site (Blazor Server needs no eval, unlike WebAssembly), plus the one inline script the app
/// has, the import map, which carries a per-request nonce; inline styles, because MudBlazor sets style attributes;
/// WebSocket connections to this site for the circuit.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "ClaimTracker.CspNonce";

    /// <summary>The nonce the page's own inline scripts must carry (App.razor gives it to the import map).</summary>
    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'");
        await next(context);
    });
}
