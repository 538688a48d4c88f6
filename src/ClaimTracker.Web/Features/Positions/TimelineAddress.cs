using System.Globalization;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>A timeline's order and page as the address gives them (<c>?order=newest&amp;page=2</c>); anything unreadable is the default.</summary>
public static class TimelineAddress
{
    public static (TimelineOrder Order, int PageIndex) Read(string? order, string? page) => (
        string.Equals(order, "newest", StringComparison.OrdinalIgnoreCase) ? TimelineOrder.NewestFirst : TimelineOrder.OldestFirst,
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, TimelineService.MaxPageIndex) - 1 : 0);
}
