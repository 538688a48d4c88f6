using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>
/// The full-text index is kept current by triggers (FTS5's on SQLite, a tsvector's on PostgreSQL): edits made through EF,
/// in any code path, are searchable at once, and the index holds what indexing every claim afresh would give. Each test
/// gets its own database, because each one changes it.
/// </summary>
[BothEngines]
public sealed class ClaimSearchIndexTests : IAsyncLifetime
{
    private readonly ClaimTrackerFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<List<int>> FindAsync(string search)
    {
        var result = await app.GetService<ClaimService>().SearchAsync(new ClaimSearchQuery(Search: search, PageSize: 100), SearchTerms.Parse(search));
        return result.Items.Select(r => r.Id).ToList();
    }

    /// <summary>Every claim's index entry equals the claim indexed afresh, in the engine's own SQL.</summary>
    private async Task AssertIndexCurrentAsync(string step)
    {
        await using var db = app.CreateDbContext();
        var stale = await EngineSql.SearchIndexMismatchesAsync(db);
        Assert.True(stale.Count == 0, $"After {step}: {string.Join("; ", stale)}");
    }

    [Fact]
    public async Task The_seeded_index_holds_every_claim_indexed_afresh_and_a_recount_sees_a_stale_entry()
    {
        await AssertIndexCurrentAsync("seeding");

        // An entry made stale behind the triggers' back, to show that the recount can fail.
        var id = await app.ClaimId("witkoff-kushner-to-moscow");
        await using var db = app.CreateDbContext();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"ClaimSearch\" SET \"Body\" = to_tsvector('simple', 'stale') WHERE \"ClaimId\" = {id}");
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"UPDATE ClaimSearch SET body = 'stale' WHERE rowid = {id}");
        }
        var stale = Assert.Single(await EngineSql.SearchIndexMismatchesAsync(db));
        Assert.StartsWith($"claim {id}: indexed ", stale);
    }

    [Fact]
    public async Task A_changed_claim_text_is_found_by_its_new_words_and_not_its_old_ones()
    {
        var id = await app.ClaimId("witkoff-kushner-to-moscow");
        Assert.Contains(id, await FindAsync("Witkoff"));

        await using (var db = app.CreateDbContext())
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == id);
            claim.Text = "Two envoys are to fly to Saint Petersburg.";
            await db.SaveChangesAsync();
        }

        await AssertIndexCurrentAsync("changing the text");
        Assert.Contains(id, await FindAsync("Petersburg"));
        Assert.DoesNotContain(id, await FindAsync("will")); // in the old claim text only, not in the quote
    }

    [Fact]
    public async Task A_renamed_actor_is_found_on_the_claims_they_spoke_to()
    {
        var claimId = await app.ClaimId("russia-open-to-talks");
        Assert.Empty(await FindAsync("Dmitri"));

        await using (var db = app.CreateDbContext())
        {
            var peskov = await db.Actors.SingleAsync(a => a.Key == "dmitry-peskov");
            peskov.Aliases = [.. peskov.Aliases, "Dmitri Peskov"];
            await db.SaveChangesAsync();
        }

        await AssertIndexCurrentAsync("adding an alias");
        Assert.Equal([claimId], await FindAsync("Dmitri"));
    }

    [Fact]
    public async Task A_new_attribution_makes_its_quote_and_speaker_searchable_on_its_claim()
    {
        var claimId = await app.ClaimId("kyiv-cannot-cede-land");
        Assert.Empty(await FindAsync("Zaporizhzhia"));

        await using (var db = app.CreateDbContext())
        {
            var source = await db.Sources.SingleAsync();
            var start = source.Text.IndexOf("no legal authority", StringComparison.Ordinal);
            db.Attributions.Add(new Attribution
            {
                Key = "test-new-attribution",
                ActorId = await db.Actors.Where(a => a.Key == "ukrainian-government").Select(a => a.Id).SingleAsync(),
                ClaimId = claimId,
                SourceId = source.Id,
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                Anchor = TextAnchor.FromText(source.Text, start, start + "no legal authority".Length),
            });
            var actor = await db.Actors.SingleAsync(a => a.Key == "ukrainian-government");
            actor.Aliases = [.. actor.Aliases, "Zaporizhzhia delegation"];
            await db.SaveChangesAsync();
        }

        await AssertIndexCurrentAsync("adding a statement");
        Assert.Contains(claimId, await FindAsync("Zaporizhzhia"));
    }

    [Fact]
    public async Task A_deleted_statement_no_longer_makes_its_claim_findable_and_a_restored_one_does_again()
    {
        var claimId = await app.ClaimId("russia-open-to-talks");
        Assert.Equal([claimId], await FindAsync("Peskov"));

        await using (var db = app.CreateDbContext())
        {
            db.Attributions.Remove(await db.Attributions.SingleAsync(a => a.Key == "peskov-open-to-talks"));
            await db.SaveChangesAsync(); // a soft delete: the row stays, marked deleted
        }
        await AssertIndexCurrentAsync("deleting a statement");
        Assert.Empty(await FindAsync("Peskov"));

        await using (var db = app.CreateDbContext())
        {
            var statement = await db.Attributions.IgnoreQueryFilters().SingleAsync(a => a.Key == "peskov-open-to-talks");
            Assert.True(statement.IsDeleted);
            statement.IsDeleted = false;
            await db.SaveChangesAsync();
        }
        await AssertIndexCurrentAsync("restoring it");
        Assert.Equal([claimId], await FindAsync("Peskov"));
    }
}
