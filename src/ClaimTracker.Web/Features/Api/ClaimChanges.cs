using System.Globalization;
using System.Text.RegularExpressions;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Api;

/// <summary>
/// What <c>/api/claims?updatedSince=…</c> counts as a claim "created or changed since" an instant: what a client that
/// mirrors the API must fetch again to be current. A live claim is listed when, at or after the instant,
/// <list type="bullet">
/// <item>it was created;</item>
/// <item>its history (the <c>AuditEntries</c> the record keeps in the same transaction as every change) has an entry of
/// the claim itself (text, topics, status, restored, merged into it or out of a merge), of one of its statements (added,
/// edited, re-anchored by a correction, deleted) or of a relation from it;</item>
/// <item>a relation to it was added, edited or deleted (the API lists incoming relations too);</item>
/// <item>its verdict was published, withdrawn, or changed while published: what the API's <c>verdict</c> shows.</item>
/// </list>
/// Not counted, because the API's claim does not show them: notes, and a verdict draft's edits (which must not even be
/// seen to happen). Changes to an actor or source themselves (a renamed actor) are not changes of the claims that cite
/// them; a deleted claim is not listed at all, and answers 404 at <c>/api/claims/{id}</c>.
/// <para>
/// Each claim is tested with seeks in the history's index (ClaimId, At) and the relations' (ToClaimId, Type), in id order
/// with the API's cursor, so a page costs a few index seeks per claim it passes, whatever the history's size.
/// </para>
/// </summary>
public static partial class ClaimChanges
{
    /// <summary>A date, a time to the minute or finer, and a zone ("Z" or an offset), as ISO 8601 writes an instant.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();

    /// <summary>An instant as ISO 8601 writes one; a date or time without a zone is refused, since it names no instant.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        return value.Length <= 40 && InstantPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>The claims created or changed at or after <paramref name="since"/> (see the class), composable with the API's paging.</summary>
    public static IQueryable<Claim> Since(ClaimTrackerDbContext db, DateTimeOffset since)
    {
        since = since.ToUniversalTime();
        // A verdict's history entry matters when the verdict is published on either side of the change. The JSON is the
        // record's own compact snapshot, where "State":1 can only be the property (a quote inside a string is escaped).
        var published = $"%\"{nameof(Verdict.State)}\":{(int)VerdictState.Published}%";
        if (db.Database.IsNpgsql())
        {
            return db.Claims.FromSql($"""
                SELECT * FROM "Claims" AS c
                WHERE c."CreatedAt" >= {since}
                   OR EXISTS (SELECT 1 FROM "AuditEntries" AS e
                              WHERE e."ClaimId" = c."Id" AND e."At" >= {since} AND e."EntityType" <> 'Annotation'
                                AND (e."EntityType" <> 'Verdict' OR e."Before" LIKE {published} OR e."After" LIKE {published}))
                   OR EXISTS (SELECT 1 FROM "ClaimRelations" AS r
                              JOIN "AuditEntries" AS e ON e."EntityType" = 'ClaimRelation' AND e."EntityId" = r."Id"
                              WHERE r."ToClaimId" = c."Id" AND e."At" >= {since})
                """);
        }
        // SQLite keeps a DateTimeOffset as text with its offset; julianday() reads that text as the instant it names
        // (to the millisecond), whatever the offset, where comparing the texts would be right only for equal offsets.
        var sinceText = since.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        return db.Claims.FromSql($"""
            SELECT * FROM "Claims" AS c
            WHERE julianday(c."CreatedAt") >= julianday({sinceText})
               OR EXISTS (SELECT 1 FROM "AuditEntries" AS e
                          WHERE e."ClaimId" = c."Id" AND julianday(e."At") >= julianday({sinceText}) AND e."EntityType" <> 'Annotation'
                            AND (e."EntityType" <> 'Verdict' OR e."Before" LIKE {published} OR e."After" LIKE {published}))
               OR EXISTS (SELECT 1 FROM "ClaimRelations" AS r
                          JOIN "AuditEntries" AS e ON e."EntityType" = 'ClaimRelation' AND e."EntityId" = r."Id"
                          WHERE r."ToClaimId" = c."Id" AND julianday(e."At") >= julianday({sinceText}))
            """);
    }
}
