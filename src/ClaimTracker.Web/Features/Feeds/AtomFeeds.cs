using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Feeds;

/// <summary>
/// The Atom feeds (RFC 4287), written with System.ServiceModel.Syndication: published verdicts, newest first, and each
/// claim's changes in public words. Both are bounded to the latest <see cref="EntriesShown"/> entries, and every link and
/// id is absolute on the site's public address (<see cref="Serving.PublicBaseUrl"/>), never the request's Host.
/// Nothing here is for editors only: no verdict draft, no draft's values, no note's words, no editor's name.
/// </summary>
public sealed class AtomFeeds(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ClaimReviewService reviews)
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const int EntriesShown = 50;

    /// <summary>Published verdicts, most recently published first, each linking to its claim, with the rating and the rationale.</summary>
    public async Task<SyndicationFeed> VerdictsAsync(string root, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Ordered by publication in SQL: EF cannot order by a DateTimeOffset on SQLite, which keeps it as text with its
        // offset; julianday() reads that text as the instant. Published verdicts are a few percent of claims, and the sort
        // keeps only the top rows, so no index on PublishedAt is needed for the latest few. (The state is stored by name, as
        // every enum is.)
        var ids = await (db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>($"""
                SELECT v."Id" AS "Value" FROM "Verdicts" AS v JOIN "Claims" AS c ON c."Id" = v."ClaimId"
                WHERE v."State" = {nameof(VerdictState.Published)} AND NOT v."IsDeleted" AND NOT c."IsDeleted"
                ORDER BY v."PublishedAt" DESC, v."Id" DESC LIMIT {EntriesShown}
                """)
            : db.Database.SqlQuery<int>($"""
                SELECT v."Id" AS "Value" FROM "Verdicts" AS v JOIN "Claims" AS c ON c."Id" = v."ClaimId"
                WHERE v."State" = {nameof(VerdictState.Published)} AND NOT v."IsDeleted" AND NOT c."IsDeleted"
                ORDER BY julianday(v."PublishedAt") DESC, v."Id" DESC LIMIT {EntriesShown}
                """)).ToListAsync(ct);
        var verdicts = ids.Count == 0 ? [] : await db.Verdicts.AsNoTracking()
            .Where(v => ids.Contains(v.Id) && v.State == VerdictState.Published)
            .Select(v => new { v.Id, v.ClaimId, ClaimText = v.Claim.Text, v.RatingLabel.Label, v.Rationale, v.PublishedAt, v.UpdatedAt })
            .ToListAsync(ct);
        var byId = verdicts.ToDictionary(v => v.Id);
        var entries = ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(v =>
        {
            var published = v.PublishedAt ?? v.UpdatedAt;
            var claimUrl = new Uri($"{root}/claims/{v.ClaimId}");
            // One entry per publication: a verdict reopened and published again is news again, under a new id.
            var item = new SyndicationItem($"{v.Label}: {v.ClaimText}", new TextSyndicationContent(v.Rationale), claimUrl,
                $"{root}/claims/{v.ClaimId}#verdict-{v.Id}-{published.ToUnixTimeSeconds()}", published)
            {
                PublishDate = published,
                Summary = new TextSyndicationContent($"Rated {v.Label}. {v.Rationale}"),
            };
            item.Categories.Add(new SyndicationCategory(v.Label));
            return item;
        }).ToList();
        return Feed($"{root}/feeds/verdicts.atom", $"{reviews.NewsroomName}: published verdicts",
            "Verdicts as they are published: each claim's rating and the rationale behind it.", $"{root}/claims", entries);
    }

    /// <summary>
    /// The claim's latest changes, newest first, worded as its History tab words them for a reader with no role
    /// (<see cref="HistoryReader.Public"/>), without the names of the editors who made them; null for an unknown claim.
    /// Verdict entries appear only when the verdict is published on one side of the change (published, reopened, retired):
    /// that a draft was written or edited is the newsroom's own business.
    /// </summary>
    public async Task<SyndicationFeed?> ClaimChangesAsync(int claimId, string root, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => new { c.Id, c.Text }).SingleOrDefaultAsync(ct);
        if (claim is null)
        {
            return null;
        }
        // Read newest first in the index (ClaimId, At) by id, which grows with time and never ties; a few more than shown,
        // since draft entries are left out, and never more than a bounded number.
        var page = await db.AuditEntries.AsNoTracking().Where(e => e.ClaimId == claimId)
            .OrderByDescending(e => e.Id).Take(EntriesShown * 4).ToListAsync(ct);
        var shown = page.Where(IsPublic).Take(EntriesShown).ToList();
        var described = await ClaimHistoryService.DescribeAsync(db, HistoryReader.Public, shown, ct);
        var claimUrl = new Uri($"{root}/claims/{claimId}");
        var entries = described.Select(e =>
        {
            var title = e.Withheld ?? Sentence(e.What) + (e.Summary is null ? "" : ": " + HistoryNames.Shorten(e.Summary, 200));
            var body = e.Changes.Count == 0 ? title : string.Join("\n", e.Changes.Select(c => c.Text));
            return new SyndicationItem(title, new TextSyndicationContent(body), claimUrl, $"{root}/claims/{claimId}/history/{e.Id}", e.At)
            {
                PublishDate = e.At,
            };
        }).ToList();
        return Feed($"{root}/claims/{claimId}/feed.atom", $"Changes to the claim “{HistoryNames.Shorten(claim.Text, 120)}”",
            $"What changed on this claim in {reviews.NewsroomName}: its text and status, its statements and relations, its verdict's publication.",
            claimUrl.AbsoluteUri, entries);
    }

    /// <summary>Whether a history entry may be told to the public at all (its words are filtered further by <see cref="HistoryReader.Public"/>).</summary>
    private static bool IsPublic(AuditEntry entry) => entry.EntityType != nameof(Verdict)
        || HistorySnapshot.Parse(entry.Before).Int(nameof(Verdict.State)) == (int)VerdictState.Published
        || HistorySnapshot.Parse(entry.After).Int(nameof(Verdict.State)) == (int)VerdictState.Published;

    private static string Sentence(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];

    private SyndicationFeed Feed(string selfUrl, string title, string subtitle, string alternateUrl, List<SyndicationItem> entries)
    {
        var feed = new SyndicationFeed(title, subtitle, new Uri(alternateUrl), selfUrl,
            // An empty feed was last changed at no known time; the epoch says so, where "now" would make it look new on every read.
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.LastUpdatedTime), entries)
        {
            Generator = "ClaimTracker",
        };
        feed.Authors.Add(new SyndicationPerson { Name = reviews.NewsroomName });
        feed.Links.Add(new SyndicationLink(new Uri(selfUrl), "self", title, "application/atom+xml", 0));
        return feed;
    }

    /// <summary>The feed as Atom 1.0 XML, UTF-8.</summary>
    public static string Write(SyndicationFeed feed)
    {
        var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(xml);
        }
        return text.ToString();
    }

    /// <summary>Declares UTF-8 in the XML prolog (a StringWriter says UTF-16), as the response is sent.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
