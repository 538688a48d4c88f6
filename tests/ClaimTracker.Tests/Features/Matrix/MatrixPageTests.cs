using Bunit;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Matrix;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Matrix;

/// <summary>
/// The matrix page over a copy of the seed: the table's structure for assistive technology, the cells' labels and links,
/// a change of stance, a deleted statement, and the empty states.
/// </summary>
public sealed class MatrixPageTests : ComponentTest
{
    public override Task InitializeAsync()
    {
        UseSeededDatabase();
        Services.AddScoped<ClaimService>();
        Services.AddScoped<ActorService>();
        Services.AddScoped<MatrixService>();
        return Task.CompletedTask;
    }

    private IRenderedComponent<MatrixPage> RenderPage(string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/matrix" + query);
        return Render<MatrixPage>();
    }

    private async Task<int> IdAsync(Func<Web.Data.ClaimTrackerDbContext, Task<int>> read)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await read(db);
    }

    private Task<int> ActorAsync(string key) => IdAsync(db => db.Actors.Where(a => a.Key == key).Select(a => a.Id).SingleAsync());

    private Task<int> ClaimAsync(string key) => IdAsync(db => db.Claims.Where(c => c.Key == key).Select(c => c.Id).SingleAsync());

    /// <summary>What the eye sees: the text without the words kept for screen readers.</summary>
    private static string Seen(AngleSharp.Dom.IElement element)
    {
        var copy = (AngleSharp.Dom.IElement)element.Clone();
        foreach (var hidden in copy.QuerySelectorAll(".visually-hidden").ToList())
        {
            hidden.Remove();
        }
        return Normal(copy.TextContent);
    }

    /// <summary>What a screen reader reads: the text without what is hidden from it.</summary>
    private static string Heard(AngleSharp.Dom.IElement element)
    {
        var copy = (AngleSharp.Dom.IElement)element.Clone();
        foreach (var hidden in copy.QuerySelectorAll("[aria-hidden=true]").ToList())
        {
            hidden.Remove();
        }
        return Normal(copy.TextContent);
    }

    private static string Normal(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim().Replace(" ,", ",").Replace(" ;", ";");

    private static AngleSharp.Dom.IElement CellOf(IRenderedComponent<MatrixPage> page, int actorId, int claimId) =>
        page.Find($"tr[data-actor='{actorId}'] td[data-claim='{claimId}']");

    [Fact]
    public async Task The_seed_is_a_table_with_a_caption_headers_for_every_row_and_column_and_cells_that_say_who_what_and_how()
    {
        var page = RenderPage();
        page.WaitForElement("table[data-matrix]");

        Assert.Contains("Stances of 13 actors (rows) on 15 claims (columns)", page.Find("table caption").TextContent);
        Assert.Equal(15, page.FindAll("th[scope=col].claim-head").Count);
        Assert.Equal(13, page.FindAll("th[scope=row]").Count);
        Assert.Equal(3, page.FindAll("th[scope=colgroup]").Count);
        Assert.NotEmpty(page.FindAll("th[scope=rowgroup]"));

        var trump = await ActorAsync("donald-trump");
        var blame = await ClaimAsync("kyiv-to-blame");
        var cell = CellOf(page, trump, blame);
        Assert.Contains("stance-asserts", cell.ClassList);
        var link = cell.QuerySelector("a")!;
        Assert.Equal("asserts ×2", Seen(link));
        Assert.Equal("Donald Trump on C1 “The blame for the stalled Ukraine peace talks lies with Kyiv, not Moscow.”: asserts (2 statements)",
            Heard(link));
        var latest = await IdAsync(db => db.Attributions.Where(a => a.ActorId == trump && a.ClaimId == blame).MaxAsync(a => a.Id));
        var source = await IdAsync(db => db.Sources.Select(s => s.Id).SingleAsync());
        Assert.Equal($"/sources/{source}?attribution={latest}", link.GetAttribute("href"));

        // A cell with no statement says so to a screen reader, and is still a stop for the arrow keys.
        var empty = CellOf(page, trump, await ClaimAsync("kremlin-keeps-objectives"));
        Assert.Contains("no statement", empty.TextContent);
        Assert.NotNull(empty.GetAttribute("data-nav"));

        // Column headers open the dispute view; the matrix is one stop for Tab, on its first cell.
        var header = page.Find($"th[data-claim='{blame}'] a");
        Assert.Equal($"/claims/{blame}", header.GetAttribute("href"));
        var stop = Assert.Single(page.FindAll("[tabindex='0']"));
        Assert.Same(page.FindAll("tr[data-testid=matrix-row]")[0].QuerySelectorAll("td [data-nav], td[data-nav]")[0], stop);
        Assert.All(page.FindAll("table [data-nav]").Where(e => e != stop), e => Assert.Equal("-1", e.GetAttribute("tabindex")));

        // The claim both asserted and questioned is marked contested, in words.
        var aims = await ClaimAsync("putin-aims-to-seize-ukraine");
        Assert.Contains("contested", page.Find($"th[data-claim='{aims}']").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=matrix-contested]").Count); // and the two Donbas claims Zelensky denies
    }

    [Fact]
    public async Task An_actor_who_asserted_and_later_denied_has_both_stances_in_order_marked_changed()
    {
        var trump = await ActorAsync("donald-trump");
        var blame = await ClaimAsync("kyiv-to-blame");
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            const string text = "In a later interview the president said Kyiv was not to blame after all.";
            var later = new Source("later-interview", "Test Wire", "A later interview", new DateOnly(2026, 2, 20), null, text);
            db.Attributions.Add(new Attribution
            {
                Key = "later-denial",
                Source = later,
                ActorId = trump,
                ClaimId = blame,
                Stance = Stance.Denies,
                Mode = AttributionMode.Paraphrase,
                Anchor = TextAnchor.FromText(text, 40, 70),
                SaidWhen = "in February",
            });
            await db.SaveChangesAsync();
        }

        var page = RenderPage();
        page.WaitForElement("table[data-matrix]");

        var cell = CellOf(page, trump, blame);
        Assert.Contains("is-changed", cell.ClassList);
        Assert.Equal(["asserts ×2", "denies"], cell.QuerySelectorAll(".cell-stance").Select(Seen));
        Assert.Equal("changed", cell.QuerySelector(".cell-changed")!.TextContent);
        var link = cell.QuerySelector("a")!;
        Assert.Equal(["asserts ×2", "→", "denies", "changed"], link.QuerySelectorAll(".cell-stance, .run-arrow, .cell-changed").Select(Seen));
        Assert.EndsWith(": asserts (2 statements), then denies; changed", Heard(link));
        Assert.Contains("denies: 20 Feb 2026 (in February)", link.GetAttribute("title"));
        var denial = await IdAsync(db => db.Attributions.Where(a => a.Key == "later-denial").Select(a => a.Id).SingleAsync());
        Assert.EndsWith($"?attribution={denial}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_long_history_in_one_cell_shows_its_first_and_last_stance_and_says_how_many_changes_it_leaves_out()
    {
        var gabbard = await ActorAsync("tulsi-gabbard");
        var aims = await ClaimAsync("putin-aims-to-seize-ukraine");
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            const string text = "Over the following months the director changed her view of the assessment again and again.";
            var stances = new[] { Stance.Asserts, Stance.Doubts, Stance.Endorses, Stance.Denies };
            for (var i = 0; i < stances.Length; i++)
            {
                var source = new Source($"month-{i}", "Test Wire", $"Month {i}", new DateOnly(2026, 2 + i, 1), null, text);
                db.Attributions.Add(new Attribution
                {
                    Key = $"month-{i}",
                    Source = source,
                    ActorId = gabbard,
                    ClaimId = aims,
                    Stance = stances[i],
                    Mode = AttributionMode.Paraphrase,
                    Anchor = TextAnchor.FromText(text, 0, 30),
                });
            }
            await db.SaveChangesAsync();
        }

        var page = RenderPage();
        page.WaitForElement("table[data-matrix]");

        // Questions (the seed, January), then four more: five runs, of which the cell shows the first and the last.
        var link = CellOf(page, gabbard, aims).QuerySelector("a")!;
        Assert.Equal(["questions", "…", "denies", "changed"], link.QuerySelectorAll(".cell-stance, .runs-left-out, .cell-changed").Select(Seen));
        Assert.EndsWith(": questions, then 3 changes of stance, and last denies; changed", Heard(link));
    }

    [Fact]
    public async Task A_deleted_statement_leaves_the_matrix()
    {
        var gabbard = await ActorAsync("tulsi-gabbard");
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            await db.Attributions.Where(a => a.ActorId == gabbard).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsDeleted, true));
        }

        var page = RenderPage();
        page.WaitForElement("table[data-matrix]");

        Assert.Empty(page.FindAll($"tr[data-actor='{gabbard}']"));
        Assert.Equal(12, page.FindAll("th[scope=row]").Count);
        // US intelligence's assessment is no longer questioned by anyone: no longer contested (the Donbas claims still are).
        var aims = await ClaimAsync("putin-aims-to-seize-ukraine");
        Assert.DoesNotContain("contested", page.Find($"th[data-claim='{aims}']").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=matrix-contested]").Count);
    }

    [Fact]
    public void A_search_the_claims_search_cannot_read_says_why_and_shows_no_table()
    {
        var page = RenderPage("?q=" + Uri.EscapeDataString("\"Putin is ready"));
        page.WaitForElement("[data-testid=matrix-empty]");

        var message = SearchTerms.Parse("\"Putin is ready").Error!;
        Assert.Equal(message, page.Find("[data-testid=matrix-empty-reason]").TextContent);
        Assert.Equal(message, page.Find("[data-testid=claim-search-help]").TextContent);
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public async Task A_topic_nobody_has_spoken_to_and_a_filter_that_matches_nothing_have_their_own_words()
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.Claims.Add(new Claim { Key = "silent", Text = "The fishing quota will be halved next year.", Topics = ["fisheries"] });
            await db.SaveChangesAsync();
        }

        var silent = RenderPage("?topic=fisheries");
        silent.WaitForElement("[data-testid=matrix-empty]");
        Assert.Equal("1 claim on the topic “fisheries” has no statements yet: nobody's position on it is recorded.",
            silent.Find("[data-testid=matrix-empty-reason]").TextContent);

        var nothing = RenderPage("?q=zanzibar");
        nothing.WaitForElement("[data-testid=matrix-empty]");
        Assert.Equal("No claims match", nothing.Find("[data-testid=matrix-empty] h2").TextContent);
        Assert.Equal("/matrix", nothing.Find("[data-testid=matrix-clear]").GetAttribute("href"));
    }
}
