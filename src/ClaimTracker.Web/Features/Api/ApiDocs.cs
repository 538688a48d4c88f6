using ClaimTracker.Web.Features.Serving;
using Microsoft.OpenApi;

namespace ClaimTracker.Web.Features.Api;

/// <summary>
/// The API's OpenAPI document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi, built from the endpoints
/// themselves: their parameters, result types, summaries and descriptions), and the same document as a page of the app
/// at <c>/api-docs</c> (<see cref="ApiReferencePage"/>).
/// </summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api-docs";

    /// <summary>
    /// Whether an endpoint belongs in the document: the JSON API, the CSV exports and the Atom feeds. Pages, sign-in and
    /// Blazor's own endpoints are not an API; the API's catch-all 404 is excluded where it is mapped.
    /// </summary>
    public static bool Documents(string? relativePath) =>
        relativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("feeds/", StringComparison.Ordinal)
            || path.EndsWith("feed.atom", StringComparison.Ordinal));

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddSingleton<ApiReferenceReader>();
        return services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = description => Documents(description.RelativePath);
            o.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ClaimTracker API",
                    Version = DocumentName,
                    Description = "Read-only access to the record: claims with their statements, relations and published verdicts; actors "
                        + "with their statements; sources with their text; W3C Web Annotations; schema.org ClaimReview; CSV exports that "
                        + "follow the lists' filters; Atom feeds of published verdicts and of a claim's changes. Errors are RFC 9457 problem "
                        + "details: 400 for a parameter that cannot be read (the detail names it), 404 for an unknown id. Drafts of verdicts "
                        + "never appear.",
                };
                // The site's configured public address, never the request's Host header, which a client can forge (see PublicBaseUrl).
                var site = context.ApplicationServices.GetRequiredService<PublicBaseUrl>();
                document.Servers = [new OpenApiServer { Url = site.RootWithoutSlash }];
                return Task.CompletedTask;
            });
        });
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        return app;
    }
}
