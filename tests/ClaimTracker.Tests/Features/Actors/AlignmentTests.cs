using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;

namespace ClaimTracker.Tests.Features.Actors;

public class AlignmentTests
{
    // The stances that back a claim and those that challenge it, spelled out here rather than taken from the app.
    private static readonly Stance[] Backing = [Stance.Asserts, Stance.Endorses];
    private static readonly Stance[] Challenging = [Stance.Denies, Stance.Questions, Stance.Doubts];

    /// <summary>The rules as the domain states them: (relation, I back, they back) → agree, disagree or nothing.</summary>
    private static readonly Dictionary<(RelationType?, bool, bool), bool?> Rules = new()
    {
        [(null, true, true)] = true,
        [(null, false, false)] = true,
        [(null, true, false)] = false,
        [(null, false, true)] = false,
        [(RelationType.Contradicts, true, true)] = false,
        [(RelationType.Contradicts, true, false)] = true,
        [(RelationType.Contradicts, false, true)] = true,
        [(RelationType.Contradicts, false, false)] = null,
        [(RelationType.Supports, true, true)] = true,
        [(RelationType.Supports, true, false)] = false,
        [(RelationType.Supports, false, true)] = false,
        [(RelationType.Supports, false, false)] = null,
        [(RelationType.Qualifies, true, true)] = null,
        [(RelationType.Qualifies, true, false)] = null,
        [(RelationType.Qualifies, false, true)] = null,
        [(RelationType.Qualifies, false, false)] = null,
    };

    public static TheoryData<Stance, Stance, RelationType?> EveryCombination()
    {
        var data = new TheoryData<Stance, Stance, RelationType?>();
        RelationType?[] relations = [null, .. Enum.GetValues<RelationType>()];
        foreach (var mine in Enum.GetValues<Stance>())
        {
            foreach (var theirs in Enum.GetValues<Stance>())
            {
                foreach (var relation in relations)
                {
                    data.Add(mine, theirs, relation);
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
    public void Between_follows_the_truth_table(Stance mine, Stance theirs, RelationType? relation)
    {
        var expected = Rules[(relation, Backing.Contains(mine), Backing.Contains(theirs))];

        Assert.Equal(expected, Alignment.Between(mine, theirs, relation));
    }

    [Theory]
    [InlineData(Stance.Asserts, Stance.Endorses, null, true)]
    [InlineData(Stance.Questions, Stance.Asserts, null, false)]
    [InlineData(Stance.Denies, Stance.Doubts, null, true)]
    [InlineData(Stance.Asserts, Stance.Asserts, RelationType.Contradicts, false)]
    [InlineData(Stance.Questions, Stance.Asserts, RelationType.Contradicts, true)]
    [InlineData(Stance.Asserts, Stance.Asserts, RelationType.Supports, true)]
    [InlineData(Stance.Questions, Stance.Asserts, RelationType.Supports, false)]
    public void Between_on_the_seeded_situations(Stance mine, Stance theirs, RelationType? relation, bool expected)
    {
        // E.g. Gabbard questions a claim US intelligence asserts: disagreement; it contradicts Trump's: agreement.
        Assert.Equal(expected, Alignment.Between(mine, theirs, relation));
    }
}
