using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClaimTracker.Web.Features.Api;

public sealed record ApiReference(string Title, string? Description, IReadOnlyList<ApiTagGroup> Groups, IReadOnlyList<ApiSchemaView> Schemas)
{
    public int OperationCount => Groups.Sum(g => g.Operations.Count);
}

public sealed record ApiTagGroup(string Name, IReadOnlyList<ApiOperationView> Operations)
{
    public string Anchor => "tag-" + ApiReferenceReader.Slug(Name);
}

public sealed record ApiOperationView(string Method, string Path, string? Summary, string? Description,
    IReadOnlyList<ApiParameterView> Parameters, IReadOnlyList<ApiResponseView> Responses)
{
    public string Anchor => ApiReferenceReader.Slug(Method + " " + Path);
}

public sealed record ApiParameterView(string Name, string In, bool Required, ApiType Type, string? Description);

public sealed record ApiResponseView(string Status, string? Description, IReadOnlyList<string> ContentTypes, ApiType? Type);

public sealed record ApiSchemaView(string Name, string? Description, IReadOnlyList<ApiPropertyView> Properties)
{
    public string Anchor => "schema-" + ApiReferenceReader.Slug(Name);
}

public sealed record ApiPropertyView(string Name, ApiType Type, bool Required, string? Description);

/// <summary>A type as a reader says it: "string", "integer or null", "array of ApiClaim"; <see cref="Schema"/> names the schema to link to.</summary>
public sealed record ApiType(string Text, string? Schema = null);

/// <summary>
/// The OpenAPI document as <see cref="ApiReferencePage"/> shows it, read from the very JSON that <c>/openapi/v1.json</c>
/// serves, so the page cannot say anything the document does not. The endpoints are fixed while the app runs, so it is
/// built once.
/// </summary>
public sealed class ApiReferenceReader(IServiceProvider services)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ApiReference? built;

    public async Task<ApiReference> GetAsync(CancellationToken ct = default)
    {
        if (built is not null)
        {
            return built;
        }
        await gate.WaitAsync(ct);
        try
        {
            return built ??= Read(await JsonAsync(ct));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> JsonAsync(CancellationToken ct)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocs.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(ct);
        using var writer = new StringWriter();
        await document.SerializeAsync(new OpenApiJsonWriter(writer), OpenApiSpecVersion.OpenApi3_1, ct);
        return writer.ToString();
    }

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    internal static ApiReference Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var info = root.GetProperty("info");
        var operations = new List<(string Tag, ApiOperationView Operation)>();
        foreach (var path in Members(root, "paths"))
        {
            foreach (var method in Methods.Where(m => path.Value.TryGetProperty(m, out _)))
            {
                var op = path.Value.GetProperty(method);
                var tag = op.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString() ?? "API" : "API";
                var parameters = Elements(op, "parameters").Select(p => new ApiParameterView(
                    Str(p, "name") ?? "", Str(p, "in") ?? "", p.TryGetProperty("required", out var r) && r.GetBoolean(),
                    p.TryGetProperty("schema", out var s) ? TypeOf(s) : new ApiType("string"), Str(p, "description"))).ToList();
                var responses = Members(op, "responses").Select(resp =>
                {
                    var content = Members(resp.Value, "content").ToList();
                    var type = content.Select(c => c.Value.TryGetProperty("schema", out var s) ? TypeOf(s) : null).FirstOrDefault(t => t is not null);
                    return new ApiResponseView(resp.Name, Str(resp.Value, "description"), content.Select(c => c.Name).ToList(), type);
                }).ToList();
                operations.Add((tag, new ApiOperationView(method.ToUpperInvariant(), path.Name, Str(op, "summary"), Str(op, "description"), parameters, responses)));
            }
        }
        var groups = operations.GroupBy(o => o.Tag).Select(g => new ApiTagGroup(g.Key, g.Select(o => o.Operation).ToList())).ToList();
        var schemas = root.TryGetProperty("components", out var components)
            ? Members(components, "schemas").OrderBy(s => s.Name, StringComparer.Ordinal).Select(s =>
            {
                var required = Elements(s.Value, "required").Select(r => r.GetString()).ToHashSet();
                return new ApiSchemaView(s.Name, Str(s.Value, "description"),
                    Members(s.Value, "properties").Select(p => new ApiPropertyView(p.Name, TypeOf(p.Value), required.Contains(p.Name), Str(p.Value, "description"))).ToList());
            }).ToList()
            : [];
        return new ApiReference(Str(info, "title") ?? "API", Str(info, "description"), groups, schemas);
    }

    /// <summary>A schema in words; a reference to a component names it, for a link.</summary>
    private static ApiType TypeOf(JsonElement schema)
    {
        if (Str(schema, "$ref") is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return new ApiType(name, name);
        }
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [type.GetString() ?? ""]
            : [];
        var nullable = types.Remove("null");
        if (types.Count == 0 && nullable && Str(schema, "$ref") is null && !schema.TryGetProperty("items", out _))
        {
            return new ApiType("null");
        }
        // A number the server also reads from a string ("5"), as System.Text.Json's web defaults allow: it writes a number.
        if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
        {
            types.Remove("string");
        }
        ApiType described;
        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            var item = TypeOf(items);
            described = new ApiType("array of " + item.Text, item.Schema);
        }
        else if (Elements(schema, "oneOf").Concat(Elements(schema, "anyOf")).ToList() is { Count: > 0 } options)
        {
            var parts = options.Select(TypeOf).ToList();
            nullable |= parts.RemoveAll(p => p.Text == "null") > 0;
            described = new ApiType(string.Join(" or ", parts.Select(p => p.Text)), parts.FirstOrDefault(p => p.Schema is not null)?.Schema);
        }
        else
        {
            var text = types.Count == 0 ? "any" : string.Join(" or ", types);
            if (Str(schema, "format") is { } format)
            {
                text += $" ({format})";
            }
            described = new ApiType(text);
        }
        return nullable ? described with { Text = described.Text + " or null" } : described;
    }

    /// <summary>An anchor for a heading: "GET /api/actors/{id}" is "get-api-actors-id".</summary>
    internal static string Slug(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonProperty> Members(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : [];

    private static IEnumerable<JsonElement> Elements(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
