using Bunit;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>
/// The claims browser over the seed, one claim published as Misleading and one drafted as False: the rating column,
/// the rating filter in the address, its empty list, and the phone's "Filters (N)" button.
/// </summary>
public sealed class ClaimsPageTests : ComponentTest
{
    private const int Misleading = 3;
    private const int False = 5;
    private const int Unverifiable = 6;

    private int published;
    private int drafted;

    public override async Task InitializeAsync()
    {
        UseSeededDatabase();
        Services.AddScoped<ClaimService>();
        Services.AddScoped<ActorService>();

        await using var db = await DbFactory.CreateDbContextAsync();
        var deal = await db.Claims.SingleAsync(c => c.Key == "putin-ready-for-deal");
        var blame = await db.Claims.SingleAsync(c => c.Key == "kyiv-to-blame");
        (published, drafted) = (deal.Id, blame.Id);
        deal.Status = ClaimStatus.Published;
        blame.Status = ClaimStatus.VerdictDrafted;
        var now = DateTimeOffset.UtcNow;
        db.Verdicts.AddRange(
            new Verdict { ClaimId = deal.Id, RatingLabelId = Misleading, Rationale = "Published.", State = VerdictState.Published, PublishedAt = now, AuthorId = "e", AuthorName = "Editor", CreatedAt = now, UpdatedAt = now },
            new Verdict { ClaimId = blame.Id, RatingLabelId = False, Rationale = "DRAFT-ONLY", State = VerdictState.Draft, AuthorId = "e", AuthorName = "Editor", CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }

    /// <summary>The page at an address with these parameters (bUnit supplies them to the page from the address).</summary>
    private IRenderedComponent<ClaimsPage> RenderPage(string? rating = null, string? stance = null, string? q = null)
    {
        var query = new[] { ("q", q), ("stance", stance), ("rating", rating), ("size", "100") }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/claims?" + string.Join("&", query));
        return Render<ClaimsPage>();
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ClaimsPage> page, int claimId) =>
        page.FindAll("tr.claim-row").Single(r => r.QuerySelector($"a[href='/claims/{claimId}']") is not null);

    [Fact]
    public void A_published_rating_is_a_labelled_badge_in_its_row_and_a_draft_shows_as_not_rated()
    {
        var page = RenderPage();
        page.WaitForElement("tr.claim-row");

        Assert.Contains("Rating", page.FindAll("thead th").Select(th => th.TextContent));
        var badge = Row(page, published).QuerySelector("[data-testid=rating-badge]");
        Assert.NotNull(badge);
        Assert.Equal("Rated: Misleading", badge.TextContent);
        Assert.Equal("3", badge.GetAttribute("data-rating-value"));
        Assert.Contains("background:#92400e", badge.GetAttribute("style"));

        var draftRow = Row(page, drafted);
        Assert.Null(draftRow.QuerySelector("[data-testid=rating-badge]"));
        Assert.Contains("Not rated", draftRow.TextContent);
        Assert.DoesNotContain("False", draftRow.TextContent);
        Assert.DoesNotContain("DRAFT-ONLY", page.Markup);
    }

    [Fact]
    public void The_rating_filter_offers_the_scale_shows_the_addresss_choice_and_lists_only_that_ratings_claims()
    {
        var page = RenderPage(rating: Misleading.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForElement("tr.claim-row");

        var select = page.Find("[data-testid=filter-rating]");
        Assert.Equal(["Any rating", "Accurate", "Mostly accurate", "Misleading", "Unsupported", "False", "Unverifiable"], select.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("Misleading", select.QuerySelector("option[selected]")?.TextContent);
        var row = Assert.Single(page.FindAll("tr.claim-row"));
        Assert.NotNull(row.QuerySelector($"a[href='/claims/{published}']"));

        // Picking another rating changes the address (and so the list).
        select.Change(False.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith($"/claims?rating={False}&size=100", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_nobody_has_says_so_and_a_draft_does_not_count()
    {
        var unverifiable = RenderPage(rating: Unverifiable.ToString(System.Globalization.CultureInfo.InvariantCulture));
        unverifiable.WaitForElement("[data-testid=claims-empty]");
        Assert.Equal("No claim has a published verdict rated “Unverifiable” yet.", unverifiable.Find("[data-testid=claims-empty-rating]").TextContent);

        // The drafted claim's rating is False, but it is not published.
        var falseRated = RenderPage(rating: False.ToString(System.Globalization.CultureInfo.InvariantCulture), q: "Kyiv");
        falseRated.WaitForElement("[data-testid=claims-empty]");
        Assert.Equal("No claim that matches the other filters has a published verdict rated “False” yet.", falseRated.Find("[data-testid=claims-empty-rating]").TextContent);
    }

    [Fact]
    public void The_filters_button_counts_the_filters_set_and_opens_and_closes_the_panel_it_controls()
    {
        var page = RenderPage(rating: Misleading.ToString(System.Globalization.CultureInfo.InvariantCulture), stance: "Asserts", q: "deal");
        page.WaitForElement("tr.claim-row");

        var button = page.Find("[data-testid=filters-toggle]");
        Assert.Equal("Filters (2)", button.TextContent.Trim());
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("claim-filters", button.GetAttribute("aria-controls"));
        Assert.NotNull(page.Find("#claim-filters [data-testid=filter-rating]"));
        Assert.DoesNotContain("is-open", page.Find(".filters").ClassList);

        button.Click();
        Assert.Equal("true", page.Find("[data-testid=filters-toggle]").GetAttribute("aria-expanded"));
        Assert.Contains("is-open", page.Find(".filters").ClassList);

        page.Find("[data-testid=filters-toggle]").Click();
        Assert.Equal("false", page.Find("[data-testid=filters-toggle]").GetAttribute("aria-expanded"));

        Assert.Equal("Filters (0)", RenderPage().Find("[data-testid=filters-toggle]").TextContent.Trim());
    }
}
