using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Merging;
using ClaimTracker.Web.Features.Positions;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>
/// The stored dispute counts (Claims.ConflictCount, Claims.SupportCount) are kept by triggers. After every write path
/// that can change them, the stored numbers of ALL claims, deleted ones included, must equal the numbers the sort used
/// to compute per request, so a missing or wrong trigger fails here.
/// </summary>
[BothEngines]
public class DisputeCountTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string Source = "reuters-ukraine-peace-talks";

    /// <summary>
    /// The counts computed the way the "most disputed" sort computed them before they were stored: the same LINQ over the
    /// navigations, whose query filters leave out deleted statements and relations. Deleted claims are in no list, but a
    /// restore or an undone merge brings them back with their stored numbers, so they are recounted too, with the same
    /// conditions spelled out (ignoring the query filters ignores them on the navigations as well).
    /// </summary>
    private static async Task<List<(int Id, int Conflicts, int Supports)>> RecountAsync(ClaimTrackerDbContext db)
    {
        var live = await db.Claims
            .Select(c => new
            {
                c.Id,
                Conflicts = c.Attributions.Count(a => StanceRules.Challenges.Contains(a.Stance))
                    + c.RelationsFrom.Count(r => r.Type == RelationType.Contradicts)
                    + c.RelationsTo.Count(r => r.Type == RelationType.Contradicts),
                Supports = c.Attributions.Count(a => a.Stance == Stance.Endorses)
                    + c.RelationsTo.Count(r => r.Type == RelationType.Supports),
            })
            .ToListAsync();
        var deleted = await db.Claims.IgnoreQueryFilters()
            .Where(c => c.IsDeleted)
            .Select(c => new
            {
                c.Id,
                Conflicts = c.Attributions.Count(a => !a.IsDeleted && StanceRules.Challenges.Contains(a.Stance))
                    + c.RelationsFrom.Count(r => !r.IsDeleted && r.Type == RelationType.Contradicts)
                    + c.RelationsTo.Count(r => !r.IsDeleted && r.Type == RelationType.Contradicts),
                Supports = c.Attributions.Count(a => !a.IsDeleted && a.Stance == Stance.Endorses)
                    + c.RelationsTo.Count(r => !r.IsDeleted && r.Type == RelationType.Supports),
            })
            .ToListAsync();
        return live.Concat(deleted).Select(c => (c.Id, c.Conflicts, c.Supports)).OrderBy(c => c.Id).ToList();
    }

    private static async Task<List<(int Id, int Conflicts, int Supports)>> StoredAsync(ClaimTrackerDbContext db) =>
        (await db.Claims.IgnoreQueryFilters()
            .Select(c => new
            {
                c.Id,
                Conflicts = EF.Property<int>(c, DisputeCountTriggers.ConflictCount),
                Supports = EF.Property<int>(c, DisputeCountTriggers.SupportCount),
            })
            .ToListAsync())
        .Select(c => (c.Id, c.Conflicts, c.Supports)).OrderBy(c => c.Id).ToList();

    /// <summary>Stored equals recounted for every claim; returns the counts, for asserting what the step changed.</summary>
    private async Task<Dictionary<int, (int Conflicts, int Supports)>> AssertCountsCurrentAsync(string step)
    {
        await using var db = app.CreateDbContext();
        var expected = await RecountAsync(db);
        var stored = await StoredAsync(db);
        var wrong = expected.Zip(stored).Where(p => p.First != p.Second).Select(p => $"claim {p.First.Id}: expected {p.First}, stored {p.Second}").ToList();
        Assert.True(expected.Count == stored.Count && wrong.Count == 0, $"After {step}: {string.Join("; ", wrong)}");
        // The search index is kept by triggers on the same writes: it must agree with the claims indexed afresh too.
        var stale = await EngineSql.SearchIndexMismatchesAsync(db);
        Assert.True(stale.Count == 0, $"After {step}, the search index: {string.Join("; ", stale)}");
        // And so are the actors' statement counts, against the statements counted afresh.
        var actorCounts = await db.Actors.IgnoreQueryFilters()
            .Select(a => new
            {
                a.Id,
                Stored = new { Statements = EF.Property<int>(a, ActorCountTriggers.StatementCount), Challenges = EF.Property<int>(a, ActorCountTriggers.ChallengeCount) },
                // Ignoring the query filters ignores them on the navigation too: the live statements, spelled out.
                Fresh = new { Statements = a.Attributions.Count(x => !x.IsDeleted), Challenges = a.Attributions.Count(x => !x.IsDeleted && StanceRules.Challenges.Contains(x.Stance)) },
            })
            .ToListAsync();
        var wrongActors = actorCounts.Where(a => a.Stored.Statements != a.Fresh.Statements || a.Stored.Challenges != a.Fresh.Challenges)
            .Select(a => $"actor {a.Id}: stored {a.Stored}, fresh {a.Fresh}").ToList();
        Assert.True(wrongActors.Count == 0, $"After {step}, the actors' counts: {string.Join("; ", wrongActors)}");
        // And so is the position index behind the consistency ranking.
        var positions = await PositionIndexCheck.MismatchesAsync(db);
        Assert.True(positions.Count == 0, $"After {step}, the position index: {string.Join("; ", positions)}");
        return expected.ToDictionary(c => c.Id, c => (c.Conflicts, c.Supports));
    }

    private Task<T> AsEditorAsync<T>(Func<RecordEditService, Task<T>> call) => app.Services.AsAsync(Roles.Editor, call, "counts-editor");

    private Task<T> AsMergerAsync<T>(Func<ClaimMergeService, Task<T>> call) => app.Services.AsAsync(Roles.Editor, call, "counts-editor");

    private async Task<ClaimRecord> NewClaimAsync(string text)
    {
        var created = await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft($"{text} {Guid.NewGuid():N}", ["testing"])));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        return created.Value!;
    }

    private async Task<AttributionRecord> NewAttributionAsync(int claimId, Stance stance, string actorKey = "donald-trump", string words = "ready to make a deal")
    {
        var text = TestSeeds.ArticleText(Source);
        var start = text.IndexOf(words, StringComparison.Ordinal);
        var draft = new AttributionDraft(await app.ActorId(actorKey), claimId, await app.SourceId(Source), stance, AttributionMode.Paraphrase, start, start + words.Length);
        var created = await AsEditorAsync(s => s.CreateAttributionAsync(draft));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        return created.Value!;
    }

    private static AttributionDraft Draft(AttributionRecord a, Stance? stance = null, int? claimId = null) =>
        new(a.ActorId, claimId ?? a.ClaimId, a.SourceId, stance ?? a.Stance, a.Mode, a.SpanStart, a.SpanEnd);

    private async Task<Guid> ClaimVersionAsync(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
    }

    [Fact]
    public async Task The_seed_is_counted_and_the_sort_order_and_numbers_are_what_the_per_request_counts_gave()
    {
        var counts = await AssertCountsCurrentAsync("seeding");
        Assert.Contains(counts.Values, c => c.Conflicts > 1); // the seed is disputed: the comparison compares something
        Assert.Contains(counts.Values, c => c.Supports > 0);

        await using var db = app.CreateDbContext();
        // The old sort, as the service ran it before the counts were stored.
        var before = await db.Claims
            .Select(c => new
            {
                c.Id,
                Conflicts = c.Attributions.Count(a => StanceRules.Challenges.Contains(a.Stance))
                    + c.RelationsFrom.Count(r => r.Type == RelationType.Contradicts)
                    + c.RelationsTo.Count(r => r.Type == RelationType.Contradicts),
                Supports = c.Attributions.Count(a => a.Stance == Stance.Endorses)
                    + c.RelationsTo.Count(r => r.Type == RelationType.Supports),
            })
            .OrderByDescending(r => r.Conflicts).ThenByDescending(r => r.Supports).ThenBy(r => r.Id)
            .ToListAsync();

        var now = await app.GetService<ClaimService>().SearchAsync(new ClaimSearchQuery(PageSize: 100), SearchTerms.Empty);

        Assert.Equal(before.Select(r => (r.Id, r.Conflicts, r.Supports)), now.Items.Select(r => (r.Id, r.ConflictCount, r.SupportCount)));
    }

    [Fact]
    public void The_counted_stances_are_the_challenges_of_the_stance_rules()
    {
        Assert.Equal(StanceRules.Challenges.Select(s => s.ToString()), DisputeCountTriggers.ChallengeStances);
    }

    [Fact]
    public void The_position_index_backs_with_the_stances_the_consistency_rules_count_as_backing()
    {
        Assert.Equal(ConsistencyService.Backing.Select(s => s.ToString()), PositionIndex.BackingStances);
    }

    [Fact]
    public async Task A_relation_added_retyped_removed_restored_and_deleted_outright_keeps_the_counts()
    {
        var a = await NewClaimAsync("Relation end A.");
        var b = await NewClaimAsync("Relation end B.");

        var created = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Contradicts, "They cannot both hold.")));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        var counts = await AssertCountsCurrentAsync("adding a contradiction");
        Assert.Equal((1, 0), counts[a.Id]); // a contradiction counts on both ends
        Assert.Equal((1, 0), counts[b.Id]);

        var retyped = await AsEditorAsync(s => s.UpdateRelationAsync(created.Value!.Id, created.Value.Version, new RelationDraft(a.Id, b.Id, RelationType.Supports, "On reflection, it backs it.")));
        Assert.Equal(EditOutcome.Saved, retyped.Outcome);
        counts = await AssertCountsCurrentAsync("making it a support");
        Assert.Equal((0, 0), counts[a.Id]); // support counts on the supported claim only
        Assert.Equal((0, 1), counts[b.Id]);

        var reversed = await AsEditorAsync(s => s.UpdateRelationAsync(retyped.Value!.Id, retyped.Value.Version, new RelationDraft(b.Id, a.Id, RelationType.Supports, "The other way round.")));
        Assert.Equal(EditOutcome.Saved, reversed.Outcome);
        counts = await AssertCountsCurrentAsync("reversing it");
        Assert.Equal((0, 1), counts[a.Id]);
        Assert.Equal((0, 0), counts[b.Id]);

        var deleted = await AsEditorAsync(s => s.DeleteRelationAsync(reversed.Value!.Id, reversed.Value.Version));
        Assert.Equal(EditOutcome.Saved, deleted.Outcome);
        counts = await AssertCountsCurrentAsync("removing it");
        Assert.Equal((0, 0), counts[a.Id]);

        var restored = await AsEditorAsync(s => s.RestoreRelationAsync(reversed.Value!.Id));
        Assert.Equal(EditOutcome.Saved, restored.Outcome);
        counts = await AssertCountsCurrentAsync("restoring it");
        Assert.Equal((0, 1), counts[a.Id]);

        // No service deletes rows, but the triggers must not depend on that.
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"ClaimRelations\" WHERE \"Id\" = {reversed.Value!.Id}");
        }
        counts = await AssertCountsCurrentAsync("deleting the row");
        Assert.Equal((0, 0), counts[a.Id]);
    }

    [Fact]
    public async Task A_statement_added_restanced_moved_removed_restored_and_deleted_outright_keeps_the_counts()
    {
        var claim = await NewClaimAsync("Statement target.");
        var elsewhere = await NewClaimAsync("Statement elsewhere.");

        var denial = await NewAttributionAsync(claim.Id, Stance.Denies);
        var counts = await AssertCountsCurrentAsync("adding a denial");
        Assert.Equal((1, 0), counts[claim.Id]);

        await NewAttributionAsync(claim.Id, Stance.Asserts, "vladimir-putin");
        counts = await AssertCountsCurrentAsync("adding an assertion");
        Assert.Equal((1, 0), counts[claim.Id]); // asserting is neither

        var endorsing = await AsEditorAsync(s => s.UpdateAttributionAsync(denial.Id, denial.Version, Draft(denial, Stance.Endorses)));
        Assert.Equal(EditOutcome.Saved, endorsing.Outcome);
        counts = await AssertCountsCurrentAsync("turning the denial into an endorsement");
        Assert.Equal((0, 1), counts[claim.Id]);

        var doubting = await AsEditorAsync(s => s.UpdateAttributionAsync(endorsing.Value!.Id, endorsing.Value.Version, Draft(endorsing.Value, Stance.Doubts, elsewhere.Id)));
        Assert.Equal(EditOutcome.Saved, doubting.Outcome);
        counts = await AssertCountsCurrentAsync("moving it, as a doubt, to another claim");
        Assert.Equal((0, 0), counts[claim.Id]);
        Assert.Equal((1, 0), counts[elsewhere.Id]);

        var removed = await AsEditorAsync(s => s.DeleteAttributionAsync(doubting.Value!.Id, doubting.Value.Version));
        Assert.Equal(EditOutcome.Saved, removed.Outcome);
        counts = await AssertCountsCurrentAsync("removing it");
        Assert.Equal((0, 0), counts[elsewhere.Id]);

        var restored = await AsEditorAsync(s => s.RestoreAttributionAsync(doubting.Value!.Id));
        Assert.Equal(EditOutcome.Saved, restored.Outcome);
        counts = await AssertCountsCurrentAsync("restoring it");
        Assert.Equal((1, 0), counts[elsewhere.Id]);

        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"Attributions\" WHERE \"Id\" = {doubting.Value!.Id}");
        }
        counts = await AssertCountsCurrentAsync("deleting the row");
        Assert.Equal((0, 0), counts[elsewhere.Id]);
    }

    /// <summary>
    /// The position index (<see cref="PositionIndex"/>): an actor on both sides of a claim, and backing both ends of a
    /// contradiction, through every change of a statement or relation that makes or unmakes either. Each step checks
    /// the whole index against the record read afresh, and what the step itself should have changed.
    /// </summary>
    [Fact]
    public async Task Both_sides_of_a_claim_and_backed_contradictions_are_indexed_through_every_change()
    {
        var claim = await NewClaimAsync("Position target.");
        var rival = await NewClaimAsync("Position rival.");
        var putin = await app.ActorId("vladimir-putin");
        async Task<(bool Mixed, bool Rivals)> IndexedAsync()
        {
            await using var db = app.CreateDbContext();
            var mixed = await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "MixedPositions" WHERE "ActorId" = {putin} AND "ClaimId" = {claim.Id}""").SingleAsync();
            var rivals = await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "BackedRivals" WHERE "ActorId" = {putin} AND "FromClaimId" = {claim.Id} AND "ToClaimId" = {rival.Id}""").SingleAsync();
            return (mixed == 1, rivals == 1);
        }

        var asserts = await NewAttributionAsync(claim.Id, Stance.Asserts, "vladimir-putin");
        var denies = await NewAttributionAsync(claim.Id, Stance.Denies, "vladimir-putin", "having a hard time getting there");
        await AssertCountsCurrentAsync("one actor asserting and denying a claim");
        Assert.Equal((true, false), await IndexedAsync());

        var backsRival = await NewAttributionAsync(rival.Id, Stance.Endorses, "vladimir-putin");
        var relation = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(claim.Id, rival.Id, RelationType.Contradicts, "They cannot both hold.")));
        Assert.Equal(EditOutcome.Saved, relation.Outcome);
        await AssertCountsCurrentAsync("the actor backing both ends of a new contradiction");
        Assert.Equal((true, true), await IndexedAsync());

        var agreeing = await AsEditorAsync(s => s.UpdateAttributionAsync(denies.Id, denies.Version, Draft(denies, Stance.Endorses)));
        Assert.Equal(EditOutcome.Saved, agreeing.Outcome);
        await AssertCountsCurrentAsync("the denial turned into agreement");
        Assert.Equal((false, true), await IndexedAsync());

        var retyped = await AsEditorAsync(s => s.UpdateRelationAsync(relation.Value!.Id, relation.Value.Version, new RelationDraft(claim.Id, rival.Id, RelationType.Qualifies, "Only in part.")));
        Assert.Equal(EditOutcome.Saved, retyped.Outcome);
        await AssertCountsCurrentAsync("the contradiction retyped as a qualification");
        Assert.Equal((false, false), await IndexedAsync());

        var back = await AsEditorAsync(s => s.UpdateRelationAsync(retyped.Value!.Id, retyped.Value.Version, new RelationDraft(claim.Id, rival.Id, RelationType.Contradicts, "They cannot both hold.")));
        Assert.Equal(EditOutcome.Saved, back.Outcome);
        var removed = await AsEditorAsync(s => s.DeleteAttributionAsync(backsRival.Id, backsRival.Version));
        Assert.Equal(EditOutcome.Saved, removed.Outcome);
        await AssertCountsCurrentAsync("the statement backing the rival removed");
        Assert.Equal((false, false), await IndexedAsync());

        var restored = await AsEditorAsync(s => s.RestoreAttributionAsync(backsRival.Id));
        Assert.Equal(EditOutcome.Saved, restored.Outcome);
        await AssertCountsCurrentAsync("the statement restored");
        Assert.Equal((false, true), await IndexedAsync());

        var relationGone = await AsEditorAsync(s => s.DeleteRelationAsync(back.Value!.Id, back.Value.Version));
        Assert.Equal(EditOutcome.Saved, relationGone.Outcome);
        await AssertCountsCurrentAsync("the contradiction removed");
        Assert.Equal((false, false), await IndexedAsync());

        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"Attributions\" WHERE \"Id\" = {asserts.Id}");
        }
        await AssertCountsCurrentAsync("a statement's row deleted outright");

        // What the migration runs after creating the tables: every row worked out from the record.
        await NewAttributionAsync(claim.Id, Stance.Doubts, "vladimir-putin", "abandoning its objectives in Ukraine");
        Assert.Equal((true, false), await IndexedAsync()); // doubting the claim he agreed with
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "MixedPositions"; DELETE FROM "BackedRivals";""");
            Assert.Contains($"in the record, not stored: mixed {putin}/{claim.Id}", await PositionIndexCheck.MismatchesAsync(db));
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? PositionIndex.PostgresRebuildSql : PositionIndex.CreateSql);
            Assert.Empty(await RequiredTriggers.FindMissingAsync(db));
        }
        await AssertCountsCurrentAsync("the backfill");
    }

    [Fact]
    public async Task A_statement_moved_to_another_speaker_or_made_a_challenge_moves_the_actors_counts()
    {
        var claim = await NewClaimAsync("Speaker counts.");
        var putin = await app.ActorId("vladimir-putin");
        var peskov = await app.ActorId("dmitry-peskov");
        async Task<(int Statements, int Challenges)> CountsOfAsync(int actorId)
        {
            await using var db = app.CreateDbContext();
            var row = await db.Actors.Where(a => a.Id == actorId)
                .Select(a => new { S = EF.Property<int>(a, ActorCountTriggers.StatementCount), C = EF.Property<int>(a, ActorCountTriggers.ChallengeCount) })
                .SingleAsync();
            return (row.S, row.C);
        }
        var putinBefore = await CountsOfAsync(putin);
        var peskovBefore = await CountsOfAsync(peskov);

        var said = await NewAttributionAsync(claim.Id, Stance.Asserts, "vladimir-putin");
        await AssertCountsCurrentAsync("a statement added");
        Assert.Equal((putinBefore.Statements + 1, putinBefore.Challenges), await CountsOfAsync(putin));

        var moved = await AsEditorAsync(s => s.UpdateAttributionAsync(said.Id, said.Version,
            new AttributionDraft(peskov, said.ClaimId, said.SourceId, Stance.Denies, said.Mode, said.SpanStart, said.SpanEnd)));
        Assert.Equal(EditOutcome.Saved, moved.Outcome);
        await AssertCountsCurrentAsync("the statement given to another speaker, as a denial");
        Assert.Equal(putinBefore, await CountsOfAsync(putin));
        Assert.Equal((peskovBefore.Statements + 1, peskovBefore.Challenges + 1), await CountsOfAsync(peskov));

        var removed = await AsEditorAsync(s => s.DeleteAttributionAsync(moved.Value!.Id, moved.Value.Version));
        Assert.Equal(EditOutcome.Saved, removed.Outcome);
        await AssertCountsCurrentAsync("the statement removed");
        Assert.Equal(peskovBefore, await CountsOfAsync(peskov));

        // An actor written by hand with made-up numbers is counted as it goes in.
        await using (var db = app.CreateDbContext())
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Actors" ("Key", "Name", "Kind", "Aliases", "Version", "IsDeleted", "StatementCount", "ChallengeCount")
                    VALUES ('counts-raw-actor', 'Raw Actor', 'Person', ARRAY[]::text[], {Guid.NewGuid()}, false, 9, 9)
                    """);
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO Actors (Key, Name, Kind, Aliases, Version, IsDeleted, StatementCount, ChallengeCount)
                    VALUES ('counts-raw-actor', 'Raw Actor', 'Person', '[]', {Guid.NewGuid().ToString().ToUpperInvariant()}, 0, 9, 9)
                    """);
            }
        }
        await AssertCountsCurrentAsync("inserting an actor by hand");
        Assert.Equal((0, 0), await CountsOfAsync(await app.ActorId("counts-raw-actor")));
    }

    [Fact]
    public async Task Deleting_and_restoring_a_claim_takes_its_statements_and_relations_out_of_the_counts_and_back()
    {
        var claim = await NewClaimAsync("To be deleted.");
        var other = await NewClaimAsync("Its neighbour.");
        await NewAttributionAsync(claim.Id, Stance.Questions);
        var contradiction = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(claim.Id, other.Id, RelationType.Contradicts, "Opposed.")));
        var support = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(claim.Id, other.Id, RelationType.Supports, "And yet.")));
        Assert.True(contradiction.Outcome == EditOutcome.Saved && support.Outcome == EditOutcome.Saved);
        var counts = await AssertCountsCurrentAsync("setting up");
        Assert.Equal((2, 0), counts[claim.Id]);
        Assert.Equal((1, 1), counts[other.Id]);

        var version = await ClaimVersionAsync(claim.Id);
        var deleted = await AsEditorAsync(s => s.DeleteClaimAsync(claim.Id, version));
        Assert.Equal(EditOutcome.Saved, deleted.Outcome);
        counts = await AssertCountsCurrentAsync("deleting the claim");
        Assert.Equal((0, 0), counts[claim.Id]);
        Assert.Equal((0, 0), counts[other.Id]); // its relations went with it

        await using (var scope = app.Services.ScopeAs(Roles.Admin, "counts-admin"))
        {
            var restored = await scope.As<RecordEditService>().RestoreClaimAsync(claim.Id);
            Assert.Equal(EditOutcome.Saved, restored.Outcome);
        }
        counts = await AssertCountsCurrentAsync("restoring the claim");
        Assert.Equal((2, 0), counts[claim.Id]);
        Assert.Equal((1, 1), counts[other.Id]);
    }

    [Fact]
    public async Task Merging_moves_the_counts_to_the_survivor_and_undoing_gives_them_back()
    {
        var survivor = await NewClaimAsync("Survivor.");
        var duplicate = await NewClaimAsync("Duplicate.");
        var third = await NewClaimAsync("Third.");
        await NewAttributionAsync(duplicate.Id, Stance.Denies);
        await NewAttributionAsync(duplicate.Id, Stance.Endorses, "vladimir-putin");
        foreach (var draft in new[]
        {
            new RelationDraft(survivor.Id, duplicate.Id, RelationType.Contradicts, "Retired by the merge: it would relate the survivor to itself."),
            new RelationDraft(third.Id, duplicate.Id, RelationType.Contradicts, "Repeats the next one once merged: retired."),
            new RelationDraft(third.Id, survivor.Id, RelationType.Contradicts, "Already on the survivor."),
            new RelationDraft(third.Id, duplicate.Id, RelationType.Supports, "Moves to the survivor."),
        })
        {
            Assert.Equal(EditOutcome.Saved, (await AsEditorAsync(s => s.CreateRelationAsync(draft))).Outcome);
        }
        var before = await AssertCountsCurrentAsync("setting up");
        Assert.Equal((3, 2), before[duplicate.Id]);
        Assert.Equal((2, 0), before[survivor.Id]);

        var (survivorVersion, duplicateVersion) = (await ClaimVersionAsync(survivor.Id), await ClaimVersionAsync(duplicate.Id));
        var merged = await AsMergerAsync(s => s.MergeAsync(survivor.Id, survivorVersion, duplicate.Id, duplicateVersion));
        Assert.True(merged.Succeeded, merged.Message);
        var counts = await AssertCountsCurrentAsync("merging");
        // The denial, the endorsement and the support moved; the self-relation and the repeated contradiction retired.
        Assert.Equal((2, 2), counts[survivor.Id]);
        Assert.Equal((0, 0), counts[duplicate.Id]);
        Assert.Equal((1, 0), counts[third.Id]);

        var undone = await AsMergerAsync(s => s.UndoAsync(merged.Value!.Id));
        Assert.True(undone.Succeeded, undone.Message);
        counts = await AssertCountsCurrentAsync("undoing the merge");
        Assert.Equal(before[survivor.Id], counts[survivor.Id]);
        Assert.Equal(before[duplicate.Id], counts[duplicate.Id]);
        Assert.Equal(before[third.Id], counts[third.Id]);
    }

    [Fact]
    public async Task A_claim_written_with_wrong_counts_is_recounted_and_the_migration_backfill_recounts_every_claim()
    {
        await using var db = app.CreateDbContext();
        // Each engine's own literals: topics as JSON or an array, the version as SQLite's text or a uuid, a boolean as 0 or false.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Claims" ("Key", "Text", "Topics", "Status", "CreatedAt", "Version", "IsDeleted", "ConflictCount", "SupportCount")
                VALUES ('counts-raw-insert', 'Inserted with made-up counts.', ARRAY[]::text[], 'New', '2026-01-01 00:00:00+00:00', {Guid.NewGuid()}, false, 7, 7)
                """);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO Claims (Key, Text, Topics, Status, CreatedAt, Version, IsDeleted, ConflictCount, SupportCount)
                VALUES ('counts-raw-insert', 'Inserted with made-up counts.', '[]', 'New', '2026-01-01 00:00:00+00:00', {Guid.NewGuid().ToString().ToUpperInvariant()}, 0, 7, 7)
                """);
        }
        var counts = await AssertCountsCurrentAsync("inserting a claim by hand");
        Assert.Equal((0, 0), counts[await app.ClaimId("counts-raw-insert")]);

        // What the migration that adds the columns runs after adding them (zero everywhere): on SQLite the triggers
        // recreated and every claim recounted, on PostgreSQL everything the triggers keep recomputed from the tables.
        await db.Database.ExecuteSqlAsync($"UPDATE \"Claims\" SET \"ConflictCount\" = 0, \"SupportCount\" = 0");
        Assert.NotEqual(await RecountAsync(db), await StoredAsync(db));
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? PostgresIndexes.RebuildSql : DisputeCountTriggers.CreateSql);
        await AssertCountsCurrentAsync("the backfill");
        Assert.Empty(await RequiredTriggers.FindMissingAsync(db));
    }
}
