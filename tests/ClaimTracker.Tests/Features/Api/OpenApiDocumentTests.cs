using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ClaimTracker.Tests.Features.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json against the endpoints the app really maps: a route under /api (or a feed)
/// that the document leaves out fails here, so no endpoint ships without its documentation.
/// </summary>
public class OpenApiDocumentTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<(string Json, OpenApiDocument Document)> DocumentAsync()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        using (JsonDocument.Parse(json))
        {
        }
        var read = OpenApiDocument.Parse(json, "json");
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0,
            "the document does not read as OpenAPI: " + string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        return (json, read.Document!);
    }

    /// <summary>Every route the app maps under /api, and the feeds, with its HTTP methods and whether it is left out of the documentation.</summary>
    private List<(string Path, string Method, bool Excluded)> MappedApiRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && ApiDocs.Documents(raw.TrimStart('/')))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m =>
                ("/" + e.RoutePattern.RawText!.TrimStart('/'), m, e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)))
            .ToList();

    [Fact]
    public async Task Every_mapped_API_route_is_documented_with_a_summary_and_responses_and_only_the_catch_all_is_left_out()
    {
        var (_, document) = await DocumentAsync();
        var routes = MappedApiRoutes();
        Assert.True(routes.Count >= 12, $"only {routes.Count} API routes found: the endpoint enumeration is broken");

        Assert.Equal(["/api/{**path}"], routes.Where(r => r.Excluded).Select(r => r.Path).Distinct());
        foreach (var (path, method, _) in routes.Where(r => !r.Excluded))
        {
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{method} {path} is mapped but not in the OpenAPI document");
            var operation = item!.Operations?.GetValueOrDefault(new HttpMethod(method));
            Assert.True(operation is not null, $"{method} {path} is mapped but the document has no {method} operation for it");
            Assert.False(string.IsNullOrWhiteSpace(operation!.Summary), $"{method} {path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), $"{method} {path} has no description");
            Assert.Contains("200", operation.Responses!.Keys);
            foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
            {
                var name = segment.Trim('{', '}');
                Assert.Contains(operation.Parameters ?? [], p => p.Name == name && p.In == ParameterLocation.Path);
            }
        }
        // Nothing documented that the app does not map.
        var mapped = routes.Select(r => r.Path).ToHashSet();
        Assert.All(document.Paths.Keys, p => Assert.Contains(p, mapped));
        Assert.DoesNotContain(document.Paths.Keys, p => p.Contains("**", StringComparison.Ordinal) || p == "/api/{path}");
    }

    [Theory]
    [InlineData("/api/claims", "limit,after,updatedSince", "400")]
    [InlineData("/api/actors/{id}", "id,limit,after", "400,404")]
    [InlineData("/api/export/claims.csv", "q,actor,stance,topic,status,rating,sort", "400")]
    [InlineData("/api/export/attributions.csv", "claim,actor,source,topic,stance", "400")]
    [InlineData("/api/export/actors.csv", "q", "")]
    [InlineData("/api/claims/{id}/claimreview", "id", "400,404")]
    [InlineData("/api/sources/{id}/annotations", "id", "400,404")]
    [InlineData("/claims/{id}/feed.atom", "id", "400,404")]
    public async Task Each_operation_lists_its_parameters_with_descriptions_and_its_error_responses(string path, string parameters, string errors)
    {
        var (_, document) = await DocumentAsync();
        var operation = document.Paths[path].Operations![HttpMethod.Get];
        foreach (var name in parameters.Split(','))
        {
            var parameter = Assert.Single(operation.Parameters!, p => p.Name == name);
            Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{path}: parameter {name} has no description");
        }
        foreach (var status in errors.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(operation.Responses!.TryGetValue(status, out var response), $"{path} does not document {status}");
            Assert.Contains("application/problem+json", response!.Content!.Keys);
        }
    }

    [Fact]
    public async Task Exports_and_feeds_say_what_they_return()
    {
        var (_, document) = await DocumentAsync();
        foreach (var csv in new[] { "/api/export/claims.csv", "/api/export/attributions.csv", "/api/export/actors.csv" })
        {
            Assert.Contains("text/csv", document.Paths[csv].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys);
        }
        foreach (var feed in new[] { "/feeds/verdicts.atom", "/claims/{id}/feed.atom" })
        {
            Assert.Contains("application/atom+xml", document.Paths[feed].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys);
        }
        Assert.Equal("application/json", document.Paths["/api/claims"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys.Single());
    }

    [Fact]
    public async Task The_reference_page_shows_every_operation_of_the_document()
    {
        var (_, document) = await DocumentAsync();
        var html = await _client.GetStringAsync("/api-docs");
        // The text a reader sees: tags out, entities decoded.
        var page = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.Contains($"{method.Method} {path}", page, StringComparison.Ordinal);
                Assert.Contains(operation.Summary!, page, StringComparison.Ordinal);
            }
        }
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
    }
}
