using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Overview;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// The reading pages' cache serves a model again only while nothing was committed: any writer (the app's services, or a
/// connection the app knows nothing of, as a command-line import would be) makes the next read load afresh.
/// </summary>
public class ReadModelCacheTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task A_model_is_served_again_until_another_connection_commits()
    {
        var claims = app.GetService<DisputeReader>();
        var id = await app.ClaimId("putin-ready-for-deal");

        var first = await claims.GetDisputeAsync(id);
        var again = await claims.GetDisputeAsync(id);
        Assert.Same(first, again);

        // A write the app's services never saw: only SQLite knows of it.
        await using (var outsider = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await outsider.OpenAsync();
            await using var update = outsider.CreateCommand();
            update.CommandText = "UPDATE Claims SET Text = Text || ' (edited outside)' WHERE Id = $id";
            update.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var after = await claims.GetDisputeAsync(id);
        Assert.NotSame(first, after);
        Assert.EndsWith("(edited outside)", after!.Claim.Text);
        Assert.Same(after, await claims.GetDisputeAsync(id));
    }

    [Fact]
    public async Task A_read_that_writes_nothing_keeps_the_version_and_a_commit_moves_it()
    {
        var version = app.Services.GetRequiredService<RecordVersion>();
        var before = version.Current;
        await app.GetService<OverviewService>().GetAsync();
        Assert.Equal(before, version.Current);

        await using (var db = app.CreateDbContext())
        {
            var actor = await db.Actors.FindAsync(await app.ActorId("russian-government"));
            actor!.Role = "Seat of the Russian presidency (cache test)";
            await db.SaveChangesAsync();
        }
        Assert.NotEqual(before, version.Current);
    }

    [Fact]
    public async Task Models_of_different_arguments_are_kept_apart()
    {
        var claims = app.GetService<ClaimService>();
        var newest = await claims.SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.Newest, PageSize: 3));
        var byText = await claims.SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.Text, PageSize: 3));
        var all = await claims.SearchAsync(new ClaimSearchQuery(PageSize: 100));
        var zelensky = await claims.SearchAsync(new ClaimSearchQuery("Zelensky", PageSize: 100));

        Assert.NotEqual(newest.Items.Select(c => c.Id), byText.Items.Select(c => c.Id));
        Assert.InRange(zelensky.TotalCount, 1, all.TotalCount - 1);
        Assert.Equal(byText.Items.Select(c => c.Id), (await claims.SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.Text, PageSize: 3))).Items.Select(c => c.Id));
    }
}
