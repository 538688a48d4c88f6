using System.Net;
using System.Text.Encodings.Web;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Annotations;

/// <summary>
/// A database that already holds notes the save-time limits now refuse (written before the limits, or by hand) keeps
/// serving: the claim page and the reader answer 200 to everyone, with such a note shown as inert plain text. The rows go
/// straight into the database, past the services, as they would have in an older version of the app.
/// </summary>
[BothEngines]
public class StoredHostileNoteTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private const string ClaimKey = "putin-ready-for-deal";
    private const string Quote = "ready to make a deal";

    /// <summary>What each stored note holds, and a marker that finds it on the page.</summary>
    public static readonly (string Marker, string Body)[] HostileBodies =
    [
        // The reported attack: Markdig throws "too deeply nested".
        ("hostile-quotes", new string('>', 300) + " hostile-quotes"),
        // Parses, then the HTML renderer throws on the depth of emphasis.
        ("hostile-stars", Stars + "hostile-stars" + Stars),
        // Past every limit: shown as text without being parsed at all.
        ("hostile-million", "hostile-million " + PastTheLimits),
        ("hostile-html", "hostile-html <script>window.__pwned = 1</script> <img src=x onerror=alert(1)>"),
        ("hostile-controls", "hostile-controls " + Unstorable + "\u0007\u001b[31m red " + HalfACharacter + " half \u202E desrever"),
    ];

    // What PostgreSQL cannot hold, no row there has: SQLite stores whatever it is given, but PostgreSQL checks the note
    // column's length (so there the stars stop where the column does, and the note past every limit is past the line
    // limit instead of a million characters long), its text holds no NUL, and its UTF-8 no half of a surrogate pair.
    private static string Stars => new('*', TestEngine.IsPostgres ? (InputLimits.NoteLength - 20) / 2 : 5000);

    private static string PastTheLimits => TestEngine.IsPostgres
        ? string.Join('\n', Enumerable.Repeat("m", InputLimits.NoteLines * 2))
        : new string('m', 1_000_000);

    private static string Unstorable => TestEngine.IsPostgres ? "" : "\0";

    private static string HalfACharacter => TestEngine.IsPostgres ? "" : "\uD800";

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(int ClaimId, int SourceId)> StoreHostileNotesAsync()
    {
        var claimId = await app.ClaimId(ClaimKey);
        var sourceId = await app.SourceId(SourceKey);
        await using var db = app.CreateDbContext();
        if (await db.Annotations.AnyAsync(n => n.AuthorId == "old-version"))
        {
            return (claimId, sourceId); // the class shares one app; the notes are stored once
        }
        var text = await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync();
        var at = text.IndexOf(Quote, StringComparison.Ordinal);
        db.ChangedBy = new ChangeAuthor("old-version", "Written Before The Limits");
        foreach (var (_, body) in HostileBodies)
        {
            db.Annotations.Add(new Annotation { ClaimId = claimId, Body = body, AuthorId = "old-version", AuthorName = "Old Version", CreatedAt = DateTimeOffset.UtcNow });
            db.Annotations.Add(new Annotation
            {
                SourceId = sourceId,
                Anchor = TextAnchor.FromText(text, at, at + Quote.Length),
                Body = body,
                AuthorId = "old-version",
                AuthorName = "Old Version",
                CreatedAt = DateTimeOffset.UtcNow,
            });
        }
        // A history row a hand edit left unreadable: the History must not fall over it either.
        db.AuditEntries.Add(new AuditEntry
        {
            EntityType = nameof(Annotation),
            EntityId = 0,
            ClaimId = claimId,
            Action = AuditAction.Updated,
            UserName = "Hand Edit",
            At = DateTimeOffset.UtcNow,
            Before = "{\"body\": [[[[",
            After = "not json at all",
        });
        await db.SaveChangesAsync();
        return (claimId, sourceId);
    }

    private static void AssertShownInert(string html)
    {
        foreach (var (marker, _) in HostileBodies)
        {
            Assert.Contains(marker, html);
        }
        // The quotes and the HTML arrive as text, encoded: never as live blockquotes 300 deep, a script, or an image.
        Assert.Contains(HtmlEncoder.Default.Encode(new string('>', 20)), html);
        Assert.DoesNotContain("<script>window.__pwned", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain(string.Concat(Enumerable.Repeat("<blockquote>", 20)), html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Journalist)]
    [InlineData(Roles.Editor)]
    public async Task The_claim_page_and_the_reader_keep_serving_with_the_notes_shown_as_text(string? role)
    {
        var (claimId, sourceId) = await StoreHostileNotesAsync();
        var client = NewClient();
        if (role is not null)
        {
            var login = await Http.PostLoginAsync(client, $"{role.ToLowerInvariant()}@claimtracker.test", AccountSeeding.DefaultDemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var claimPage = await client.GetAsync($"/claims/{claimId}");
        var claimHtml = await claimPage.Content.ReadAsStringAsync();
        Assert.True(claimPage.StatusCode == HttpStatusCode.OK, $"/claims/{claimId} answered {(int)claimPage.StatusCode}");
        AssertShownInert(claimHtml);
        if (role is not null)
        {
            // Signed in, the History is on the page too, unreadable row included.
            Assert.Contains("data-testid=\"claim-history\"", claimHtml);
        }

        var reader = await client.GetAsync($"/sources/{sourceId}");
        var readerHtml = await reader.Content.ReadAsStringAsync();
        Assert.True(reader.StatusCode == HttpStatusCode.OK, $"/sources/{sourceId} answered {(int)reader.StatusCode}");
        AssertShownInert(readerHtml);
    }
}
