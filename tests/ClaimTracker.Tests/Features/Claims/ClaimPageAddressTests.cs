using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>Whatever is typed after a claim's address, the page answers; it never fails.</summary>
[BothEngines]
public class ClaimPageAddressTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Theory]
    [InlineData("?merge=abc")]
    [InlineData("?merge=")]
    [InlineData("?merge=99999999999999999999")]
    [InlineData("?merge=-1")]
    public async Task A_mangled_merge_value_is_ignored(string query)
    {
        await using var db = app.CreateDbContext();
        var claimId = await db.Claims.Select(c => c.Id).FirstAsync();

        var response = await app.CreateClient().GetAsync($"/claims/{claimId}{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
