using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Positions;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>How two actors' positions fall into agreement, disagreement and what only one addressed.</summary>
public class ComparisonBucketsTests
{
    private static (List<AlignmentFinding> Agree, List<AlignmentFinding> Disagree, List<int> OnlyA, List<int> OnlyB) Sort(
        (int, Stance)[] a, (int, Stance)[] b, params (int, int, RelationType)[] relations) =>
        ComparisonService.Sort(a, b, relations);

    [Fact]
    public void The_same_claim_from_the_same_side_is_agreement_and_from_opposite_sides_disagreement()
    {
        var (agree, disagree, onlyA, onlyB) = Sort(
            [(1, Stance.Asserts), (2, Stance.Denies)],
            [(1, Stance.Endorses), (2, Stance.Asserts)]);

        var same = Assert.Single(agree);
        Assert.Equal((1, 1, AlignmentLink.SameClaim), (same.OwnClaimId, same.TheirClaimId, same.Link));
        var opposite = Assert.Single(disagree);
        Assert.Equal((2, Stance.Denies, Stance.Asserts, AlignmentLink.SameClaim), (opposite.OwnClaimId, opposite.OwnStance, opposite.TheirStance, opposite.Link));
        Assert.Empty(onlyA);
        Assert.Empty(onlyB);
    }

    [Fact]
    public void Backing_contradicting_claims_one_each_is_disagreement_with_the_relation_as_reason()
    {
        var (agree, disagree, onlyA, onlyB) = Sort([(1, Stance.Asserts)], [(2, Stance.Asserts)], (2, 1, RelationType.Contradicts));

        Assert.Empty(agree);
        var reason = Assert.Single(disagree);
        Assert.Equal((1, 2, AlignmentLink.Contradicting, (RelationType?)RelationType.Contradicts), (reason.OwnClaimId, reason.TheirClaimId, reason.Link, reason.Relation));
        // Each spoke to a claim the other did not, but the two bear on each other: neither is "only theirs".
        Assert.Empty(onlyA);
        Assert.Empty(onlyB);
    }

    [Fact]
    public void Claims_that_bear_on_nothing_the_other_said_are_only_theirs_in_the_order_given()
    {
        var (agree, disagree, onlyA, onlyB) = Sort(
            [(5, Stance.Asserts), (3, Stance.Doubts), (1, Stance.Asserts)],
            [(1, Stance.Asserts), (7, Stance.Denies)],
            (3, 9, RelationType.Contradicts)); // a relation to a claim B never spoke to gives no reason

        Assert.Single(agree);
        Assert.Empty(disagree);
        Assert.Equal([5, 3], onlyA);
        Assert.Equal([7], onlyB);
    }

    [Fact]
    public void Doubting_one_of_two_contradicting_claims_says_nothing_and_both_stay_their_own()
    {
        var (agree, disagree, onlyA, onlyB) = Sort([(1, Stance.Doubts)], [(2, Stance.Asserts)], (1, 2, RelationType.Contradicts));

        Assert.Empty(agree);
        Assert.Empty(disagree);
        Assert.Equal([1], onlyA);
        Assert.Equal([2], onlyB);
    }

    [Fact]
    public void Changing_sides_on_a_claim_the_other_holds_gives_both_an_agreement_and_a_disagreement()
    {
        // A asserted, later denied; B denies: they disagreed, and now agree.
        var (agree, disagree, _, _) = Sort([(1, Stance.Denies), (1, Stance.Asserts)], [(1, Stance.Denies)]);

        Assert.Equal(Stance.Denies, Assert.Single(agree).OwnStance);
        Assert.Equal(Stance.Asserts, Assert.Single(disagree).OwnStance);
    }

    [Fact]
    public void Evidence_backed_by_one_and_its_conclusion_challenged_by_the_other_is_disagreement()
    {
        // A backs claim 1, which supports claim 2; B denies claim 2.
        var (_, disagree, _, _) = Sort([(1, Stance.Asserts)], [(2, Stance.Denies)], (1, 2, RelationType.Supports));

        Assert.Equal(AlignmentLink.MineSupportsTheirs, Assert.Single(disagree).Link);
    }
}
