using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Matrix;

namespace ClaimTracker.Tests.Features.Matrix;

/// <summary>
/// The matrix's view model on crafted inputs: the cells (one stance, several in date order, a change of side), the cut to the
/// most active claims and actors, and the arrangement by related claims and sides.
/// </summary>
public sealed class MatrixBuilderTests
{
    private static readonly DateOnly January = new(2026, 1, 15);
    private static readonly DateOnly February = new(2026, 2, 3);

    private static readonly MatrixCut NoCut = new(0, 0, false, 0, 0, false, false, false);

    private static int nextStatement = 100;

    private static MatrixStatement Said(int actor, int claim, Stance stance, DateOnly? on = null, int? id = null) =>
        new(id ?? nextStatement++, actor, claim, SourceId: 1, stance, SaidWhen: null, on ?? January);

    private static StanceMatrix Build(
        IEnumerable<MatrixStatement> statements,
        IEnumerable<MatrixRelationInput>? relations = null,
        MatrixSort sort = MatrixSort.Sides)
    {
        var list = statements.ToList();
        var claims = list.GroupBy(s => s.ClaimId)
            .Select(g => new MatrixClaimCandidate(g.Key, $"Claim {g.Key}", g.Count(), Rank: g.Key))
            .ToList();
        var actors = list.GroupBy(s => s.ActorId).Select(g => new MatrixActorCandidate(g.Key, $"Actor {g.Key}", g.Count())).ToList();
        var counts = list.GroupBy(s => (s.ClaimId, s.Stance)).Select(g => new MatrixStanceCount(g.Key.ClaimId, g.Key.Stance, g.Count())).ToList();
        return MatrixBuilder.Build(new MatrixInput(claims, actors, list, (relations ?? []).ToList(), counts, sort, NoCut));
    }

    private static MatrixCell? CellOf(StanceMatrix matrix, int actor, int claim)
    {
        var row = matrix.Rows.Single(r => r.ActorId == actor);
        var column = matrix.Columns.ToList().FindIndex(c => c.ClaimId == claim);
        return row.Cells[column];
    }

    [Fact]
    public void Each_cell_holds_the_actors_stance_on_that_claim_and_nothing_where_they_said_nothing()
    {
        var matrix = Build([Said(1, 10, Stance.Asserts), Said(2, 10, Stance.Denies), Said(2, 20, Stance.Doubts)]);

        Assert.Equal([new StanceRun(Stance.Asserts, 1)], CellOf(matrix, 1, 10)!.Runs);
        Assert.Equal([new StanceRun(Stance.Denies, 1)], CellOf(matrix, 2, 10)!.Runs);
        Assert.Equal([new StanceRun(Stance.Doubts, 1)], CellOf(matrix, 2, 20)!.Runs);
        Assert.Null(CellOf(matrix, 1, 20));
        Assert.False(CellOf(matrix, 1, 10)!.Changed);
    }

    [Fact]
    public void Several_stances_in_one_cell_are_in_date_order_a_change_of_side_is_marked_and_the_cell_opens_the_latest()
    {
        // Given newest first, and the later statement recorded first (a lower id): the date decides.
        var denied = Said(1, 10, Stance.Denies, February, id: 1);
        var asserted = Said(1, 10, Stance.Asserts, January, id: 2);
        var matrix = Build([denied, asserted]);

        var cell = CellOf(matrix, 1, 10)!;
        Assert.Equal([Stance.Asserts, Stance.Denies], cell.Runs.Select(r => r.Stance));
        Assert.True(cell.Changed);
        Assert.Equal(denied, cell.Latest);
        Assert.Equal($"/sources/1?attribution={denied.Id}", cell.Latest.ReaderHref);
    }

    [Fact]
    public void The_same_stance_said_twice_is_one_run_of_two_not_a_change()
    {
        var matrix = Build([Said(1, 10, Stance.Asserts), Said(1, 10, Stance.Asserts), Said(1, 10, Stance.Endorses)]);

        var cell = CellOf(matrix, 1, 10)!;
        Assert.Equal([new StanceRun(Stance.Asserts, 2), new StanceRun(Stance.Endorses, 1)], cell.Runs);
        Assert.False(cell.Changed); // asserting and agreeing are both on the claim's side
        Assert.Equal(3, cell.Statements.Count);
    }

