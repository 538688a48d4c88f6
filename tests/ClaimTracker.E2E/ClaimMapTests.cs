using System.Globalization;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Map;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// The claim map in a real browser: a seed claim's map drawn with its related claims and labelled edges, zoomed by the
/// buttons and the wheel, a node opening its claim, the list saying the same; the empty map of a claim with no relations;
/// a phone; and a map at the node cap, on records of the test's own, that must stay readable.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class ClaimMapTests(E2EFixture app) : BrowserTest(app)
{
    private Task<int> SeedClaimAsync(string key) =>
        App.QueryAsync(db => db.Claims.Where(c => c.Key == key).Select(c => c.Id).SingleAsync());

    private static ILocator Canvas(IPage page) => page.GetByTestId("map-canvas");

    private static ILocator Nodes(IPage page) => Canvas(page).Locator("a.map-node");

    private static ILocator Node(IPage page, int claimId) => Canvas(page).Locator($"a.map-node[data-node-key='claim-{claimId}']");

    /// <summary>The screen as the reader sees it (the list under a 200-node map is long), saved under screenshots/.</summary>
    private static async Task ScreenAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png") });
    }

    private static async Task<double> ZoomAsync(IPage page) =>
        double.Parse(await Canvas(page).GetAttributeAsync("data-zoom") ?? "", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_seed_claims_map_draws_its_related_claims_with_labelled_edges_zooms_and_opens_a_claim()
    {
        var ready = await SeedClaimAsync("putin-ready-for-deal");
        var objectives = await SeedClaimAsync("kremlin-keeps-objectives");
        var seize = await SeedClaimAsync("putin-aims-to-seize-ukraine");
        var distrust = await SeedClaimAsync("trump-trust-in-putin-objectionable");
        var openToTalks = await SeedClaimAsync("russia-open-to-talks");
        var framework = await SeedClaimAsync("putin-would-accept-framework");
        var page = await App.NewPageAsync(1440, 900);

        // From the claim's dispute view.
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{ready}");
        await page.GetByTestId("claim-map-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{ready}/map$"));

        // The claim and the five claims one relation away; the claim mapped stands out.
        await Expect(Nodes(page)).ToHaveCountAsync(6);
        await Expect(Node(page, ready)).ToHaveClassAsync(new Regex("map-node-centre"));
        foreach (var id in new[] { objectives, seize, distrust, openToTalks, framework })
        {
            await Expect(Node(page, id)).ToBeVisibleAsync();
        }
        // Seven relations among them, each drawn with its words: three contradict the claim, one supports it, it supports
        // one; and among the others, the seizure assessment supports the objectives, which contradict the framework.
        var edges = Canvas(page).Locator("g.map-edge");
        await Expect(edges).ToHaveCountAsync(7);
        await Expect(Canvas(page).Locator("g.map-edge-contradicts text.map-edge-label")).ToHaveCountAsync(4);
        await Expect(Canvas(page).Locator("g.map-edge-supports text.map-edge-label")).ToHaveCountAsync(3);
        await Expect(Canvas(page).Locator("g.map-edge-contradicts text.map-edge-label").First).ToHaveTextAsync("contradicts");
        await Expect(Canvas(page).Locator("g.map-edge-supports text.map-edge-label").First).ToHaveTextAsync("supports");
        // Support points at the claim supported; contradiction is mutual and has no arrowhead.
        await Expect(Canvas(page).Locator("g.map-edge-supports path.map-edge-arrow")).ToHaveCountAsync(3);
        await Expect(Canvas(page).Locator("g.map-edge-contradicts path.map-edge-arrow")).ToHaveCountAsync(0);

        // The list says the same, in words, from the claim's side.
        var list = page.GetByTestId("map-list");
        await Expect(list.Locator("li.map-list-entry")).ToHaveCountAsync(6);
        var centreEntry = list.Locator($"li.map-list-entry[data-node-key='claim-{ready}']");
        await Expect(centreEntry.Locator("li[data-words='contradicts'] a")).ToHaveCountAsync(3);
        await Expect(centreEntry.Locator("li[data-words='supported by'] a")).ToHaveTextAsync(new Regex("^Russia remains open to talks"));
        await Expect(centreEntry.Locator("li[data-words='supports'] a")).ToHaveTextAsync(new Regex("^Putin would accept elements"));
        await Expect(list.Locator($"li.map-list-entry[data-node-key='claim-{openToTalks}'] li[data-words='supports'] a")).ToHaveTextAsync(new Regex("^Vladimir Putin is ready"));
        await E2EFixture.ScreenshotAsync(page, "map-wide");
        await E2EFixture.AssertNoAxeViolationsAsync(page);

        // Zoom by the buttons, then by the wheel: the drawing's scale changes each time.
        var layer = Canvas(page).Locator(".diagram-html-layer");
        var fitted = await ZoomAsync(page);
        var transform = await layer.GetAttributeAsync("style");
        await page.GetByTestId("map-zoom-in").ClickAsync();
        await Expect(Canvas(page)).Not.ToHaveAttributeAsync("data-zoom", fitted.ToString("0.###", CultureInfo.InvariantCulture));
        Assert.True(await ZoomAsync(page) > fitted, "Zoom in made the map smaller.");
        await Expect(layer).Not.ToHaveAttributeAsync("style", transform!);
        var zoomed = await ZoomAsync(page);
        var box = await Canvas(page).BoundingBoxAsync();
        await page.Mouse.MoveAsync(box!.X + 20, box.Y + 20);
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.Mouse.WheelAsync(0, 300);
        await Expect(Canvas(page)).Not.ToHaveAttributeAsync("data-zoom", zoomed.ToString("0.###", CultureInfo.InvariantCulture));
        Assert.True(await ZoomAsync(page) < zoomed, "The wheel turned towards the reader did not zoom out.");
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
        await page.GetByTestId("map-fit").ClickAsync();
        await Expect(Canvas(page)).ToHaveAttributeAsync("data-zoom", fitted.ToString("0.###", CultureInfo.InvariantCulture));

        // A node opens its claim.
        await Node(page, openToTalks).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{openToTalks}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Russia remains open to talks"));
        Assert.Empty(App.BrowserErrors(page));
    }

    [Fact]
    public async Task Two_hops_and_the_actors_are_chosen_in_the_address()
    {
        var ready = await SeedClaimAsync("putin-ready-for-deal");
        var page = await App.NewPageAsync(1440, 900);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{ready}/map");
        await Expect(Nodes(page)).ToHaveCountAsync(6);

        await page.GetByTestId("map-hops-2").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{ready}/map\\?hops=2$"));
        using var scope = App.Server.Services.CreateScope();
        var twoHops = await scope.ServiceProvider.GetRequiredService<ClaimMapService>().ForClaimAsync(ready, new MapOptions(2));
        await Expect(Nodes(page)).ToHaveCountAsync(twoHops!.Nodes.Count);
        await Expect(page.GetByTestId("map-list").GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^2 relations away") })).ToBeVisibleAsync();

        await page.GetByTestId("map-actors").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{ready}/map\\?hops=2&actors=true$"));
        // Trump asserts the claim: his node is drawn, joined to it by a stance edge that says so.
        var trump = await App.QueryAsync(db => db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync());
        await Expect(Canvas(page).Locator($"a.map-node-actor[data-node-key='actor-{trump}']")).ToBeVisibleAsync();
        await Expect(Canvas(page).Locator($"g.map-edge-stance[data-edge-key='stance-{trump}-{ready}'] text")).ToHaveTextAsync(new Regex("asserts"));
        await Expect(page.GetByTestId("map-list").Locator($"li.map-list-entry[data-node-key='claim-{ready}'] li[data-words='asserted by']"))
            .ToContainTextAsync("Trump");
        await E2EFixture.ScreenshotAsync(page, "map-wide-actors");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    [Fact]
    public async Task A_claim_with_no_relations_shows_itself_and_says_so()
    {
        // A claim of the test's own: the seed's claims are shared with the collection's other tests, which may relate them.
        var tag = "lonely" + Guid.NewGuid().ToString("N")[..6];
        var lonely = await App.QueryAsync(async db =>
        {
            var claim = new Claim { Key = tag, Text = $"The ferry timetable will not change this winter ({tag}).", Topics = ["ports"] };
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            return claim.Id;
        });
        var page = await App.NewPageAsync(1440, 900);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{lonely}/map");

        await Expect(page.GetByTestId("map-empty")).ToHaveTextAsync(new Regex("No relations to other claims are recorded for this claim"));
        await Expect(Nodes(page)).ToHaveCountAsync(1);
        await Expect(Node(page, lonely)).ToHaveClassAsync(new Regex("map-node-centre"));
        await Expect(page.GetByTestId("map-list").Locator("li.map-list-entry")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("map-list")).ToContainTextAsync("No relations on this map.");
        await E2EFixture.ScreenshotAsync(page, "map-empty");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    [Fact]
    public async Task An_unknown_claim_gets_the_not_found_page_and_an_unknown_topic_says_so()
    {
        var page = await App.NewPageAsync();
        var response = await page.GotoAsync("/claims/987654/map");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();

        await App.GotoAndWaitForInteractiveAsync(page, "/map?topic=" + Uri.EscapeDataString("no such topic"));
        await Expect(page.GetByTestId("map-no-topic")).ToHaveTextAsync("No claim in the record has the topic “no such topic”.");
        // It offers the topics there are, each leading to its map.
        await page.GetByTestId("map-topics").GetByRole(AriaRole.Link, new() { Name = "peace talks", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/map\\?topic=peace%20talks$"));
        await Expect(Nodes(page).First).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "map-topic");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_map_fits_the_screen_zooms_by_its_buttons_and_the_list_is_in_reach()
    {
        var ready = await SeedClaimAsync("putin-ready-for-deal");
        var page = await App.NewPhonePageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{ready}/map");
        await Expect(Nodes(page)).ToHaveCountAsync(6);

        var box = await Canvas(page).BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"The map spans {box.X}–{box.X + box.Width} on a 390px screen.");
        Assert.True(box.Height < 844 * 0.7, $"The map is {box.Height}px tall: the page can hardly be scrolled past it by touch.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The page scrolls sideways.");
        await E2EFixture.ScreenshotAsync(page, "map-phone");
        var fitted = await ZoomAsync(page);
        await page.GetByTestId("map-zoom-in").TapAsync();
        await Expect(Canvas(page)).Not.ToHaveAttributeAsync("data-zoom", fitted.ToString("0.###", CultureInfo.InvariantCulture));

        // Pan by dragging a finger over the background: the drawing moves with it.
        var layer = Canvas(page).Locator(".diagram-html-layer");
        var before = await layer.GetAttributeAsync("style");
        await DragByTouchAsync(page, box.X + 8, box.Y + 8, box.X + 120, box.Y + 90);
        await Expect(layer).Not.ToHaveAttributeAsync("style", before!);

        await page.GetByRole(AriaRole.Link, new() { Name = "The same map as a list" }).TapAsync();
        await Expect(page.GetByTestId("map-list").GetByRole(AriaRole.Heading, new() { Name = "The map as a list" })).ToBeInViewportAsync();
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    /// <summary>A finger put down, moved and lifted: pointer events of type touch, as a phone sends them.</summary>
    private static async Task DragByTouchAsync(IPage page, double fromX, double fromY, double toX, double toY)
    {
        await page.EvaluateAsync(@"([fromX, fromY, toX, toY]) => {
            const target = document.elementFromPoint(fromX, fromY);
            const send = (type, x, y) => target.dispatchEvent(new PointerEvent(type, {
                bubbles: true, cancelable: true, pointerId: 7, pointerType: 'touch', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
                buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y }));
            send('pointerdown', fromX, fromY);
            for (let i = 1; i <= 5; i++) { send('pointermove', fromX + (toX - fromX) * i / 5, fromY + (toY - fromY) * i / 5); }
            send('pointerup', toX, toY);
        }", new[] { fromX, fromY, toX, toY });
    }

    [Fact]
    public async Task A_map_at_the_node_cap_says_what_it_left_out_and_keeps_its_nodes_apart()
    {
        // A claim of this test's own, related to 240 others of its own (more than a map holds), in all three ways.
        var tag = "cap" + Guid.NewGuid().ToString("N")[..6];
        var hub = await App.QueryAsync(async db =>
        {
            var centre = new Claim { Key = $"{tag}-hub", Text = $"The harbour authority will reopen the northern quay by spring ({tag}).", Topics = [tag] };
            var others = Enumerable.Range(1, 240).Select(i => new Claim
            {
                Key = $"{tag}-{i}",
                Text = $"Statement {i} on the northern quay: the inspection found {(i % 3 == 0 ? "no" : "some")} damage to berth {i} ({tag}).",
                Topics = [tag],
            }).ToList();
            db.Claims.Add(centre);
            db.Claims.AddRange(others);
            await db.SaveChangesAsync();
            var types = new[] { RelationType.Contradicts, RelationType.Supports, RelationType.Qualifies };
            db.ClaimRelations.AddRange(others.Select((c, i) => new ClaimRelation
            {
                Key = $"{tag}-r{i}",
                FromClaimId = c.Id,
                ToClaimId = centre.Id,
                Type = types[i % 3],
                Rationale = "Test relation.",
            }));
            // Neighbours on the ring relate to each other too.
            db.ClaimRelations.AddRange(others.Where((_, i) => i % 4 == 0 && i + 1 < others.Count).Select((c, i) => new ClaimRelation
            {
                Key = $"{tag}-n{i}",
                FromClaimId = c.Id,
                ToClaimId = others[others.IndexOf(c) + 1].Id,
                Type = RelationType.Contradicts,
                Rationale = "Test relation.",
            }));
            await db.SaveChangesAsync();
            return centre.Id;
        });

        var page = await App.NewPageAsync(1440, 900);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{hub}/map");
        await Expect(Nodes(page)).ToHaveCountAsync(ClaimMapService.MaxNodes, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("map-limits")).ToContainTextAsync($"a map holds at most {ClaimMapService.MaxNodes} nodes");
        await Expect(Node(page, hub)).ToHaveClassAsync(new Regex("map-node-centre"));
        await Expect(page.GetByTestId("map-list").Locator("li.map-list-entry")).ToHaveCountAsync(ClaimMapService.MaxNodes);

        // No node covers another, as drawn on the page.
        var boxes = await Nodes(page).EvaluateAllAsync<double[][]>("nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
                Assert.False(overlap, $"Nodes {i} and {j} overlap: [{string.Join(", ", a)}] and [{string.Join(", ", b)}].");
            }
        }
        // Every edge runs from one of its nodes to the other: its ends touch their boxes (or, for an arrow, the arrowhead does:
        // the line stops its 12 map pixels short).
        var strays = await Canvas(page).EvaluateAsync<string[]>(@"canvas => {
            const box = key => canvas.querySelector(`a.map-node[data-node-key='${key}']`).getBoundingClientRect();
            const zoom = parseFloat(canvas.dataset.zoom), slack = 2 + 13 * zoom;
            const near = (p, r) => p.x >= r.left - slack && p.x <= r.right + slack && p.y >= r.top - slack && p.y <= r.bottom + slack;
            const strays = [];
            for (const edge of canvas.querySelectorAll('g.map-edge')) {
                const path = edge.querySelector('path.map-edge-line');
                const m = path.getScreenCTM();
                const at = l => { const p = path.getPointAtLength(l); return new DOMPoint(p.x, p.y).matrixTransform(m); };
                const start = at(0), end = at(path.getTotalLength());
                if (!near(start, box(edge.dataset.from)) || !near(end, box(edge.dataset.to))) {
                    const f = box(edge.dataset.from), t = box(edge.dataset.to);
                    strays.push(`${edge.dataset.edgeKey}: ${Math.round(start.x)},${Math.round(start.y)} → ${Math.round(end.x)},${Math.round(end.y)} from [${Math.round(f.left)},${Math.round(f.top)},${Math.round(f.right)},${Math.round(f.bottom)}] to [${Math.round(t.left)},${Math.round(t.top)},${Math.round(t.right)},${Math.round(t.bottom)}]`);
                }
            }
            return strays;
        }");
        Assert.True(strays.Length == 0, $"{strays.Length} edges do not end at their nodes: {string.Join("; ", strays.Take(5))}");
        // The whole map is in view at first, centre in the middle.
        var frame = (await Canvas(page).BoundingBoxAsync())!;
        var centreBox = (await Node(page, hub).BoundingBoxAsync())!;
        Assert.InRange(centreBox.X + centreBox.Width / 2, frame.X + frame.Width * 0.4, frame.X + frame.Width * 0.6);
        await Canvas(page).ScrollIntoViewIfNeededAsync();
        await ScreenAsync(page, "map-200-nodes");

        // Zoomed in on the middle, the words of the nodes and edges can be read.
        for (var i = 0; i < 4; i++)
        {
            await page.GetByTestId("map-zoom-in").ClickAsync();
        }
        await Expect(Canvas(page)).Not.ToHaveClassAsync(new Regex("map-far"));
        await ScreenAsync(page, "map-200-nodes-zoomed");

        // The topic of these claims has more than a map holds too, and says so.
        await App.GotoAndWaitForInteractiveAsync(page, $"/map?topic={tag}");
        await Expect(Nodes(page)).ToHaveCountAsync(ClaimMapService.MaxNodes, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("map-limits")).ToContainTextAsync("More claims are in reach than a map can show");
        await ScreenAsync(page, "map-200-nodes-topic");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }
}
