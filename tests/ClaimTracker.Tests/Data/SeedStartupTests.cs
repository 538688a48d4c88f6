using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>The whole app refuses to start on a bad seed, and says which entry is bad.</summary>
[BothEngines]
public class SeedStartupTests
{
    [Fact]
    public async Task Starting_the_app_with_a_corrupt_seed_throws_naming_the_bad_entry()
    {
        using var seed = new SeedCopy();
        seed.Attribution("zelensky-rules-out-ceding")["actor"] = "volodymyr-zelenskyy";
        seed.Save();
        await using var factory = new ClaimTrackerFactory { SeedDirectory = seed.Path };

        var ex = Assert.Throws<SeedDataException>(() => factory.Server);

        Assert.Contains("'zelensky-rules-out-ceding'", ex.Message);
        Assert.Contains("unknown actor 'volodymyr-zelenskyy'", ex.Message);
    }

    [Fact]
    public async Task Starting_the_app_with_an_empty_seed_directory_throws_naming_the_missing_file()
    {
        using var empty = new TempDirectory();
        await using var factory = new ClaimTrackerFactory { SeedDirectory = empty.Path };

        var ex = Assert.Throws<SeedDataException>(() => factory.Server);

        Assert.Contains(Path.Combine(empty.Path, SeedLoader.SeedFileName), ex.Message);
        Assert.Contains("ClaimTracker:SeedDirectory", ex.Message);
    }

    [Fact]
    public async Task Starting_the_app_migrates_and_seeds_the_configured_database()
    {
        await using var factory = new ClaimTrackerFactory();

        _ = factory.Server;

        await using var db = factory.CreateDbContext();
        if (TestEngine.IsPostgres)
        {
            Assert.Equal(factory.PostgresDatabase, db.Database.GetDbConnection().Database);
        }
        else
        {
            Assert.True(File.Exists(factory.DatabasePath), $"no database at {factory.DatabasePath}");
            Assert.Equal(factory.DatabasePath, db.Database.GetDbConnection().DataSource);
        }
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(TestSeeds.Document.Claims.Count, db.Claims.Count());
    }
}
