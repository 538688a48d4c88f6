using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>The app started with ClaimTracker:RequireSignInToRead = true.</summary>
public sealed class SignInRequiredFactory : ClaimTrackerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(AccountSetup.RequireSignInToReadSetting, "true");
    }
}

[BothEngines]
public class RequireSignInToReadTests(SignInRequiredFactory app) : IClassFixture<SignInRequiredFactory>
{
    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/")]
    [InlineData("/claims")]
    [InlineData("/claims/2")]
    public async Task Pages_send_an_anonymous_reader_to_sign_in(string path)
    {
        var response = await NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_api_answers_401_to_an_anonymous_caller()
    {
        var response = await NewClient().GetAsync("/api/claims");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_login_page_and_styles_stay_open()
    {
        var client = NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_journalist_reads_pages_and_the_api()
    {
        var client = NewClient();
        var login = await Http.PostLoginAsync(client, "journalist@claimtracker.test", AccountSeeding.DefaultDemoPassword);
        Assert.Equal("/", login.Headers.Location?.ToString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/claims")).StatusCode);
    }
}
