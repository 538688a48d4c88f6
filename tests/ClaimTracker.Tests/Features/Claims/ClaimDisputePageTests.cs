using Bunit;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>Renders the dispute view over the real seed and checks each assessment lands in the right column.</summary>
public sealed class ClaimDisputePageTests : ComponentTest
{
    public ClaimDisputePageTests()
    {
        UseSeededDatabase();
        Services.AddScoped<ClaimService>();
        Services.AddScoped<DisputeReader>();
        Services.AddScoped<ClaimTracker.Web.Features.Merging.MergedAddresses>();
        AddBunitPersistentComponentState(); // the page carries its data from the prerender into the circuit
        Services.AddSingleton<ClaimTracker.Web.Features.Live.IClaimChangeNotifier, ClaimTracker.Web.Features.Live.InProcessClaimChangeNotifier>();
        // The page hosts other features' components, each with tests of its own; these tests are about the columns.
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Verdicts.VerdictPanel>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Annotations.AnnotationThread>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Editing.ClaimEditorTools>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Editing.ClaimHistory>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Editing.RecordActions>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Following.FollowButton>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Merging.MergeCandidates>();
        ComponentFactories.AddStub<ClaimTracker.Web.Features.Merging.MergeBanner>();
    }

    private async Task<int> ClaimIdAsync(string key)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Claims.Where(c => c.Key == key).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task Conflicting_and_supporting_assessments_render_in_their_own_columns()
    {
        var id = await ClaimIdAsync("putin-ready-for-deal");

        var page = Render<ClaimDisputePage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=conflicting]");

        var assertions = page.Find("[data-testid=assertions]");
        Assert.Contains("Donald Trump", assertions.TextContent);
        Assert.Contains("ready to make a deal", assertions.TextContent);

        var conflicting = page.Find("[data-testid=conflicting]");
        Assert.Contains("The Kremlin has shown little sign of abandoning its objectives in Ukraine.", conflicting.TextContent);
        Assert.Contains("Putin still aims to seize all of Ukraine", conflicting.TextContent);
        Assert.DoesNotContain("Russia remains open to talks", conflicting.TextContent);

        // The DNI's questioning of the intelligence assessment shows on that assessment, nested in the conflict column.
        var nested = conflicting.QuerySelector("[data-testid=nested-challenges]");
        Assert.NotNull(nested);
        Assert.Contains("Tulsi Gabbard", nested.TextContent);

        var supporting = page.Find("[data-testid=supporting]");
        Assert.Contains("Russia remains open to talks, and its position is well known.", supporting.TextContent);
        Assert.Contains("Dmitry Peskov", supporting.TextContent);
        Assert.DoesNotContain("The Kremlin has shown little sign", supporting.TextContent);
    }

    [Fact]
    public async Task A_denial_of_the_claim_itself_is_a_conflicting_assessment()
    {
        var id = await ClaimIdAsync("ukraine-should-cede-donbas");

        var page = Render<ClaimDisputePage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=conflicting]");

        var conflicting = page.Find("[data-testid=conflicting]");
        Assert.Contains("Volodymyr Zelensky", conflicting.TextContent);
        Assert.Contains("has repeatedly ruled out giving up any territory", conflicting.TextContent);
        var supporting = page.Find("[data-testid=supporting]");
        Assert.Contains("Kyiv should pull its troops", supporting.TextContent);
    }

    [Fact]
    public void An_unknown_claim_asks_the_router_for_the_not_found_page()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        var notFound = false;
        nav.OnNotFound += (_, _) => notFound = true;

        Render<ClaimDisputePage>(p => p.Add(x => x.Id, 987654));

        Assert.True(notFound);
    }
}
