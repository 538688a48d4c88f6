using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Api;

/// <summary>
/// A source's attributions and notes on its spans as a W3C Web Annotation <c>AnnotationCollection</c> (JSON-LD), with
/// every annotation inline in one embedded <c>AnnotationPage</c>, as the Web Annotation Protocol allows.
/// <list type="bullet">
/// <item>An attribution is motivated by <c>describing</c>: a plain-text body says who takes which stance on which claim,
/// two <c>tagging</c> bodies carry the stance and the mode, and two <c>linking</c> bodies point at the claim (API) and the actor (page).</item>
/// <item>A note on a span is <c>commenting</c>, its Markdown a <c>TextualBody</c> in <c>text/markdown</c>; a reply is <c>replying</c>,
/// targeting the note it answers.</item>
/// <item>The target is the source's API resource with a <c>TextQuoteSelector</c> and a <c>TextPositionSelector</c> whose
/// <c>start</c>/<c>end</c> count Unicode code points of the current text (the selector's definition), not the UTF-16 units
/// the rest of the API uses.</item>
/// <item>Orphaned anchors are left out: they point into an earlier revision, and no selector on the current text would be true.
/// Fuzzy ones are in: they sit on the current text, only not yet confirmed.</item>
/// </list>
/// </summary>
public static class WebAnnotationExport
{
    public const string ContentType = "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";
    public const string Context = "http://www.w3.org/ns/anno.jsonld";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAnnotations(
        [System.ComponentModel.Description("The source's id.")] string id, PublicBaseUrl site, IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        if (!int.TryParse(id, out var sourceId))
        {
            return TypedResults.Problem($"A source id is a whole number; got \"{ReadApi.Echo(id)}\".", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        var collection = await BuildAsync(dbFactory, sourceId, site.RootWithoutSlash, ct);
        return collection is null
            ? TypedResults.Problem($"There is no source {sourceId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Content(collection.ToJsonString(Indented), ContentType, System.Text.Encoding.UTF8);
    }

    public static async Task<JsonObject?> BuildAsync(IDbContextFactory<ClaimTrackerDbContext> dbFactory, int sourceId, string siteRoot, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new { s.Id, s.Title, s.Outlet, s.PublishedOn, s.Text, s.Revision })
            .SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return null;
        }
        var attributions = await db.Attributions.AsNoTracking()
            .Where(a => a.SourceId == sourceId && a.AnchorState != AnchorState.Orphaned)
            .OrderBy(a => a.Anchor.Start).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.ClaimId, ClaimText = a.Claim.Text, a.ActorId, ActorName = a.Actor.Name, a.Stance, a.Mode, a.Anchor })
            .ToListAsync(ct);
        var attributionIds = attributions.Select(a => a.Id).ToList();
        // Attributions carry no creation time of their own: their history's "Created" entry has it (the seed's too).
        var created = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == nameof(Attribution) && e.Action == AuditAction.Created && attributionIds.Contains(e.EntityId))
                .Select(e => new { e.EntityId, e.At, e.UserId, e.UserName })
                .ToListAsync(ct))
            .GroupBy(e => e.EntityId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).First());
        var notes = await db.Annotations.AsNoTracking()
            .Where(n => n.SourceId == sourceId && n.Anchor != null && n.AnchorState != AnchorState.Orphaned)
            .OrderBy(n => n.Anchor!.Start).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.ParentId, n.Body, n.AuthorName, n.CreatedAt, n.EditedAt, n.Anchor })
            .ToListAsync(ct);

        var collectionId = $"{siteRoot}/api/sources/{sourceId}/annotations";
        var sourceResource = $"{siteRoot}/api/sources/{sourceId}";
        var codePoints = new CodePointIndex(source.Text);
        JsonObject Target(TextAnchor anchor) => new()
        {
            ["source"] = sourceResource,
            ["selector"] = new JsonArray(
                new JsonObject { ["type"] = "TextQuoteSelector", ["exact"] = anchor.Exact, ["prefix"] = anchor.Prefix, ["suffix"] = anchor.Suffix },
                new JsonObject { ["type"] = "TextPositionSelector", ["start"] = codePoints.Of(anchor.Start), ["end"] = codePoints.Of(anchor.End) }),
        };

        var items = new JsonArray();
        foreach (var a in attributions)
        {
            var stance = ReadApi.Wire(a.Stance);
            var mode = ReadApi.Wire(a.Mode);
            var item = new JsonObject
            {
                ["id"] = $"{collectionId}#attribution-{a.Id}",
                ["type"] = "Annotation",
                ["motivation"] = "describing",
                ["body"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "TextualBody",
                        ["purpose"] = "describing",
                        ["format"] = "text/plain",
                        ["value"] = $"{a.ActorName} {Components.Shared.Labels.Verb(a.Stance)} ({Components.Shared.Labels.Label(a.Mode)}): {a.ClaimText}",
                    },
                    new JsonObject { ["type"] = "TextualBody", ["purpose"] = "tagging", ["value"] = $"stance:{stance}" },
                    new JsonObject { ["type"] = "TextualBody", ["purpose"] = "tagging", ["value"] = $"mode:{mode}" },
                    new JsonObject { ["id"] = $"{siteRoot}/api/claims/{a.ClaimId}", ["type"] = "Dataset", ["purpose"] = "linking" },
                    new JsonObject { ["id"] = $"{siteRoot}/actors/{a.ActorId}", ["type"] = "Text", ["format"] = "text/html", ["purpose"] = "linking" }),
                ["target"] = Target(a.Anchor),
            };
            if (created.TryGetValue(a.Id, out var entry))
            {
                item["created"] = entry.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");
                item["creator"] = new JsonObject { ["type"] = entry.UserId is null ? "Software" : "Person", ["name"] = entry.UserName };
            }
            items.Add(item);
        }
        var noteIds = notes.Select(n => n.Id).ToHashSet();
        foreach (var n in notes)
        {
            var isReply = n.ParentId is int parent && noteIds.Contains(parent);
            var item = new JsonObject
            {
                ["id"] = $"{collectionId}#note-{n.Id}",
                ["type"] = "Annotation",
                ["motivation"] = isReply ? "replying" : "commenting",
                ["created"] = n.CreatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["creator"] = new JsonObject { ["type"] = "Person", ["name"] = n.AuthorName },
                ["body"] = new JsonObject { ["type"] = "TextualBody", ["format"] = "text/markdown", ["value"] = n.Body },
                ["target"] = isReply ? $"{collectionId}#note-{n.ParentId}" : Target(n.Anchor!),
            };
            if (n.EditedAt is { } edited)
            {
                item["modified"] = edited.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");
            }
            items.Add(item);
        }

        return new JsonObject
        {
            ["@context"] = Context,
            ["id"] = collectionId,
            ["type"] = "AnnotationCollection",
            ["label"] = $"Statements and notes on “{source.Title}” ({source.Outlet}, {source.PublishedOn:yyyy-MM-dd}), revision {source.Revision}",
            ["total"] = items.Count,
            ["first"] = new JsonObject
            {
                ["id"] = $"{collectionId}#page-1",
                ["type"] = "AnnotationPage",
                ["partOf"] = collectionId,
                ["startIndex"] = 0,
                ["items"] = items,
            },
        };
    }

    /// <summary>Converts UTF-16 offsets of a text to Unicode code point offsets (a surrogate pair is one code point).</summary>
    public sealed class CodePointIndex
    {
        private readonly int[] before;

        public CodePointIndex(string text)
        {
            before = new int[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
            {
                // The low half of a surrogate pair adds no code point of its own.
                var isLowHalf = char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]);
                before[i + 1] = before[i] + (isLowHalf ? 0 : 1);
            }
        }

        public int Of(int utf16Offset) => before[Math.Clamp(utf16Offset, 0, before.Length - 1)];
    }
}
