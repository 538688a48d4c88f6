using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Tests.Features.Common;

public class LikePatternTests
{
    [Theory]
    [InlineData("deal", "%deal%")]
    [InlineData("50%", "%50\\%%")]
    [InlineData("snake_case", "%snake\\_case%")]
    [InlineData("back\\slash", "%back\\\\slash%")]
    [InlineData("\\%", "%\\\\\\%%")]
    public void Like_patterns_escape_wildcards_and_the_escape_character(string term, string expected)
    {
        Assert.Equal(expected, LikePattern.Containing(term));
    }
}
