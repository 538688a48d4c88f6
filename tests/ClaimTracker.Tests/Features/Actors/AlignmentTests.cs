using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;

namespace ClaimTracker.Tests.Features.Actors;

public class AlignmentTests
{
    // The stances that back a claim and those that challenge it, spelled out here rather than taken from the app.
    private static readonly Stance[] Backing = [Stance.Asserts, Stance.Endorses];
    private static readonly Stance[] Challenging = [Stance.Denies, Stance.Questions, Stance.Doubts];

    /// <summary>The rules as the domain states them, written independently of the implementation.</summary>
    private static bool? Expected(Stance mine, Stance theirs, AlignmentLink link)
    {
        bool iBack = Backing.Contains(mine), theyBack = Backing.Contains(theirs);
        return link switch
        {
            AlignmentLink.SameClaim => iBack == theyBack,
            // Rival claims: backing both sides conflicts; backing one side while the other DENIES the rival agrees;
            // questioning or doubting the rival says nothing about holding its opposite.
            AlignmentLink.Contradicting when iBack && theyBack => false,
            AlignmentLink.Contradicting when iBack && theirs == Stance.Denies => true,
            AlignmentLink.Contradicting when theyBack && mine == Stance.Denies => true,
            // Evidence and conclusion: only the one who backs the evidence is committed to the conclusion.
            AlignmentLink.MineSupportsTheirs when iBack => theyBack,
            AlignmentLink.TheirsSupportsMine when theyBack => iBack,
            _ => null,
        };
    }

    public static TheoryData<Stance, Stance, AlignmentLink> EveryCombination()
    {
        var data = new TheoryData<Stance, Stance, AlignmentLink>();
        foreach (var mine in Enum.GetValues<Stance>())
        {
            foreach (var theirs in Enum.GetValues<Stance>())
            {
                foreach (var link in Enum.GetValues<AlignmentLink>())
                {
                    data.Add(mine, theirs, link);
                }
            }
        }
        return data;
    }

    [Fact]
    public void Every_stance_is_classified_as_backing_or_challenging()
    {
        Assert.Equal(Enum.GetValues<Stance>().Order(), Backing.Concat(Challenging).Order());
        Assert.All(Backing, s => Assert.False(s.IsChallenge()));
        Assert.All(Challenging, s => Assert.True(s.IsChallenge()));
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Between_follows_the_rules(Stance mine, Stance theirs, AlignmentLink link)
    {
        Assert.Equal(Expected(mine, theirs, link), Alignment.Between(mine, theirs, link));
    }

    [Theory]
    [InlineData(Stance.Asserts, Stance.Endorses, AlignmentLink.SameClaim, true)]
    [InlineData(Stance.Questions, Stance.Asserts, AlignmentLink.SameClaim, false)]
    [InlineData(Stance.Denies, Stance.Doubts, AlignmentLink.SameClaim, true)]
    [InlineData(Stance.Asserts, Stance.Asserts, AlignmentLink.Contradicting, false)]
    [InlineData(Stance.Denies, Stance.Asserts, AlignmentLink.Contradicting, true)]
    [InlineData(Stance.Asserts, Stance.Asserts, AlignmentLink.MineSupportsTheirs, true)]
    [InlineData(Stance.Asserts, Stance.Denies, AlignmentLink.MineSupportsTheirs, false)]
    public void Between_on_plain_situations(Stance mine, Stance theirs, AlignmentLink link, bool expected)
    {
        Assert.Equal(expected, Alignment.Between(mine, theirs, link));
    }

    [Theory]
    // Gabbard questions the intelligence claim, which contradicts Trump's "Putin is ready": that does not put her on Trump's side.
    [InlineData(Stance.Questions, Stance.Asserts, AlignmentLink.Contradicting)]
    // Gabbard questions the intelligence claim, which supports the Europeans' claim: doubting the evidence is not rejecting their conclusion.
    [InlineData(Stance.Questions, Stance.Asserts, AlignmentLink.MineSupportsTheirs)]
    // A qualification is too weak a link to call either way.
    [InlineData(Stance.Asserts, Stance.Asserts, AlignmentLink.Qualifying)]
    public void Between_says_nothing_where_the_record_does_not_commit_either_side(Stance mine, Stance theirs, AlignmentLink link)
    {
        Assert.Null(Alignment.Between(mine, theirs, link));
    }

    [Theory]
    [InlineData(RelationType.Contradicts, true, AlignmentLink.Contradicting)]
    [InlineData(RelationType.Contradicts, false, AlignmentLink.Contradicting)]
    [InlineData(RelationType.Supports, true, AlignmentLink.MineSupportsTheirs)]
    [InlineData(RelationType.Supports, false, AlignmentLink.TheirsSupportsMine)]
    [InlineData(RelationType.Qualifies, true, AlignmentLink.Qualifying)]
    public void LinkOf_keeps_the_direction_of_support(RelationType type, bool mineIsFrom, AlignmentLink expected)
    {
        Assert.Equal(expected, Alignment.LinkOf(type, mineIsFrom));
    }
}
