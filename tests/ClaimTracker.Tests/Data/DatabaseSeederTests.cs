using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>The seeder over a fresh, migrated database per test, on the engine the run is on.</summary>
[BothEngines]
public sealed class DatabaseSeederTests : IAsyncLifetime
{
    private readonly EmptyTestDatabase database = new();

    public Task InitializeAsync() => database.MigrateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private ClaimTrackerDbContext NewContext() => database.NewContext();

    private async Task<int> SeedAsync(LoadedSeed seed)
    {
        await using var db = NewContext();
        return await DatabaseSeeder.SeedAsync(db, seed);
    }

    private async Task<(int Actors, int Sources, int Claims, int Attributions, int Relations, int Subjects)> CountsAsync()
    {
        await using var db = NewContext();
        return (
            await db.Actors.CountAsync(),
            await db.Sources.CountAsync(),
            await db.Claims.CountAsync(),
            await db.Attributions.CountAsync(),
            await db.ClaimRelations.CountAsync(),
            await db.Claims.SelectMany(c => c.Subjects).CountAsync());
    }

    [Fact]
    public async Task Seeding_an_empty_database_writes_every_entry()
    {
        var doc = TestSeeds.Document;

        await SeedAsync(TestSeeds.Loaded);

        Assert.Equal(
            (doc.Actors.Count, doc.Sources.Count, doc.Claims.Count, doc.Attributions.Count, doc.Relations.Count, doc.Claims.Sum(c => c.Subjects?.Count ?? 0)),
            await CountsAsync());
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        var first = await SeedAsync(TestSeeds.Loaded);
        var afterFirst = await CountsAsync();

        var second = await SeedAsync(TestSeeds.Loaded);

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(afterFirst, await CountsAsync());
    }

    [Fact]
    public async Task Reseeding_leaves_an_edited_entry_alone()
    {
        await SeedAsync(TestSeeds.Loaded);
        await using (var db = NewContext())
        {
            var claim = await db.Claims.SingleAsync(c => c.Key == "putin-ready-for-deal");
            claim.Text = "Edited by an editor.";
            claim.Status = ClaimStatus.Published;
            await db.SaveChangesAsync();
        }

        var added = await SeedAsync(TestSeeds.Loaded);

        await using var check = NewContext();
        var after = await check.Claims.SingleAsync(c => c.Key == "putin-ready-for-deal");
        Assert.Equal(0, added);
        Assert.Equal("Edited by an editor.", after.Text);
        Assert.Equal(ClaimStatus.Published, after.Status);
    }

    [Fact]
    public async Task Reseeding_adds_only_the_entries_that_are_new()
    {
        await SeedAsync(TestSeeds.Loaded);
        var before = await CountsAsync();
        var doc = TestSeeds.Document;
        var text = TestSeeds.Loaded.SourceTexts["reuters-ukraine-peace-talks"];
        const string quote = "Trump asserted that Vladimir Putin is";
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        var anchor = TextAnchor.FromText(text, start, start + quote.Length);
        var extra = doc.Attributions[0] with
        {
            Key = "reuters-narrates-trump-assertion",
            Actor = "reuters",
            Claim = "putin-ready-for-deal",
            Mode = "Narration",
            Quote = anchor.Exact,
            Start = anchor.Start,
            End = anchor.End,
            Prefix = anchor.Prefix,
            Suffix = anchor.Suffix,
        };
        var grown = new LoadedSeed(doc with { Attributions = [.. doc.Attributions, extra] }, TestSeeds.Loaded.SourceTexts);
        Assert.Empty(SeedValidator.Validate(grown.Document, grown.SourceTexts));

        var added = await SeedAsync(grown);

        Assert.Equal(1, added);
        Assert.Equal(before with { Attributions = before.Attributions + 1 }, await CountsAsync());
        await using var db = NewContext();
        var stored = await db.Attributions.Include(a => a.Actor).Include(a => a.Claim).SingleAsync(a => a.Key == extra.Key);
        Assert.Equal(("reuters", "putin-ready-for-deal", AttributionMode.Narration), (stored.Actor.Key, stored.Claim.Key, stored.Mode));
    }

    [Fact]
    public async Task Stored_anchors_still_point_at_their_quotes_in_the_stored_text()
    {
        await SeedAsync(TestSeeds.Loaded);

        await using var db = NewContext();
        var source = await db.Sources.SingleAsync();
        Assert.Equal(TestSeeds.Document.Sources[0].ContentHash, source.ContentHash);
        Assert.Equal(TestSeeds.ArticleText(source.Key), source.Text);
        foreach (var a in await db.Attributions.ToListAsync())
        {
            Assert.Null(a.Anchor.FindMismatch(source.Text));
        }
        foreach (var r in await db.ClaimRelations.Where(r => r.Evidence != null).ToListAsync())
        {
            Assert.Null(r.Evidence!.FindMismatch(source.Text));
        }
    }

    [Fact]
    public async Task Enum_values_are_stored_as_written_in_the_seed()
    {
        await SeedAsync(TestSeeds.Loaded);

        await using var db = NewContext();
        var stored = await db.Attributions.Select(a => new { a.Key, a.Stance, a.Mode }).ToDictionaryAsync(a => a.Key);
        foreach (var a in TestSeeds.Document.Attributions)
        {
            Assert.Equal(a.Stance, stored[a.Key].Stance.ToString());
            Assert.Equal(a.Mode, stored[a.Key].Mode.ToString());
        }
        // As text in the table itself, whatever EF makes of it.
        Assert.Equal("Questions", await db.Database
            .SqlQuery<string>($"SELECT \"Stance\" AS \"Value\" FROM \"Attributions\" WHERE \"Key\" = 'gabbard-questions-assessment'")
            .SingleAsync());
    }

    [Fact]
    public async Task A_changed_text_under_a_stored_source_key_refuses_to_seed_and_names_the_source()
    {
        await SeedAsync(TestSeeds.Loaded);
        // The same key with a corrected text: the stored anchors would now point into a different text.
        var texts = TestSeeds.Loaded.SourceTexts.ToDictionary(kv => kv.Key, kv => kv.Value + " Corrected.");
        var changed = TestSeeds.Loaded with { SourceTexts = texts };

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedAsync(changed));

        Assert.Contains("sources 'reuters-ukraine-peace-talks'", error.Message);
        Assert.Contains("must be a new source", error.Message);
    }
}
