using Bunit;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>
/// The claims search box never writes typed text back: once the search it sent comes back in the address, the input
/// keeps what is in it (the reader may have typed on); a search changed from elsewhere replaces it.
/// </summary>
public sealed class SearchBoxTests : BunitContext
{
    private readonly List<string> searches = [];

    /// <summary>The search runs after a pause in typing; on a busy machine it may take well past the pause to arrive.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private IRenderedComponent<SearchBox> Render(string? value) =>
        Render<SearchBox>(p => p
            .Add(b => b.Label, "Search claims")
            .Add(b => b.Value, value)
            .Add(b => b.Check, text => text?.Contains('"') == true ? "A quotation mark is not closed." : null)
            .Add(b => b.OnSearch, EventCallback.Factory.Create<string>(this, searches.Add)));

    [Fact]
    public void The_search_sent_coming_back_leaves_the_input_alone_and_one_changed_elsewhere_replaces_it()
    {
        var box = Render(value: "");
        box.Find("input").Input("kre");
        box.WaitForAssertion(() => Assert.Equal(["kre"], searches), WaitLimit); // after the pause in typing

        // The page passes the address's search back. Same as sent: the value rendered stays as it was, so the browser's
        // input (holding "kre" and whatever came after) is not written to.
        box.Render(p => p.Add(b => b.Value, "kre"));
        Assert.Equal("", box.Find("input").GetAttribute("value"));

        // Changed from elsewhere (Back): a new input holding it.
        box.Render(p => p.Add(b => b.Value, "putin"));
        Assert.Equal("putin", box.Find("input").GetAttribute("value"));

        // "Clear search and filters" after typing: emptied, though the last value rendered was empty too.
        box.Find("input").Input("putin deal");
        box.WaitForAssertion(() => Assert.Equal(["kre", "putin deal"], searches), WaitLimit);
        box.Render(p => p.Add(b => b.Value, "putin deal"));
        Assert.Equal("putin", box.Find("input").GetAttribute("value"));
        box.Render(p => p.Add(b => b.Value, ""));
        Assert.Equal("", box.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void The_page_re_rendering_before_the_address_changes_neither_remakes_nor_rewrites_the_box()
    {
        var box = Render(value: null);
        box.Find("input").Input("kremlin obj");
        box.WaitForAssertion(() => Assert.Equal(["kremlin obj"], searches), WaitLimit);

        // The page re-renders at once after the search is sent, its address not yet changed: the old search comes back.
        box.Render(p => p.Add(b => b.Value, null));
        // The reader types on meanwhile; then the address arrives with the search sent before.
        box.Find("input").Input("kremlin objectives");
        box.Render(p => p.Add(b => b.Value, "kremlin obj"));
        Assert.Null(box.Find("input").GetAttribute("value")); // never written: the browser's input keeps all that was typed

        box.WaitForAssertion(() => Assert.Equal(["kremlin obj", "kremlin objectives"], searches), WaitLimit);
    }

    [Fact]
    public void Two_searches_sent_before_either_address_arrives_leave_the_box_alone_as_each_arrives()
    {
        var box = Render(value: null);
        // On a busy machine a second pause in typing comes before the first search's address: both are on the way.
        box.Find("input").Input("kremlin obj");
        box.WaitForAssertion(() => Assert.Equal(["kremlin obj"], searches), WaitLimit);
        box.Find("input").Input("kremlin obje");
        box.WaitForAssertion(() => Assert.Equal(["kremlin obj", "kremlin obje"], searches), WaitLimit);

        // The first address arrives while the reader types on: it is this box's own, not a change from elsewhere, so the
        // input is not remade with it (which lost the focus and the letters typed meanwhile): nothing is written to it.
        box.Render(p => p.Add(b => b.Value, "kremlin obj"));
        Assert.Null(box.Find("input").GetAttribute("value"));
        box.Render(p => p.Add(b => b.Value, "kremlin obje"));
        Assert.Null(box.Find("input").GetAttribute("value"));

        // Typing on still searches; a search from elsewhere afterwards still replaces the box.
        box.Find("input").Input("kremlin objectives");
        box.WaitForAssertion(() => Assert.Equal(["kremlin obj", "kremlin obje", "kremlin objectives"], searches), WaitLimit);
        box.Render(p => p.Add(b => b.Value, "kremlin objectives"));
        box.Render(p => p.Add(b => b.Value, "putin"));
        Assert.Equal("putin", box.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Keystrokes_within_the_pause_run_one_search_for_all_of_them()
    {
        var box = Render(value: null);
        box.Find("input").Input("k");
        box.Find("input").Input("kr");
        box.Find("input").Input("kremlin");
        box.WaitForAssertion(() => Assert.Equal(["kremlin"], searches), WaitLimit);
    }

    [Fact]
    public void A_search_that_cannot_be_read_is_explained_under_the_box_as_it_is_typed()
    {
        var box = Render(value: null);
        box.Find("input").Input("\"ready to");
        Assert.Equal("A quotation mark is not closed.", box.Find("[data-testid=claim-search-help]").TextContent);
        Assert.Equal("true", box.Find("input").GetAttribute("aria-invalid"));
    }
}
