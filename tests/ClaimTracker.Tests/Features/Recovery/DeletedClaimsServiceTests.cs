using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Recovery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Recovery;

/// <summary>The list of deleted claims editors restore from, over a database of its own.</summary>
[BothEngines]
public sealed class DeletedClaimsServiceTests : IAsyncLifetime
{
    private readonly ClaimTrackerFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private Task<T> As<T>(string? role, Func<IServiceProvider, Task<T>> call) => app.Services.AsAsync(role, call);

    private Task<Web.Features.Common.PagedResult<DeletedClaimRow>> ListAsync(string? search = null, int page = 0, int pageSize = 25) =>
        As(Roles.Editor, sp => sp.GetRequiredService<DeletedClaimsService>().ListAsync(search, page, pageSize));

    private async Task DeleteAsync(int claimId)
    {
        var result = await As(Roles.Editor, async sp =>
        {
            var editing = sp.GetRequiredService<RecordEditService>();
            return await editing.DeleteClaimAsync(claimId, (await editing.GetClaimAsync(claimId))!.Version);
        });
        Assert.True(result.Succeeded);
    }

    private async Task<(int Statements, int Relations)> LiveAroundAsync(int claimId)
    {
        await using var db = app.CreateDbContext();
        return (await db.Attributions.CountAsync(a => a.ClaimId == claimId),
            await db.ClaimRelations.CountAsync(r => r.FromClaimId == claimId || r.ToClaimId == claimId));
    }

    [Fact]
    public async Task Deleted_claims_are_listed_most_recent_first_with_what_went_with_them_and_leave_the_list_when_restored()
    {
        var (first, second) = (await app.ClaimId("zelensky-hesitating"), await app.ClaimId("russia-open-to-talks"));
        var withFirst = await LiveAroundAsync(first);
        var withSecond = await LiveAroundAsync(second);
        Assert.True(withFirst.Statements > 0 && withFirst.Relations > 0, "the seed gives this claim statements and relations");
        Assert.Empty((await ListAsync()).Items);

        await DeleteAsync(first);
        await DeleteAsync(second);
        // A claim merged into another is soft-deleted too, but it is reached through the survivor instead.
        await using (var db = app.CreateDbContext())
        {
            var merged = await db.Claims.SingleAsync(c => c.Key == "putin-ready-for-deal");
            (merged.IsDeleted, merged.MergedIntoId) = (true, second);
            await db.SaveChangesAsync();
        }

        var listed = await ListAsync();
        Assert.Equal(2, listed.TotalCount);
        Assert.Equal([second, first], listed.Items.Select(r => r.Id));
        Assert.Equal(withFirst, (listed.Items[1].Statements, listed.Items[1].Relations));
        Assert.Equal(withSecond.Statements, listed.Items[0].Statements);
        Assert.All(listed.Items, r => Assert.NotNull(r.DeletedAt));
        Assert.Contains("test-editor", listed.Items[0].DeletedBy);

        var secondPage = await ListAsync(page: 1, pageSize: 1);
        Assert.Equal((2, first), (secondPage.TotalCount, Assert.Single(secondPage.Items).Id));
        Assert.Equal([first], (await ListAsync("hesitat")).Items.Select(r => r.Id));
        Assert.Empty((await ListAsync("100%_sure")).Items);
        // Read as text is saved: a NUL is dropped and half a character is no character (neither reaches PostgreSQL, which refuses both).
        Assert.Equal([first], (await ListAsync("hes\0itat")).Items.Select(r => r.Id));
        Assert.Empty((await ListAsync("hesitat\uD800")).Items);

        var restored = await As(Roles.Editor, sp => sp.GetRequiredService<RecordEditService>().RestoreClaimAsync(first));
        Assert.True(restored.Succeeded);
        Assert.Equal([second], (await ListAsync()).Items.Select(r => r.Id));
        Assert.Equal(withFirst.Statements, (await LiveAroundAsync(first)).Statements);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Journalist)]
    public async Task Only_editors_and_admins_see_deleted_claims(string? role)
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(role, sp => sp.GetRequiredService<DeletedClaimsService>().ListAsync(null, 0, 25)));
        Assert.NotNull(await As(Roles.Admin, sp => sp.GetRequiredService<DeletedClaimsService>().ListAsync(null, 0, 25)));
    }
}
