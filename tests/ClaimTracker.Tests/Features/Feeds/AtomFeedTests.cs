using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Feeds;
using ClaimTracker.Web.Features.Serving;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Feeds;

/// <summary>The Atom feeds read back as Atom 1.0 (SyndicationFeed and the raw XML), with what each must and must not say.</summary>
[BothEngines]
public class AtomFeedTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly HttpClient _client = app.CreateClient();

    private string Root => app.Services.GetRequiredService<PublicBaseUrl>().RootWithoutSlash;

    /// <summary>Fetches a feed, checks it is Atom 1.0 with the elements RFC 4287 requires, and reads it.</summary>
    private async Task<(SyndicationFeed Feed, string Xml)> GetFeedAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}: {xml}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);

        var document = XDocument.Parse(xml);
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.Single(feed.Elements(Atom + required));
        }
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && (string?)l.Attribute("href") == Root + url);
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            foreach (var required in new[] { "id", "title", "updated" })
            {
                Assert.Single(entry.Elements(Atom + required));
            }
            Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") is null or "alternate");
        }

        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        var read = formatter.Feed;
        Assert.StartsWith(Root + "/", read.Id, StringComparison.Ordinal);
        Assert.Equal(read.Items.Count(), read.Items.Select(i => i.Id).Distinct().Count());
        Assert.All(read.Items, i => Assert.StartsWith(Root + "/", i.Id, StringComparison.Ordinal));
        return (read, xml);
    }

    private static string Text(SyndicationContent? content) => (content as TextSyndicationContent)?.Text ?? "";

    [Fact]
    public async Task The_verdicts_feed_lists_published_verdicts_newest_first_with_rating_rationale_and_claim_link()
    {
        var first = await app.ClaimId("zelensky-hesitating");
        var second = await app.ClaimId("kyiv-cannot-cede-land");
        var drafted = await app.ClaimId("kyiv-should-withdraw-troops");
        await app.PublishAsync(first, "Older rationale, published first.");
        await app.PublishAsync(second, "Newer rationale, published second.");
        await app.DraftAsync(drafted, "FEED-DRAFT-CANARY not for the public.");

        var (feed, xml) = await GetFeedAsync("/feeds/verdicts.atom");

        var entries = feed.Items.ToList();
        Assert.True(entries.Count >= 2, xml);
        var claimLinks = entries.Select(e => e.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri).ToList();
        Assert.True(claimLinks.IndexOf($"{Root}/claims/{second}") < claimLinks.IndexOf($"{Root}/claims/{first}"), "not newest first: " + xml);
        Assert.DoesNotContain($"{Root}/claims/{drafted}", claimLinks);
        Assert.DoesNotContain("FEED-DRAFT-CANARY", xml, StringComparison.Ordinal);
        var newest = entries[claimLinks.IndexOf($"{Root}/claims/{second}")];
        Assert.StartsWith("False: ", newest.Title.Text, StringComparison.Ordinal); // the rating the helpers give
        Assert.Equal("Newer rationale, published second.", Text(newest.Content));
        Assert.Equal(entries.Max(e => e.LastUpdatedTime), feed.LastUpdatedTime);
        Assert.Equal(entries.OrderByDescending(e => e.LastUpdatedTime).Select(e => e.Id), entries.Select(e => e.Id));
    }

    [Fact]
    public async Task A_claim_feed_words_its_history_for_the_public_without_drafts_note_words_or_editor_names()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");
        await using (var db = app.CreateDbContext())
        {
            db.Annotations.Add(new Annotation { ClaimId = claimId, Body = "NOTE-WORDS-CANARY, since deleted.", AuthorId = "someone", AuthorName = "NOTE-AUTHOR-CANARY" });
            await db.SaveChangesAsync();
            var note = await db.Annotations.SingleAsync(n => n.Body.StartsWith("NOTE-WORDS-CANARY"));
            db.Annotations.Remove(note);
            await db.SaveChangesAsync();
        }
        var draft = await app.DraftAsync(claimId, "CLAIM-FEED-DRAFT-CANARY");

        var (feed, xml) = await GetFeedAsync($"/claims/{claimId}/feed.atom");

        Assert.Equal($"{Root}/claims/{claimId}/feed.atom", feed.Id);
        var entries = feed.Items.ToList();
        Assert.Contains(entries, e => e.Title.Text.StartsWith("Created the claim", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Title.Text.StartsWith("Recorded a statement: Donald Trump's statement", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Title.Text.StartsWith("Note deleted", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal($"{Root}/claims/{claimId}", e.Links.Single().Uri.AbsoluteUri));
        Assert.Equal(entries.OrderByDescending(e => e.LastUpdatedTime).ThenByDescending(e => e.Id, StringComparer.Ordinal).Select(e => e.Id), entries.Select(e => e.Id));
        foreach (var secret in new[] { "NOTE-WORDS-CANARY", "NOTE-AUTHOR-CANARY", "CLAIM-FEED-DRAFT-CANARY", "Test Editor", "test-editor", "visible to editors)" })
        {
            Assert.DoesNotContain(secret, xml, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(entries, e => e.Title.Text.Contains("drafted", StringComparison.OrdinalIgnoreCase) && e.Title.Text.StartsWith("Verdict", StringComparison.Ordinal));

        // Published, it is news; reopened, the feed says it was withdrawn, still without its words.
        var published = await app.AsAsync(ClaimTracker.Web.Features.Accounts.Roles.Editor, s => s.PublishAsync(claimId, draft.Version));
        Assert.True(published.Succeeded, published.Message);
        var reopened = await app.AsAsync(ClaimTracker.Web.Features.Accounts.Roles.Editor, s => s.ReopenAsync(claimId, published.Value!.Version));
        Assert.True(reopened.Succeeded, reopened.Message);
        (feed, xml) = await GetFeedAsync($"/claims/{claimId}/feed.atom");
        var titles = feed.Items.Select(e => e.Title.Text).ToList();
        Assert.Equal("Verdict reopened: withdrawn from public view, back in review (visible to editors)", titles[0]);
        Assert.Contains("Verdict published", titles);
        Assert.DoesNotContain("CLAIM-FEED-DRAFT-CANARY", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_feed_holds_the_latest_entries_only()
    {
        var claimId = await app.ClaimId("witkoff-kushner-to-moscow");
        for (var i = 0; i < AtomFeeds.EntriesShown + 5; i++)
        {
            await using var db = app.CreateDbContext();
            var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
            claim.Topics = [$"round {i}"];
            await db.SaveChangesAsync();
        }

        var (feed, _) = await GetFeedAsync($"/claims/{claimId}/feed.atom");

        var entries = feed.Items.ToList();
        Assert.Equal(AtomFeeds.EntriesShown, entries.Count);
        Assert.Contains($"round {AtomFeeds.EntriesShown + 4}", Text(entries[0].Content), StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Title.Text.StartsWith("Created the claim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_claim_is_404_and_a_malformed_id_400()
    {
        await _client.AssertProblemAsync("/claims/999999/feed.atom", HttpStatusCode.NotFound);
        await _client.AssertProblemAsync("/claims/abc/feed.atom", HttpStatusCode.BadRequest);
    }
}
