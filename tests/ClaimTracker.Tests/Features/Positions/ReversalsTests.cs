using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Positions;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>Reversals found in crafted histories of one actor.</summary>
public class ReversalsTests
{
    private const int Claim = 1;
    private const int Rival = 2;
    private static int nextId = 100;

    private static DatedStance S(Stance stance, string day, int claim = Claim, DatePrecision precision = DatePrecision.Day, int? id = null) =>
        new(id ?? Interlocked.Increment(ref nextId), claim, stance, new StatementDate(DateOnly.Parse(day), precision, DateBasis.Said));

    private static IReadOnlyList<Reversal> Find(params DatedStance[] history) => Reversals.Find(history, []);

    [Fact]
    public void Asserting_then_denying_later_is_one_reversal_from_the_last_assertion()
    {
        var first = S(Stance.Asserts, "2026-02-02");
        var again = S(Stance.Asserts, "2026-02-16");
        var denial = S(Stance.Denies, "2026-03-03");

        var found = Find(denial, first, again); // in any order

        var reversal = Assert.Single(found);
        Assert.Equal((ReversalKind.StanceChanged, again, denial), (reversal.Kind, reversal.Earlier, reversal.Later));
    }

    [Theory]
    [InlineData(Stance.Endorses, Stance.Doubts)]
    [InlineData(Stance.Asserts, Stance.Questions)]
    [InlineData(Stance.Denies, Stance.Endorses)]
    [InlineData(Stance.Doubts, Stance.Asserts)]
    public void Any_stance_for_then_any_against_or_back_is_a_reversal(Stance before, Stance after)
    {
        Assert.Single(Find(S(before, "2026-01-01"), S(after, "2026-01-02")));
    }

    [Theory]
    [InlineData(Stance.Asserts, Stance.Endorses)]
    [InlineData(Stance.Denies, Stance.Doubts)]
    [InlineData(Stance.Questions, Stance.Denies)]
    public void Moving_within_one_side_is_no_reversal(Stance before, Stance after)
    {
        Assert.Empty(Find(S(before, "2026-01-01"), S(after, "2026-02-01")));
    }

    [Fact]
    public void Opposite_stances_on_the_same_day_in_different_sources_are_not_a_reversal()
    {
        // Two outlets reporting the same day differently is a question for the editor, not a change of position.
        Assert.Empty(Find(S(Stance.Asserts, "2026-01-15"), S(Stance.Denies, "2026-01-15")));
    }

    [Fact]
    public void A_month_overlapping_the_day_it_is_set_against_is_not_a_reversal()
    {
        Assert.Empty(Find(S(Stance.Asserts, "2026-02-01", precision: DatePrecision.Month), S(Stance.Denies, "2026-02-16")));
        Assert.Single(Find(S(Stance.Asserts, "2026-01-01", precision: DatePrecision.Month), S(Stance.Denies, "2026-02-16")));
    }

    [Fact]
    public void A_later_re_assertion_after_a_denial_is_a_second_reversal()
    {
        var asserted = S(Stance.Asserts, "2026-01-10");
        var denied = S(Stance.Denies, "2026-02-10");
        var reasserted = S(Stance.Asserts, "2026-03-10");

        var found = Find(asserted, denied, reasserted);

        Assert.Equal([(asserted, denied), (denied, reasserted)], found.Select(r => (r.Earlier, r.Later)));
    }

    [Fact]
    public void Repeating_a_position_after_holding_both_on_one_day_is_not_called_a_reversal()
    {
        // Asserted and denied on the 15th (two accounts), asserted again on the 20th: which way they "turned" is unknown.
        Assert.Empty(Find(S(Stance.Asserts, "2026-01-15"), S(Stance.Denies, "2026-01-15"), S(Stance.Asserts, "2026-01-20")));
        // Denied twice after asserting: one change of side, not two.
        Assert.Single(Find(S(Stance.Asserts, "2026-01-01"), S(Stance.Denies, "2026-01-05"), S(Stance.Doubts, "2026-01-09")));
    }

    [Fact]
    public void Statements_on_different_claims_do_not_reverse_each_other_without_a_contradiction()
    {
        Assert.Empty(Find(S(Stance.Asserts, "2026-01-01", Claim), S(Stance.Denies, "2026-02-01", Rival)));
    }

    [Fact]
    public void Backing_two_contradicting_claims_is_a_reversal_paired_closest_in_time()
    {
        var first = S(Stance.Asserts, "2026-02-01", Claim);
        var repeated = S(Stance.Asserts, "2026-02-10", Claim);
        var rival = S(Stance.Endorses, "2026-02-16", Rival);
        var rivalAgain = S(Stance.Asserts, "2026-03-01", Rival);
        var afterwards = S(Stance.Asserts, "2026-03-05", Claim);

        var found = Reversals.Find([first, repeated, rival, rivalAgain, afterwards], [(Rival, Claim), (Claim, Rival)]);

        var reversal = Assert.Single(found); // one pair of claims, however many relations or statements
        Assert.Equal((ReversalKind.ContradictingClaims, repeated, rival), (reversal.Kind, reversal.Earlier, reversal.Later));
    }

    [Fact]
    public void Backing_two_contradicting_claims_in_one_article_counts_too()
    {
        var a = S(Stance.Asserts, "2026-02-01", Claim);
        var b = S(Stance.Asserts, "2026-02-01", Rival);

        var reversal = Assert.Single(Reversals.Find([b, a], [(Claim, Rival)]));

        Assert.Equal(ReversalKind.ContradictingClaims, reversal.Kind);
        Assert.NotEqual(reversal.Earlier.ClaimId, reversal.Later.ClaimId);
    }

    [Fact]
    public void Challenging_one_of_two_contradicting_claims_is_no_reversal()
    {
        // Asserting one and denying its rival is consistent; doubting both is consistent too.
        Assert.Empty(Reversals.Find([S(Stance.Asserts, "2026-02-01", Claim), S(Stance.Denies, "2026-03-01", Rival)], [(Claim, Rival)]));
        Assert.Empty(Reversals.Find([S(Stance.Doubts, "2026-02-01", Claim), S(Stance.Doubts, "2026-03-01", Rival)], [(Claim, Rival)]));
    }

    [Fact]
    public void A_relation_to_a_claim_the_actor_never_backed_is_ignored()
    {
        Assert.Empty(Reversals.Find([S(Stance.Asserts, "2026-02-01", Claim)], [(Claim, Rival), (Claim, Claim)]));
    }

    [Fact]
    public void Reversals_come_oldest_first_by_the_later_statement()
    {
        var found = Reversals.Find(
            [
                S(Stance.Asserts, "2026-01-01", Claim), S(Stance.Denies, "2026-03-01", Claim),
                S(Stance.Denies, "2026-01-05", 3), S(Stance.Asserts, "2026-02-01", 3),
            ], []);

        Assert.Equal([DateOnly.Parse("2026-02-01"), DateOnly.Parse("2026-03-01")], found.Select(r => r.Later.When.Date));
    }
}
