using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>The SQLite settings of <see cref="SqliteDurability"/> are in force on the connections the app opens.</summary>
public sealed class SqliteDurabilityTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private static async Task<object?> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> Outcome(Task<EditResult<StoredNote>> save)
    {
        try
        {
            return $"{await save}";
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    [Fact]
    public async Task A_connection_the_app_opens_has_write_ahead_logging_full_sync_a_30_second_busy_timeout_and_foreign_keys()
    {
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous")); // 2 = FULL (1 would be NORMAL)
        Assert.Equal(30_000L, await PragmaAsync(connection, "busy_timeout"));
        Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
        Assert.Equal(30, connection.DefaultTimeout);
    }

    [Fact]
    public async Task A_plain_connection_has_none_of_it_until_the_settings_are_applied()
    {
        // What the interceptor is for: SQLite's own defaults are to fail on a lock at once and to sync less.
        using var dir = new TempDirectory();
        await using var connection = new SqliteConnection($"Data Source={dir.File("plain.db")};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(0L, await PragmaAsync(connection, "busy_timeout"));

        await SqliteDurability.ApplyAsync(connection);

        Assert.Equal(30_000L, await PragmaAsync(connection, "busy_timeout"));
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous"));
        Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
    }

    [Fact]
    public void The_wait_for_a_lock_is_30_seconds_unless_the_connection_string_gives_its_own()
    {
        using var dir = new TempDirectory();
        var path = dir.File("timeout.db");

        Assert.Equal(30, new SqliteConnectionStringBuilder(DatabaseSetup.ResolveDataSource($"Data Source={path}", dir.Path)).DefaultTimeout);
        Assert.Equal(5, new SqliteConnectionStringBuilder(DatabaseSetup.ResolveDataSource($"Data Source={path};Default Timeout=5", dir.Path)).DefaultTimeout);
        Assert.Equal(7, new SqliteConnectionStringBuilder(DatabaseSetup.ResolveDataSource($"Data Source={path};Command Timeout=7", dir.Path)).DefaultTimeout);
    }

    [Fact]
    public async Task A_save_waits_while_another_connection_holds_the_write_lock_and_then_succeeds()
    {
        await using var holder = await DatabaseFile.OpenAsync(app.DatabasePath);
        await using var scope = app.Services.ScopeAs(Roles.Journalist, "lock-waiter");
        var notes = scope.As<AnnotationService>();
        var claimId = await app.ClaimId("putin-ready-for-deal");

        Task<EditResult<StoredNote>> save;
        await using (var transaction = holder.BeginTransaction()) // BEGIN IMMEDIATE: takes the write lock now
        {
            // On a thread of its own: Microsoft.Data.Sqlite's async calls run synchronously, waiting included.
            save = Task.Run(() => notes.AddToClaimAsync(claimId, "Written once the lock is free."));
            // Half a second in which the save can only wait; one that gave up on the lock would have failed by now.
            var first = await Task.WhenAny(save, Task.Delay(TimeSpan.FromMilliseconds(500)));
            if (first == save)
            {
                Assert.Fail($"The save finished while another connection held the lock: {await Outcome(save)}");
            }
            await transaction.RollbackAsync();
        }

        var saved = await save;
        Assert.True(saved.Succeeded, saved.Message);
        await using var db = app.CreateDbContext();
        Assert.Equal("Written once the lock is free.", await db.Annotations.Where(n => n.Id == saved.Value!.Id).Select(n => n.Body).SingleAsync());
    }
}
