using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// The one write path's own guarantees, on the real SQLite schema: a unique index refusing a row is recognised (and by
/// its column), a stale version is a conflict that writes nothing, and any other failure is still an exception.
/// </summary>
[BothEngines]
public class RecordWritesTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private static readonly ChangeAuthor Author = new(null, "Record writes test");

    private static Actor NewActor(string key, string name) => new() { Key = key, Name = name, Kind = ActorKind.Person };

    [Fact]
    public async Task A_second_row_with_the_same_key_is_a_duplicate_named_by_its_index()
    {
        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            db.Actors.Add(NewActor("writes-duplicate", "First"));
            Assert.Equal(SaveOutcome.Saved, await db.TrySaveAsync());
        }

        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            db.Actors.Add(NewActor("writes-duplicate", "Second"));
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(UniqueViolation.Is(ex));
            Assert.True(UniqueViolation.Is(ex, on: "Actors.Key"));
            Assert.False(UniqueViolation.Is(ex, on: "Claims.Key"));
        }

        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            db.Actors.Add(NewActor("writes-duplicate", "Third"));
            Assert.Equal(SaveOutcome.Duplicate, await db.TrySaveAsync());
        }

        await using var check = app.CreateDbContext();
        Assert.Equal(["First"], await check.Actors.Where(a => a.Key == "writes-duplicate").Select(a => a.Name).ToListAsync());
    }

    [Fact]
    public async Task A_save_against_a_version_no_longer_stored_is_a_conflict_and_writes_nothing()
    {
        int id;
        Guid loaded;
        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            var actor = NewActor("writes-stale", "As loaded");
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            (id, loaded) = (actor.Id, actor.Version);
        }

        // Another editor saves first: the stored version moves on.
        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            var actor = await db.Actors.SingleAsync(a => a.Id == id);
            Assert.True(db.ExpectVersion(actor, loaded));
            actor.Name = "Saved by the first editor";
            Assert.Equal(SaveOutcome.Saved, await db.TrySaveAsync());
        }

        // The second editor still holds the version loaded before: refused, before and by the UPDATE itself.
        await using (var db = app.CreateDbContext().SignedBy(Author))
        {
            var actor = await db.Actors.SingleAsync(a => a.Id == id);
            Assert.False(db.ExpectVersion(actor, loaded));
            actor.Name = "Saved by the second editor";
            var result = await db.SaveAsync(() => actor, async () => await app.CreateDbContext().Actors.AsNoTracking().SingleAsync(a => a.Id == id), default);
            Assert.Equal(EditOutcome.Conflict, result.Outcome);
            Assert.Equal("Saved by the first editor", result.Value!.Name);
        }

        await using var check = app.CreateDbContext();
        Assert.Equal("Saved by the first editor", (await check.Actors.SingleAsync(a => a.Id == id)).Name);
    }

    [Fact]
    public async Task A_failure_that_is_neither_a_race_nor_a_duplicate_is_still_an_exception()
    {
        await using var db = app.CreateDbContext().SignedBy(Author);
        // A relation between claims that do not exist: a foreign key refuses it, which is a constraint but no duplicate.
        db.ClaimRelations.Add(new ClaimRelation
        {
            Key = "writes-orphan",
            FromClaimId = 999_998,
            ToClaimId = 999_999,
            Type = RelationType.Contradicts,
            Rationale = "Between two claims nobody recorded.",
        });
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.TrySaveAsync());
        Assert.False(UniqueViolation.Is(ex));
    }
}
