using Microsoft.AspNetCore.Hosting.Server;

namespace ClaimTracker.Web.Features.Serving;

/// <summary>
/// The site's public root, for every absolute link the app hands out (ClaimReview JSON-LD, W3C annotation ids).
/// It never comes from the request: the Host header is whatever the client typed, and a forged one would otherwise
/// be written into data that others store and follow. Configured by <see cref="Setting"/>; when that is unset, the
/// address the server listens on (start-up warns about it outside Development).
/// </summary>
public sealed class PublicBaseUrl(IServer server, Uri? configured)
{
    public const string Setting = "ClaimTracker:PublicBaseUrl";

    public bool IsConfigured => configured is not null;

    /// <summary>The root with a trailing slash, e.g. <c>https://claims.example.org/</c>.</summary>
    public Uri Root => configured ?? ServerAddresses.SiteRoot(ServerAddresses.Of(server));

    /// <summary>The root without its trailing slash, for building paths such as <c>{root}/api/claims/1</c>.</summary>
    public string RootWithoutSlash => Root.AbsoluteUri.TrimEnd('/');

    /// <summary>Reads and checks the setting; a value that is not an absolute http(s) URL stops start-up with the reason.</summary>
    public static Uri? Parse(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{Setting} must be the site's absolute http or https address, such as https://claims.example.org/, without query or fragment; got \"{value}\".");
        }
        // A trailing slash, so relative paths resolve below it: https://example.org/claims + "api/x" would lose "claims".
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
