using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>The app with a small sign-in allowance, so the limit is reached within one test.</summary>
public sealed class ThreeLoginsFactory : ClaimTrackerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(AccountEndpoints.AttemptsPerMinuteSetting, "3");
    }
}

[BothEngines]
public class LoginRateLimitTests(ThreeLoginsFactory app) : IClassFixture<ThreeLoginsFactory>
{
    [Fact]
    public async Task Past_the_allowance_sign_in_is_refused_with_an_explanation_even_with_the_right_password()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 3; i++)
        {
            var wrong = await Http.PostLoginAsync(client, "journalist@claimtracker.test", "not-the-password");
            Assert.Contains("error=invalid", wrong.Headers.Location?.ToString());
        }

        var right = await Http.PostLoginAsync(client, "journalist@claimtracker.test", AccountSeeding.DefaultDemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith("/account/login?error=rate-limited", right.Headers.Location?.ToString());
    }
}
