using System.Net;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>Sign-in answers the same, at the same cost, whether or not an account exists; sign-out needs this site's form.</summary>
[BothEngines]
public class LoginEndpointTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    /// <summary>Where a failed sign-in sends the browser, without the e-mail it echoes back into the form.</summary>
    internal static string WithoutEmail(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Regex.Replace(response.Headers.Location?.ToString() ?? "", "email=[^&]*", "email=…");
    }

    [Fact]
    public async Task Unknown_email_wrong_password_locked_and_deactivated_get_the_same_answer_for_the_same_work()
    {
        var (_, existing) = await app.CreateAccountAsync(Roles.Journalist);
        var (lockedId, locked) = await app.CreateAccountAsync(Roles.Journalist);
        var (deactivatedId, deactivated) = await app.CreateAccountAsync(Roles.Journalist);
        for (var i = 0; i < 5; i++)
        {
            await Http.PostLoginAsync(app.NewClient(), locked, "a-wrong-password-again");
        }
        Assert.True((await app.AsAdminAsync(a => a.DeactivateAsync(deactivatedId))).Succeeded);
        await using (var scope = app.Services.ScopeAs(Roles.Admin))
        {
            Assert.True((await scope.As<UserAdminService>().ListAsync()).Single(u => u.Id == lockedId).LockedOut);
        }

        var attempts = new[]
        {
            ("unknown e-mail", $"nobody-{Guid.NewGuid():N}@newsroom.test", AccountsFactory.Password),
            ("wrong password", existing, "a-wrong-password-again"),
            ("locked, right password", locked, AccountsFactory.Password),
            ("deactivated, right password", deactivated, AccountsFactory.Password),
        };
        var answers = new List<string>();
        foreach (var (what, email, password) in attempts)
        {
            var before = app.HashChecks.Checks;
            var response = await Http.PostLoginAsync(app.NewClient(), email, password);
            Assert.True(app.HashChecks.Checks - before == 1, $"{what}: {app.HashChecks.Checks - before} password checks, expected exactly 1");
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)), what);
            answers.Add(WithoutEmail(response));
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("/account/login?error=invalid&", answers[0]);
    }

    [Fact]
    public async Task The_login_page_says_one_thing_for_every_failure_and_what_to_do_about_it()
    {
        var response = await app.NewClient().GetAsync("/account/login?error=invalid&email=someone%40newsroom.test");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains(LoginPage.InvalidMessage, html);
        Assert.Contains("After 5 wrong passwords an account is locked for 15 minutes", LoginPage.InvalidMessage);
        Assert.Contains("value=\"someone@newsroom.test\"", html);
    }

    [Fact]
    public async Task Sign_out_without_the_sites_antiforgery_token_is_refused_with_400_and_the_user_stays_signed_in()
    {
        var (_, email) = await app.CreateAccountAsync(Roles.Journalist, "Still Here");
        var client = await app.SignedInClientAsync(email);

        // What another site's form can send: the browser's cookies, but not this site's token.
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var wrongToken = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Contains("Not signed out", await forged.Content.ReadAsStringAsync());
        Assert.Equal("Still Here", await AccountsFactory.SignedInNameAsync(client));
    }

    [Fact]
    public async Task Sign_out_from_the_app_bar_form_with_its_token_ends_the_session()
    {
        var (_, email) = await app.CreateAccountAsync(Roles.Journalist, "Leaving Now");
        var client = await app.SignedInClientAsync(email);
        var page = await client.GetStringAsync("/");
        // The token the app bar's sign-out form carries.
        var form = Regex.Match(page, "<form[^>]*action=\"/account/logout\"[^>]*>.*?</form>", RegexOptions.Singleline).Value;
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-out form should carry an antiforgery token");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        Assert.Null(await AccountsFactory.SignedInNameAsync(client));
    }
}