    [Fact]
    public void A_long_history_keeps_every_run_and_the_cell_shows_the_first_and_last_around_what_it_leaves_out()
    {
        var stances = new[] { Stance.Asserts, Stance.Denies, Stance.Asserts, Stance.Questions, Stance.Asserts, Stance.Denies };
        var matrix = Build(stances.Select((s, i) => Said(1, 10, s, January.AddDays(i))));

        var cell = CellOf(matrix, 1, 10)!;
        Assert.Equal(stances, cell.Runs.Select(r => r.Stance));
        Assert.Equal(4, cell.RunsLeftOut);
        Assert.Equal(0, CellOf(Build([Said(1, 10, Stance.Asserts), Said(1, 10, Stance.Denies, February), Said(1, 10, Stance.Asserts, February.AddDays(1))]), 1, 10)!.RunsLeftOut);
    }

    [Fact]
    public void A_claim_with_stances_for_and_against_it_is_contested()
    {
        var matrix = Build([Said(1, 10, Stance.Asserts), Said(2, 10, Stance.Questions), Said(1, 20, Stance.Asserts), Said(2, 20, Stance.Endorses)]);

        var contested = Assert.Single(matrix.Columns, c => c.Contested);
        Assert.Equal(10, contested.ClaimId);
        Assert.Equal((1, 1), (contested.For, contested.Against));
    }

    [Fact]
    public void Related_claims_sit_side_by_side_supporting_ones_first_then_after_the_line_the_ones_contradicting_them()
    {
        // 10 (most active) is supported by 30 and contradicted by 20; 40 contradicts 20 too, so it is on 10's side; 50 is unrelated.
        // The activity order alone would be 10, 50, 20, 40, 30.
        var matrix = Build(
            [
                Said(1, 10, Stance.Asserts), Said(2, 10, Stance.Asserts), Said(3, 10, Stance.Asserts), Said(4, 10, Stance.Denies),
                Said(5, 50, Stance.Asserts), Said(6, 50, Stance.Asserts), Said(7, 50, Stance.Asserts),
                Said(4, 20, Stance.Asserts), Said(8, 20, Stance.Asserts),
                Said(9, 40, Stance.Asserts), Said(10, 40, Stance.Asserts),
                Said(1, 30, Stance.Asserts),
            ],
            [
                new MatrixRelationInput(20, 10, RelationType.Contradicts),
                new MatrixRelationInput(30, 10, RelationType.Supports),
                new MatrixRelationInput(40, 20, RelationType.Contradicts),
            ]);

        Assert.Equal([10, 40, 30, 20, 50], matrix.Columns.Select(c => c.ClaimId));
        Assert.Equal([1, 2, 3, 4, 5], matrix.Columns.Select(c => c.Number));
        Assert.Equal([20], matrix.Columns.Where(c => c.OtherSide).Select(c => c.ClaimId));
        Assert.Equal(
            [new MatrixColumnGroup("Related claims C1–C4", 4, true), new MatrixColumnGroup("Claims not related to another shown", 1, false)],
            matrix.ColumnGroups);
        var first = matrix.Columns[0];
        Assert.Equal(["contradicts C4", "supported by C3"], first.Links.Select(l => $"{l.Words} C{l.OtherNumber}"));
        Assert.Equal(["supports C1"], matrix.Columns.Single(c => c.ClaimId == 30).Links.Select(l => $"{l.Words} C{l.OtherNumber}"));
    }

    [Fact]
    public void Actors_sit_with_the_side_they_take_and_questioning_a_claim_is_not_taking_the_other_side()
    {
        var matrix = Build(
            [
                Said(1, 10, Stance.Asserts), Said(1, 10, Stance.Asserts),   // backs 10
                Said(2, 20, Stance.Asserts),                               // backs 20, which contradicts 10
                Said(3, 10, Stance.Denies),                                // denies 10
                Said(4, 10, Stance.Questions),                             // only questions 10
                Said(5, 20, Stance.Denies),                                // denies the rival of 10: on 10's side
                Said(6, 50, Stance.Asserts),                               // speaks only to an unrelated claim
            ],
            [new MatrixRelationInput(20, 10, RelationType.Contradicts)]);

        Assert.Equal(
            [
                ("With C1: back it, or a claim on its side", new[] { 1, 5 }),
                ("Against C1: deny it, or back a claim that contradicts it", new[] { 2, 3 }),
                ("Question or doubt claims C1–C2, or take both sides", new[] { 4 }),
                ("Only on claims not related to another shown", new[] { 6 }),
            ],
            matrix.RowGroups.Select(g => (g.Label!, g.Rows.Select(r => r.ActorId).ToArray())));
    }

