using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Api;

/// <summary>
/// The seeded app with its whole record dated in 2020 (creations and history), so that "since 2024" finds exactly what a
/// test changes, without depending on how fast the machine is.
/// </summary>
public sealed class DatedRecordFactory : ClaimTrackerFactory
{
    public static readonly DateTimeOffset RecordDate = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        await db.Claims.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, RecordDate));
        await db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.At, RecordDate));
    }
}

/// <summary><c>/api/claims?updatedSince=</c>: which claims count as created or changed (see ClaimChanges), malformed values, and paging.</summary>
[BothEngines]
public class UpdatedSinceTests(DatedRecordFactory app) : IClassFixture<DatedRecordFactory>
{
    private const string Since2024 = "2024-01-01T00:00:00Z";
    private readonly HttpClient _client = app.CreateClient();

    private async Task<List<int>> ChangedSinceAsync(string since, int? limit = null)
    {
        var page = await _client.GetJsonAsync($"/api/claims?updatedSince={Uri.EscapeDataString(since)}" + (limit is null ? "&limit=500" : $"&limit={limit}"));
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
    }

    private async Task SaveAsync(Func<ClaimTracker.Web.Data.ClaimTrackerDbContext, Task> change)
    {
        await using var db = app.CreateDbContext();
        await change(db);
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01T10:00:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-12-01 10:00:00Z")]
    [InlineData("1733000000")]
    public async Task A_value_that_is_not_an_ISO_8601_instant_with_a_zone_is_400(string value)
    {
        var detail = await _client.AssertProblemAsync($"/api/claims?updatedSince={Uri.EscapeDataString(value)}", HttpStatusCode.BadRequest);
        Assert.Contains("updatedSince", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_record_every_claim_is_listed_and_after_the_last_change_none()
    {
        var all = (await _client.GetJsonAsync("/api/claims?limit=500")).GetProperty("items").GetArrayLength();
        Assert.Equal(all, (await ChangedSinceAsync("2019-12-31T23:59:59Z")).Count);
        Assert.Empty(await ChangedSinceAsync("2100-01-01T00:00:00+01:00"));
    }

    [Fact]
    public async Task Creations_edits_statements_and_relations_either_way_count_but_notes_do_not()
    {
        var edited = await app.ClaimId("putin-ready-for-deal");
        var withStatement = await app.ClaimId("kremlin-keeps-objectives");
        var relationFrom = await app.ClaimId("trump-trust-in-putin-objectionable");
        var relationTo = await app.ClaimId("putin-aims-to-seize-ukraine");
        var noted = await app.ClaimId("putin-would-accept-framework");
        var untouched = await app.ClaimId("ukraine-should-cede-donbas");
        Assert.DoesNotContain(edited, await ChangedSinceAsync(Since2024));

        await SaveAsync(async db => (await db.Claims.SingleAsync(c => c.Id == edited)).Topics.Add("edited topic"));
        await SaveAsync(async db =>
        {
            var existing = await db.Attributions.FirstAsync(a => a.ClaimId == withStatement);
            existing.SaidWhen = "on Friday";
        });
        await SaveAsync(db =>
        {
            db.ClaimRelations.Add(new ClaimRelation { Key = "since-test-relation", FromClaimId = relationFrom, ToClaimId = relationTo, Type = RelationType.Supports, Rationale = "For the test." });
            return Task.CompletedTask;
        });
        await SaveAsync(db =>
        {
            db.Annotations.Add(new Annotation { ClaimId = noted, Body = "A note.", AuthorId = "test", AuthorName = "Test" });
            return Task.CompletedTask;
        });

        var changed = await ChangedSinceAsync(Since2024);
        Assert.Contains(edited, changed);
        Assert.Contains(withStatement, changed);
        Assert.Contains(relationFrom, changed);
        Assert.Contains(relationTo, changed);
        Assert.DoesNotContain(noted, changed);
        Assert.DoesNotContain(untouched, changed);

        await SaveAsync(db =>
        {
            var claim = new Claim { Key = "since-test-new", Text = "A claim recorded after the instant." };
            db.Claims.Add(claim);
            return Task.CompletedTask;
        });
        Assert.Contains(await app.ClaimId("since-test-new"), await ChangedSinceAsync(Since2024));
    }

    [Fact]
    public async Task A_verdict_draft_alone_does_not_list_its_claim_but_its_publication_does()
    {
        var claimId = await app.ClaimId("kyiv-should-withdraw-troops");
        // The claim already in review (its status changed long ago), so the draft changes nothing but the verdict.
        await SaveAsync(async db => (await db.Claims.SingleAsync(c => c.Id == claimId)).Status = ClaimStatus.InReview);
        await using (var db = app.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.ClaimId == claimId).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, DatedRecordFactory.RecordDate));
        }
        Assert.DoesNotContain(claimId, await ChangedSinceAsync(Since2024));

        var draft = await app.DraftAsync(claimId, "Still a draft.");
        await using (var db = app.CreateDbContext())
        {
            // The draft moved the status to "verdict drafted": a change of the claim, dated back so only the verdict's entry is new.
            await db.AuditEntries.Where(e => e.ClaimId == claimId && e.EntityType == nameof(Claim)).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, DatedRecordFactory.RecordDate));
        }
        Assert.DoesNotContain(claimId, await ChangedSinceAsync(Since2024));

        var published = await app.AsAsync(ClaimTracker.Web.Features.Accounts.Roles.Editor, s => s.PublishAsync(claimId, draft.Version));
        Assert.True(published.Succeeded, published.Message);
        await using (var db = app.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.ClaimId == claimId && e.EntityType == nameof(Claim)).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, DatedRecordFactory.RecordDate));
        }
        Assert.Contains(claimId, await ChangedSinceAsync(Since2024));
    }

    [Fact]
    public async Task The_instant_is_compared_as_an_instant_whatever_offset_either_side_is_written_with()
    {
        var claimId = await app.ClaimId("kyiv-cannot-cede-land");
        // Stored with an offset of +05:00: 03:00 there is 22:00 UTC the day before.
        var at = new DateTimeOffset(2025, 6, 1, 3, 0, 0, TimeSpan.FromHours(5));
        await using (var db = app.CreateDbContext())
        {
            var entry = await db.AuditEntries.Where(e => e.ClaimId == claimId).OrderBy(e => e.Id).FirstAsync();
            await db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, at));
        }
        Assert.Contains(claimId, await ChangedSinceAsync("2025-05-31T21:59:59Z"));
        Assert.Contains(claimId, await ChangedSinceAsync("2025-05-31T22:00:00Z"));
        Assert.Contains(claimId, await ChangedSinceAsync("2025-06-01T00:00:00+02:00"));
        Assert.DoesNotContain(claimId, await ChangedSinceAsync("2025-05-31T22:00:01Z"));
        Assert.DoesNotContain(claimId, await ChangedSinceAsync("2025-06-01T03:00:01+05:00"));
    }

    [Fact]
    public async Task Paging_with_next_walks_the_changed_claims_once()
    {
        foreach (var key in new[] { "zelensky-hesitating", "russia-open-to-talks", "witkoff-kushner-to-moscow" })
        {
            var id = await app.ClaimId(key);
            await SaveAsync(async db => (await db.Claims.SingleAsync(c => c.Id == id)).Topics.Add("paged"));
        }
        var expected = await ChangedSinceAsync(Since2024);
        Assert.True(expected.Count >= 2, $"only {expected.Count} claims changed");

        var seen = new List<int>();
        string? next = null;
        do
        {
            var page = await _client.GetJsonAsync($"/api/claims?limit=1&updatedSince={Uri.EscapeDataString(Since2024)}" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            next = page.GetProperty("next").GetString();
            Assert.True(seen.Count <= expected.Count, "paging does not end");
        }
        while (next is not null);
        Assert.Equal(expected, seen);
    }
}
