using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Merging;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Merging;

/// <summary>Merging a duplicate claim into its survivor and undoing it, through the service as the dialog calls it.</summary>
[BothEngines]
public class ClaimMergeServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string Source = "reuters-ukraine-peace-talks";

    /// <summary>Two fresh claims and a third they relate to, each with something of its own.</summary>
    private sealed record Pair(int A, int B, int Other, int AttributionOfB, int NoteOfB, int ReplyOfB, int RelationAB, int RelationBOther, int RelationOtherB, int DuplicateRelation, string Tag);

    private async Task<Pair> PairAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var text = TestSeeds.ArticleText(Source);
        var sourceId = await app.SourceId(Source);
        var trump = await app.ActorId("donald-trump");
        var putin = await app.ActorId("vladimir-putin");
        await using var db = app.CreateDbContext();
        var subject = await db.Actors.SingleAsync(x => x.Id == putin);
        var a = new Claim { Key = $"a-{tag}", Text = $"Survivor wording {tag}", Topics = ["talks"], CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) };
        var b = new Claim { Key = $"b-{tag}", Text = $"Duplicate wording zebrafinch{tag}", Topics = ["talks", "Moscow"], Subjects = [subject], CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) };
        var other = new Claim { Key = $"o-{tag}", Text = $"Third claim {tag}" };
        db.Claims.AddRange(a, b, other);
        await db.SaveChangesAsync();
        var start = text.IndexOf("ready to make a deal", StringComparison.Ordinal);
        var attribution = new Attribution
        {
            Key = $"at-{tag}",
            ActorId = trump,
            ClaimId = b.Id,
            SourceId = sourceId,
            Stance = Stance.Asserts,
            Mode = AttributionMode.DirectQuote,
            Anchor = TextAnchor.FromText(text, start, start + "ready to make a deal".Length),
        };
        db.Attributions.Add(attribution);
        var ab = new ClaimRelation { Key = $"ab-{tag}", FromClaimId = a.Id, ToClaimId = b.Id, Type = RelationType.Supports, Rationale = "Same thing." };
        var bo = new ClaimRelation { Key = $"bo-{tag}", FromClaimId = b.Id, ToClaimId = other.Id, Type = RelationType.Contradicts, Rationale = "B against other." };
        var ob = new ClaimRelation { Key = $"ob-{tag}", FromClaimId = other.Id, ToClaimId = b.Id, Type = RelationType.Qualifies, Rationale = "Other qualifies B." };
        var ao = new ClaimRelation { Key = $"ao-{tag}", FromClaimId = a.Id, ToClaimId = other.Id, Type = RelationType.Contradicts, Rationale = "A against other." };
        db.ClaimRelations.AddRange(ab, bo, ob, ao);
        var note = new Annotation { ClaimId = b.Id, Body = "A note on B.", AuthorId = "x", AuthorName = "X", CreatedAt = DateTimeOffset.UtcNow };
        db.Annotations.Add(note);
        await db.SaveChangesAsync();
        var reply = new Annotation { ClaimId = b.Id, ParentId = note.Id, Body = "A reply.", AuthorId = "y", AuthorName = "Y", CreatedAt = DateTimeOffset.UtcNow };
        db.Annotations.Add(reply);
        await db.SaveChangesAsync();
        return new Pair(a.Id, b.Id, other.Id, attribution.Id, note.Id, reply.Id, ab.Id, bo.Id, ob.Id, DuplicateRelation: bo.Id, tag);
    }

    private Task<T> AsAsync<T>(string? role, Func<ClaimMergeService, Task<T>> call) =>
        app.Services.AsAsync(role, call, role is null ? null : $"merge-{role.ToLowerInvariant()}");

    private async Task<Guid> VersionAsync(int claimId)
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.IgnoreQueryFilters().Where(c => c.Id == claimId).Select(c => c.Version).SingleAsync();
    }

    private async Task<EditResult<MergeSummary>> MergeAsync(int survivor, int merged, string role = Roles.Editor) =>
        await AsAsync(role, async s => await s.MergeAsync(survivor, await VersionAsync(survivor), merged, await VersionAsync(merged)));

    private async Task<EditResult<MergeSummary>> UndoAsync(int mergeId) => await AsAsync(Roles.Editor, s => s.UndoAsync(mergeId));

    /// <summary>Where every row of the pair is, for comparing before a merge with after its undo.</summary>
    private async Task<string> SnapshotAsync(Pair p)
    {
        await using var db = app.CreateDbContext();
        var ids = new[] { p.A, p.B, p.Other };
        var claims = await db.Claims.IgnoreQueryFilters().Include(c => c.Subjects).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => $"{c.Id}:{c.IsDeleted}:{c.MergedIntoId}:{c.Status}:{string.Join(",", c.Topics)}:{string.Join(",", c.Subjects.Select(s => s.Id).OrderBy(x => x))}").ToListAsync();
        var attributions = await db.Attributions.IgnoreQueryFilters().Where(a => ids.Contains(a.ClaimId)).OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.ClaimId}:{a.IsDeleted}").ToListAsync();
        var relations = await db.ClaimRelations.IgnoreQueryFilters().Where(r => ids.Contains(r.FromClaimId) || ids.Contains(r.ToClaimId)).OrderBy(r => r.Id)
            .Select(r => $"{r.Id}:{r.FromClaimId}>{r.ToClaimId}:{r.Type}:{r.IsDeleted}").ToListAsync();
        var notes = await db.Annotations.IgnoreQueryFilters().Where(n => n.ClaimId != null && ids.Contains(n.ClaimId.Value)).OrderBy(n => n.Id).Select(n => $"{n.Id}:{n.ClaimId}:{n.IsDeleted}").ToListAsync();
        var verdicts = await db.Verdicts.IgnoreQueryFilters().Where(v => ids.Contains(v.ClaimId)).OrderBy(v => v.Id).Select(v => $"{v.Id}:{v.ClaimId}:{v.IsDeleted}").ToListAsync();
        return string.Join("\n", claims.Concat(attributions).Concat(relations).Concat(notes).Concat(verdicts));
    }

    [Fact]
    public async Task Merging_moves_statements_relations_and_notes_retires_self_and_duplicate_relations_and_unions_subjects_and_topics()
    {
        var p = await PairAsync();

        var result = await MergeAsync(p.A, p.B);

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        await using var db = app.CreateDbContext();
        Assert.Equal(p.A, (await db.Attributions.SingleAsync(a => a.Id == p.AttributionOfB)).ClaimId);
        Assert.All(await db.Annotations.Where(n => n.Id == p.NoteOfB || n.Id == p.ReplyOfB).ToListAsync(), n => Assert.Equal(p.A, n.ClaimId));

        var relations = await db.ClaimRelations.IgnoreQueryFilters().Where(r => new[] { p.RelationAB, p.RelationBOther, p.RelationOtherB }.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        // A↔B would relate A to itself: retired, left pointing where it did.
        Assert.True(relations[p.RelationAB].IsDeleted);
        Assert.Equal((p.A, p.B), (relations[p.RelationAB].FromClaimId, relations[p.RelationAB].ToClaimId));
        // B contradicts Other repeats A contradicts Other: retired.
        Assert.True(relations[p.RelationBOther].IsDeleted);
        Assert.Equal(p.B, relations[p.RelationBOther].FromClaimId);
        // Other qualifies B becomes Other qualifies A.
        Assert.False(relations[p.RelationOtherB].IsDeleted);
        Assert.Equal(p.A, relations[p.RelationOtherB].ToClaimId);

        var a = await db.Claims.Include(c => c.Subjects).SingleAsync(c => c.Id == p.A);
        Assert.Equal(["talks", "Moscow"], a.Topics);
        Assert.Equal([await app.ActorId("vladimir-putin")], a.Subjects.Select(s => s.Id));
        var b = await db.Claims.IgnoreQueryFilters().SingleAsync(c => c.Id == p.B);
        Assert.True(b.IsDeleted);
        Assert.Equal(p.A, b.MergedIntoId);
        Assert.False(await db.Claims.AnyAsync(c => c.Id == p.B)); // gone from every list

        var merge = await db.ClaimMerges.SingleAsync(m => m.Id == result.Value!.Id);
        Assert.Equal([p.AttributionOfB], merge.Rows.Attributions);
        Assert.Equal([p.RelationOtherB], merge.Rows.RelationsTo);
        Assert.Empty(merge.Rows.RelationsFrom);
        Assert.Equal(new[] { p.RelationAB, p.RelationBOther }.Order(), merge.Rows.RetiredRelations.Order());
        Assert.Equal(new[] { p.NoteOfB, p.ReplyOfB }.Order(), merge.Rows.Annotations.Order());
        Assert.Equal("merge-editor", merge.UserId);
        Assert.Null(merge.UndoneAt);
    }

    [Fact]
    public async Task The_merge_is_in_both_claims_history_in_words_and_every_moved_row_has_its_own_entry()
    {
        var p = await PairAsync();
        var result = await MergeAsync(p.A, p.B);

        var ofA = await app.HistoryAsync(p.A);
        var ofB = await app.HistoryAsync(p.B);
        var lineA = Assert.Single(ofA, e => e.Action == AuditAction.Merged);
        var lineB = Assert.Single(ofB, e => e.Action == AuditAction.Merged);
        Assert.Equal(result.Value!.Id, lineA.EntityId);
        var moved = Assert.Single(ofA, e => e.EntityType == nameof(Attribution) && e.EntityId == p.AttributionOfB && e.Action == AuditAction.Updated);
        IReadOnlyList<HistoryEntry> described;
        await using (var editor = app.Services.ScopeAs(Roles.Editor))
        {
            described = await editor.As<ClaimHistoryService>().DescribeAsync([lineA, lineB, moved]);
        }
        var entry = described[0];
        Assert.Equal("merged two claims", entry.What);
        Assert.StartsWith("Merged “Duplicate wording", entry.Summary);
        Assert.Contains("1 statement, 1 relation, 2 notes moved; retired 2 relations", entry.Summary);
        Assert.DoesNotContain("(claim ", entry.Summary); // the claims by their words, not their numbers
        Assert.Empty(entry.Changes);
        Assert.Equal(entry.Summary, described[1].Summary);

        // The moved statement's own entry shows the move, by the claims' words, and is on the survivor's history.
        Assert.Contains(described[2].Changes, c => c.Field == "Claim" && c.Before == $"“Duplicate wording zebrafinch{p.Tag}”" && c.After == $"“Survivor wording {p.Tag}”");
        Assert.Single(ofB, e => e.EntityType == nameof(Claim) && e.Action == AuditAction.Deleted);
    }

    [Fact]
    public async Task Search_no_longer_finds_the_merged_claim_and_its_address_leads_to_the_survivor()
    {
        var p = await PairAsync();
        var claims = app.GetService<ClaimService>();
        var word = (await app.CreateDbContext().Claims.SingleAsync(c => c.Id == p.B)).Text.Split(' ')[^1];
        Assert.Contains(await claims.SuggestAsync(word), c => c.Id == p.B);

        var result = await MergeAsync(p.A, p.B);

        Assert.DoesNotContain(await claims.SuggestAsync(word), c => c.Id == p.B);
        Assert.Null(await app.GetService<DisputeReader>().GetDisputeAsync(p.B));
        var merges = app.GetService<MergedAddresses>();
        Assert.Equal((p.A, result.Value!.Id), await merges.FindSurvivorAsync(p.B));
        Assert.Null(await merges.FindSurvivorAsync(p.A));

        // Merged again: the old address follows both merges to the claim that is live now.
        var c = await PairAsync();
        Assert.True((await MergeAsync(c.A, p.A)).Succeeded);
        Assert.Equal(c.A, (await merges.FindSurvivorAsync(p.B))!.Value.SurvivorId);
    }

    [Fact]
    public async Task Undo_puts_back_exactly_what_the_merge_moved_and_retired()
    {
        var p = await PairAsync();
        var before = await SnapshotAsync(p);
        var merged = await MergeAsync(p.A, p.B);

        // Something added to the survivor after the merge stays with it.
        await using (var db = app.CreateDbContext())
        {
            db.Annotations.Add(new Annotation { ClaimId = p.A, Body = "Written after the merge.", AuthorId = "z", AuthorName = "Z", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var undone = await UndoAsync(merged.Value!.Id);

        Assert.Equal(EditOutcome.Saved, undone.Outcome);
        var after = (await SnapshotAsync(p)).Split('\n');
        var lateNote = Assert.Single(after.Except(before.Split('\n')));
        Assert.EndsWith($":{p.A}:False", lateNote);
        Assert.Equal(before, string.Join("\n", after.Where(l => l != lateNote)));
        Assert.NotNull(await app.GetService<DisputeReader>().GetDisputeAsync(p.B));
        Assert.Null(await app.GetService<MergedAddresses>().FindSurvivorAsync(p.B));
        Assert.Single(await app.HistoryAsync(p.A), e => e.Action == AuditAction.MergeUndone);
        Assert.Single(await app.HistoryAsync(p.B), e => e.Action == AuditAction.MergeUndone);
        await using var check = app.CreateDbContext();
        Assert.Equal("merge-editor", (await check.ClaimMerges.SingleAsync(m => m.Id == merged.Value.Id)).UndoneBy?.Split(' ')[^1]);

        var twice = await UndoAsync(merged.Value.Id);
        Assert.Equal(EditOutcome.Refused, twice.Outcome);
        Assert.Contains("already undone", twice.Message);
    }

    [Fact]
    public async Task Followers_of_the_merged_claim_follow_the_survivor_until_the_merge_is_undone()
    {
        var p = await PairAsync();
        var onlyMerged = await FollowerAsync(p.B);
        var both = await FollowerAsync(p.B, p.A);
        var unfollowsMeanwhile = await FollowerAsync(p.B);

        var merged = await MergeAsync(p.A, p.B);

        Assert.Equal(EditOutcome.Saved, merged.Outcome);
        Assert.Equal([p.A], await FollowedClaimsAsync(onlyMerged));
        // Already following the survivor: both follows stay (one per person and claim); the merged one says where it went.
        Assert.Equal([p.A, p.B], await FollowedClaimsAsync(both));
        await using (var db = app.CreateDbContext())
        {
            await db.Follows.Where(f => f.UserId == unfollowsMeanwhile).ExecuteDeleteAsync();
        }

        var undone = await UndoAsync(merged.Value!.Id);

        Assert.Equal(EditOutcome.Saved, undone.Outcome);
        Assert.Equal([p.B], await FollowedClaimsAsync(onlyMerged));
        Assert.Equal([p.A, p.B], await FollowedClaimsAsync(both));
        Assert.Empty(await FollowedClaimsAsync(unfollowsMeanwhile));
    }

    /// <summary>A real account (a follow belongs to one) following the claims given; its id.</summary>
    private async Task<string> FollowerAsync(params int[] claims)
    {
        var id = await app.Services.NewAccountAsync("merge-follower");
        await using var db = app.CreateDbContext();
        db.Follows.AddRange(claims.Select(c => new Follow { UserId = id, ClaimId = c, FollowedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<List<int>> FollowedClaimsAsync(string userId)
    {
        await using var db = app.CreateDbContext();
        return await db.Follows.Where(f => f.UserId == userId && f.ClaimId != null).Select(f => f.ClaimId!.Value).OrderBy(c => c).ToListAsync();
    }

    [Fact]
    public async Task Undo_keeps_later_edits_of_moved_rows_but_is_refused_when_a_moved_row_now_belongs_to_another_claim()
    {
        var p = await PairAsync();
        var merged = await MergeAsync(p.A, p.B);
        await using (var db = app.CreateDbContext())
        {
            var attribution = await db.Attributions.SingleAsync(a => a.Id == p.AttributionOfB);
            attribution.Stance = Stance.Doubts;
            await db.SaveChangesAsync();
        }
        // An editor re-points the moved statement to a third claim.
        await using (var db = app.CreateDbContext())
        {
            (await db.Attributions.SingleAsync(a => a.Id == p.AttributionOfB)).ClaimId = p.Other;
            await db.SaveChangesAsync();
        }
        var snapshot = await SnapshotAsync(p);

        var refused = await UndoAsync(merged.Value!.Id);

        Assert.Equal(EditOutcome.Refused, refused.Outcome);
        Assert.Contains("1 statement moved on", refused.Message);
        Assert.Equal(snapshot, await SnapshotAsync(p)); // nothing half-done

        // Moved back by hand, the undo goes through and keeps the later change of stance.
        await using (var db = app.CreateDbContext())
        {
            (await db.Attributions.SingleAsync(a => a.Id == p.AttributionOfB)).ClaimId = p.A;
            await db.SaveChangesAsync();
        }
        Assert.Equal(EditOutcome.Saved, (await UndoAsync(merged.Value.Id)).Outcome);
        await using var check = app.CreateDbContext();
        var back = await check.Attributions.SingleAsync(a => a.Id == p.AttributionOfB);
        Assert.Equal((p.B, Stance.Doubts), (back.ClaimId, back.Stance));
    }

    [Fact]
    public async Task Undo_is_refused_while_the_survivor_is_deleted_and_a_merged_claim_cannot_be_restored_on_its_own()
    {
        var p = await PairAsync();
        var merged = await MergeAsync(p.A, p.B);
        var restore = await AsEditorAsync(s => s.RestoreClaimAsync(p.B));
        Assert.Equal(EditOutcome.Invalid, restore.Outcome);
        Assert.Contains("merged into claim", restore.ErrorFor("Claim"));
        var relation = await AsEditorAsync(s => s.RestoreRelationAsync(p.RelationAB));
        Assert.Contains("undo the merge", relation.ErrorFor("Relation"));

        Assert.True((await AsEditorAsync(async s => await s.DeleteClaimAsync(p.A, await VersionAsync(p.A)))).Succeeded);
        var refused = await UndoAsync(merged.Value!.Id);
        Assert.Equal(EditOutcome.Refused, refused.Outcome);
        Assert.Contains("restore it first", refused.Message);
    }

    private Task<T> AsEditorAsync<T>(Func<RecordEditService, Task<T>> call) => app.Services.AsAsync(Roles.Editor, call);

    [Fact]
    public async Task Merging_against_a_stale_version_of_either_claim_is_refused_and_writes_nothing()
    {
        var p = await PairAsync();
        var (versionA, versionB) = (await VersionAsync(p.A), await VersionAsync(p.B));
        var edited = await AsEditorAsync(s => s.UpdateClaimAsync(p.B, versionB, new ClaimDraft("Duplicate, reworded meanwhile.", [])));
        Assert.True(edited.Succeeded);
        var snapshot = await SnapshotAsync(p);

        var stale = await AsAsync(Roles.Editor, s => s.MergeAsync(p.A, versionA, p.B, versionB));

        Assert.Equal(EditOutcome.Conflict, stale.Outcome);
        Assert.Contains("“Duplicate, reworded meanwhile.”", stale.Message);
        Assert.Equal(snapshot, await SnapshotAsync(p));
        await using var db = app.CreateDbContext();
        Assert.False(await db.ClaimMerges.AnyAsync(m => m.MergedId == p.B));
    }

    [Fact]
    public async Task A_claim_cannot_be_merged_into_itself_nor_into_a_claim_that_is_gone()
    {
        var p = await PairAsync();
        Assert.Equal(EditOutcome.Refused, (await MergeAsync(p.A, p.A)).Outcome);
        Assert.True((await MergeAsync(p.A, p.B)).Succeeded);
        Assert.Equal(EditOutcome.NotFound, (await MergeAsync(p.Other, p.B)).Outcome);
        Assert.Null(await AsAsync(Roles.Editor, s => s.PreviewAsync(p.Other, p.B)));
    }

    [Fact]
    public async Task A_verdict_moves_to_a_survivor_without_one_and_the_survivor_takes_its_status_until_undone()
    {
        var p = await PairAsync();
        var verdict = await app.PublishAsync(p.B);
        var preview = await AsAsync(Roles.Editor, s => s.PreviewAsync(p.A, p.B));
        Assert.Contains(preview!.Effects, e => e.Contains("verdict (published, “False”) moves", StringComparison.Ordinal));

        var merged = await MergeAsync(p.A, p.B);

        Assert.Equal(ClaimStatus.Published, await app.StatusAsync(p.A));
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(p.A, (await db.Verdicts.SingleAsync(v => v.Id == verdict.Id)).ClaimId);
        }
        Assert.Equal(EditOutcome.Saved, (await UndoAsync(merged.Value!.Id)).Outcome);
        Assert.Equal(ClaimStatus.New, await app.StatusAsync(p.A));
        Assert.Equal(ClaimStatus.Published, await app.StatusAsync(p.B));
    }

    [Fact]
    public async Task When_both_have_verdicts_the_survivors_stays_the_other_is_retired_and_two_disagreeing_published_ones_refuse()
    {
        var p = await PairAsync();
        await app.PublishAsync(p.A);
        var draftOfB = await app.DraftAsync(p.B);
        var merged = await MergeAsync(p.A, p.B);
        Assert.True(merged.Succeeded);
        await using (var db = app.CreateDbContext())
        {
            Assert.True((await db.Verdicts.IgnoreQueryFilters().SingleAsync(v => v.Id == draftOfB.Id)).IsDeleted);
        }
        Assert.Equal(ClaimStatus.Published, await app.StatusAsync(p.A));
        Assert.Equal(EditOutcome.Saved, (await UndoAsync(merged.Value!.Id)).Outcome);
        await using (var db = app.CreateDbContext())
        {
            Assert.False((await db.Verdicts.IgnoreQueryFilters().SingleAsync(v => v.Id == draftOfB.Id)).IsDeleted);
        }

        var q = await PairAsync();
        await app.PublishAsync(q.A); // rated False
        await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(q.B));
        var draft = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(q.B, VerdictTestHelpers.Input(rating: VerdictTestHelpers.Accurate), null));
        await app.AsAsync(Roles.Editor, s => s.PublishAsync(q.B, draft.Value!.Version));
        var preview = await AsAsync(Roles.Editor, s => s.PreviewAsync(q.A, q.B));
        Assert.False(preview!.CanMerge);
        var refused = await MergeAsync(q.A, q.B);
        Assert.Equal(EditOutcome.Refused, refused.Outcome);
        Assert.Contains("“False” and “Accurate”", refused.Message);
    }

    [Fact]
    public async Task The_default_survivor_has_more_statements_then_is_older()
    {
        var t = DateTimeOffset.UtcNow;
        MergeSide Side(int id, int statements, DateTimeOffset created) => new(id, "x", created, ClaimStatus.New, statements, 0, 0, null, Guid.Empty);
        Assert.True(MergePlanner.ShouldSurvive(Side(2, 3, t), Side(1, 1, t.AddDays(-1))));
        Assert.True(MergePlanner.ShouldSurvive(Side(2, 1, t.AddDays(-1)), Side(1, 1, t)));
        Assert.False(MergePlanner.ShouldSurvive(Side(2, 1, t), Side(1, 1, t)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Claims_worded_much_alike_are_offered_as_possibly_the_same_and_a_merged_one_no_longer()
    {
        var tag = "wombat" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.CreateDbContext())
        {
            db.Claims.AddRange(
                new Claim { Key = $"s1-{tag}", Text = $"The {tag} ceasefire will hold through the winter months." },
                new Claim { Key = $"s2-{tag}", Text = $"Through the winter months the {tag} ceasefire will hold." },
                new Claim { Key = $"s3-{tag}", Text = $"The {tag} ceasefire collapsed on Tuesday after shelling." });
            await db.SaveChangesAsync();
        }
        var ids = new List<int>();
        foreach (var key in new[] { "s1", "s2", "s3" })
        {
            ids.Add(await app.ClaimId($"{key}-{tag}"));
        }
        var claims = app.GetService<MergeCandidateSearch>();

        var similar = await claims.SimilarAsync(ids[0]);

        var only = Assert.Single(similar);
        Assert.Equal(ids[1], only.Id);
        Assert.Equal(1.0, only.Similarity);
        Assert.True((await MergeAsync(ids[0], ids[1])).Succeeded);
        Assert.Empty(await claims.SimilarAsync(ids[0]));
    }

    public static TheoryData<string?, string> Matrix()
    {
        var data = new TheoryData<string?, string>();
        foreach (var role in Acting.EveryRole)
        {
            foreach (var action in new[] { "Preview", "Merge", "Undo" })
            {
                data.Add(role, action);
            }
        }
        return data;
    }

    /// <summary>The role × action matrix for merging: written out independently of RolePermissions (editors and admins only).</summary>
    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_editors_and_admins_merge_and_undo(string? role, string action)
    {
        var p = await PairAsync();
        var mergeId = action == "Undo" ? (await MergeAsync(p.A, p.B)).Value!.Id : 0;
        var snapshot = await SnapshotAsync(p);
        Func<ClaimMergeService, Task<bool>> act = action switch
        {
            "Preview" => async s => await s.PreviewAsync(p.A, p.B) is { CanMerge: true },
            "Merge" => async s => (await s.MergeAsync(p.A, await VersionAsync(p.A), p.B, await VersionAsync(p.B))).Succeeded,
            _ => async s => (await s.UndoAsync(mergeId)).Succeeded,
        };

        if (role is Roles.Editor or Roles.Admin)
        {
            Assert.True(await AsAsync(role, act));
            Assert.Equal(action == "Preview", snapshot == await SnapshotAsync(p));
        }
        else
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(role, act));
            Assert.Equal(role is not null, denied.SignedIn);
            Assert.Equal(snapshot, await SnapshotAsync(p));
        }
    }
}