    [Fact]
    public void An_actor_who_changed_side_sits_where_their_latest_stance_puts_them()
    {
        var matrix = Build(
            [Said(1, 10, Stance.Asserts, January), Said(1, 10, Stance.Denies, February), Said(2, 10, Stance.Asserts), Said(3, 20, Stance.Asserts)],
            [new MatrixRelationInput(10, 20, RelationType.Contradicts)]);

        Assert.Contains(matrix.RowGroups, g => g.Label!.StartsWith("Against", StringComparison.Ordinal) && g.Rows.Any(r => r.ActorId == 1));
    }

    [Fact]
    public void Sorted_by_activity_the_most_active_claims_and_actors_come_first_in_one_unlabelled_group()
    {
        var matrix = Build(
            [Said(1, 10, Stance.Asserts), Said(2, 20, Stance.Asserts), Said(2, 20, Stance.Denies), Said(3, 20, Stance.Asserts), Said(2, 30, Stance.Asserts)],
            [new MatrixRelationInput(10, 30, RelationType.Supports)],
            MatrixSort.Activity);

        Assert.Equal([20, 10, 30], matrix.Columns.Select(c => c.ClaimId));
        Assert.Empty(matrix.ColumnGroups);
        var group = Assert.Single(matrix.RowGroups);
        Assert.Null(group.Label);
        Assert.Equal([2, 1, 3], group.Rows.Select(r => r.ActorId));
        Assert.Equal(["supports C3"], matrix.Columns[1].Links.Select(l => $"{l.Words} C{l.OtherNumber}"));
    }

    [Fact]
    public void Without_relations_between_the_claims_shown_the_rows_are_one_group_by_activity()
    {
        var matrix = Build([Said(1, 10, Stance.Asserts), Said(2, 20, Stance.Asserts), Said(2, 10, Stance.Denies)]);

        var group = Assert.Single(matrix.RowGroups);
        Assert.Null(group.Label);
        Assert.Equal([2, 1], group.Rows.Select(r => r.ActorId));
        Assert.Equal([new MatrixColumnGroup("Claims", 2, false)], matrix.ColumnGroups);
    }

    [Fact]
    public void The_columns_are_the_claims_with_most_statements_ties_in_the_searchs_order_and_none_without_statements()
    {
        var pool = new[]
        {
            new MatrixClaimCandidate(1, "a", 2, Rank: 0),
            new MatrixClaimCandidate(2, "b", 0, Rank: 1),
            new MatrixClaimCandidate(3, "c", 5, Rank: 2),
            new MatrixClaimCandidate(4, "d", 2, Rank: 3),
            new MatrixClaimCandidate(5, "e", 1, Rank: 4),
        };

        Assert.Equal([3, 1, 4], MatrixBuilder.ChooseClaims(pool, 3).Select(c => c.Id));
        Assert.Equal([3, 1, 4, 5], MatrixBuilder.ChooseClaims(pool, 40).Select(c => c.Id));
    }

    [Fact]
    public void The_rows_are_the_actors_with_most_statements_and_the_actor_filtered_by_is_always_among_them()
    {
        var counts = Enumerable.Range(1, 100).ToDictionary(id => id, id => 1000 - id); // actor 1 most active, 100 least

        Assert.Equal(Enumerable.Range(1, MatrixLimits.Actors), MatrixBuilder.ChooseActors(counts, MatrixLimits.Actors, pinned: null));
        var pinned = MatrixBuilder.ChooseActors(counts, MatrixLimits.Actors, pinned: 77);
        Assert.Equal(MatrixLimits.Actors, pinned.Count);
        Assert.Contains(77, pinned);
        Assert.Equal(MatrixLimits.MaxActors, MatrixBuilder.ChooseActors(counts, MatrixLimits.MaxActors, null).Count);
        // An actor with no statement on the claims is not made up.
        Assert.DoesNotContain(500, MatrixBuilder.ChooseActors(counts, MatrixLimits.Actors, pinned: 500));
    }
}
