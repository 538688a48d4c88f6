using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Review;

namespace ClaimTracker.Tests.Features.Review;

public class ReviewFilterTests
{
    [Fact]
    public void Each_tab_lists_the_suggestions_of_its_own_name_and_All_lists_every_one()
    {
        foreach (var filter in Enum.GetValues<ReviewFilter>().Where(f => f != ReviewFilter.All))
        {
            Assert.Equal(filter.ToString(), ReviewQueueService.StatusShown(filter).ToString());
        }
        Assert.Null(ReviewQueueService.StatusShown(ReviewFilter.All));
        // Every status has its tab: a new status would otherwise never be listed on its own.
        Assert.Equal(Enum.GetValues<SuggestionStatus>().Length, Enum.GetValues<ReviewFilter>().Length - 1);
    }
}
