using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// The triggers behind the search index, the dispute counts and the topic index exist once every migration has run, under
/// the same names on both engines, and start-up refuses a database that lost one, naming it. Each test gets its own
/// database, because each one changes it.
/// </summary>
[BothEngines]
public sealed class RequiredTriggersTests : IAsyncLifetime
{
    private readonly ClaimTrackerFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_required_trigger_exists_after_all_migrations()
    {
        await using var db = app.CreateDbContext();
        var triggers = await EngineSql.TriggerNamesAsync(db);

        Assert.Equal(27, RequiredTriggers.All.Count());
        Assert.All(RequiredTriggers.All, name => Assert.Contains(name, triggers));
        Assert.Empty(await RequiredTriggers.FindMissingAsync(db));
    }

    [Theory]
    [InlineData("ClaimSearch_AttributionUpdated")]
    [InlineData("DisputeCounts_RelationUpdated")]
    [InlineData("ClaimTopics_ClaimUpdated")]
    [InlineData("Positions_AttributionUpdated")]
    [InlineData("ActorCounts_AttributionUpdated")]
    public async Task A_dropped_trigger_stops_start_up_naming_it_and_start_up_goes_on_once_it_is_back(string trigger)
    {
        string definition;
        await using (var db = app.CreateDbContext())
        {
            definition = await EngineSql.TriggerDefinitionAsync(db, trigger);
            await EngineSql.DropTriggerAsync(db, trigger);
            Assert.Equal([trigger], await RequiredTriggers.FindMissingAsync(db));
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.InitializeDatabaseAsync());
        Assert.Contains(trigger, refused.Message);
        // The way back, for the engine it is on.
        Assert.Contains(TestEngine.IsPostgres ? "PostgresIndexes" : "migrationBuilder.Sql", refused.Message);

        await using (var db = app.CreateDbContext())
        {
#pragma warning disable EF1002 // the trigger's own definition, as the database gave it
            await db.Database.ExecuteSqlRawAsync(definition);
#pragma warning restore EF1002
            Assert.Empty(await RequiredTriggers.FindMissingAsync(db));
        }
        await app.Services.InitializeDatabaseAsync();
    }
}
