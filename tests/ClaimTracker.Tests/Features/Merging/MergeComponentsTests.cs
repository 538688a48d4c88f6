using Bunit;
using Bunit.TestDoubles;
using ClaimTracker.Tests.Features.Annotations;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Merging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Merging;

/// <summary>The merge banner and the "possibly the same claim" list: who sees which controls, and Undo from the banner.</summary>
public sealed class MergeComponentsTests : ComponentTest
{
    private BunitAuthorizationContext auth = null!;
    private int a;
    private int b;

    public override async Task InitializeAsync()
    {
        UseSeededDatabase();
        auth = this.AddAnnotationComponents();
        Services.AddScoped<ClaimService>();
        Services.AddMerging();

        await using var db = await DbFactory.CreateDbContextAsync();
        var first = new Claim { Key = "dup-1", Text = "The ceasefire along the front will hold through the winter." };
        var second = new Claim { Key = "dup-2", Text = "Through the winter the ceasefire along the front will hold." };
        db.Claims.AddRange(first, second);
        await db.SaveChangesAsync();
        (a, b) = (first.Id, second.Id);
    }

    private void SignIn(string role)
    {
        auth.SetAuthorized($"{role.ToLowerInvariant()}@claimtracker.test");
        auth.SetRoles(role);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, role.ToLowerInvariant()),
            new System.Security.Claims.Claim(AccountClaims.DisplayName, $"Test {role}"));
    }

    private async Task<MergeSummary> MergeAsync()
    {
        var merges = Services.GetRequiredService<ClaimMergeService>();
        await using var db = await DbFactory.CreateDbContextAsync();
        var versions = await db.Claims.Where(c => c.Id == a || c.Id == b).ToDictionaryAsync(c => c.Id, c => c.Version);
        var result = await merges.MergeAsync(a, versions[a], b, versions[b]);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public void Editors_see_claims_worded_alike_and_journalists_do_not()
    {
        SignIn(Roles.Editor);
        var list = Render<MergeCandidates>(p => p.Add(x => x.ClaimId, a));
        list.WaitForAssertion(() => Assert.Contains("Through the winter the ceasefire", list.Find("[data-testid=merge-candidate]").TextContent));

        SignIn(Roles.Journalist);
        var none = Render<MergeCandidates>(p => p.Add(x => x.ClaimId, a));
        Assert.Empty(none.FindAll("[data-testid=merge-candidates]"));
    }

    [Fact]
    public async Task The_banner_says_what_was_merged_and_an_editor_undoes_it_there()
    {
        SignIn(Roles.Editor);
        var merge = await MergeAsync();

        SignIn(Roles.Journalist);
        var readOnly = Render<MergeBanner>(p => p.Add(x => x.MergeId, merge.Id).Add(x => x.ClaimId, a));
        readOnly.WaitForAssertion(() => Assert.Contains($"Claim {b}", readOnly.Find("[data-testid=merge-banner]").TextContent));
        Assert.Empty(readOnly.FindAll("[data-testid=banner-undo]"));

        SignIn(Roles.Editor);
        var banner = Render<MergeBanner>(p => p.Add(x => x.MergeId, merge.Id).Add(x => x.ClaimId, a));
        banner.WaitForAssertion(() => Assert.Contains("was merged into this claim", banner.Find("[data-testid=merge-banner]").TextContent));
        await banner.Find("[data-testid=banner-undo]").ClickAsync(new());

        banner.WaitForAssertion(() => Assert.Contains("Merge undone", banner.Find("[data-testid=merge-banner]").TextContent));
        await using var db = await DbFactory.CreateDbContextAsync();
        Assert.True(await db.Claims.AnyAsync(c => c.Id == b));
    }
}
