using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>Signing in and out, a wrong password, and the admin's users page, in a real browser.</summary>
[Collection(E2ECollection.Name)]
public sealed class AccountJourneyTests(E2EFixture app)
{

    [Fact]
    public async Task An_editor_signs_in_from_a_claim_returns_to_it_and_signs_out()
    {
        var page = await app.NewPageAsync();
        await app.GotoAndWaitForInteractiveAsync(page, "/claims");
        await page.Locator("[data-testid=claims-table] tbody a.claim-link").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims/\d+$"));
        var claimUrl = page.Url;
        var claimPath = new Uri(claimUrl).AbsolutePath;

        var signIn = page.GetByTestId("sign-in-link");
        await Expect(signIn).ToHaveAttributeAsync("href", "/account/login?returnUrl=" + Uri.EscapeDataString(claimPath));
        await signIn.ClickAsync();
        // The address changes as the navigation starts: wait for the sign-in page itself to have loaded before axe runs
        // in it (else the navigation destroys the page axe was injected into).
        await page.WaitForURLAsync(new Regex("/account/login"), new() { WaitUntil = WaitUntilState.Load });
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.Locator("#email").FillAsync(Demo.Editor);
        await page.Locator("#password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(claimUrl);
        await app.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Eddie Editor");
        await E2EFixture.ScreenshotAsync(page, "signed-in-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_explained_beside_the_password_field_and_keeps_the_email()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/account/login");

        await page.Locator("#email").FillAsync(Demo.Journalist);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#password-error")).ToHaveTextAsync(LoginPage.InvalidMessage);
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#email")).ToHaveValueAsync(Demo.Journalist);
        await E2EFixture.ScreenshotAsync(page, "sign-in-wrong-password");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_sign_in_form_takes_typing_the_moment_it_appears_even_on_a_phone()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        // Only the HTML is awaited: no scripts, no circuit. Whatever is typed now must reach the server.
        await page.GotoAsync(app.BaseUrl + "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#email").FillAsync(Demo.Journalist);
        await page.Locator("#password").FillAsync(Demo.Password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToHaveCountAsync(0);
        await E2EFixture.ScreenshotAsync(page, "sign-in-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await app.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Jo Journalist");
    }

    [Fact]
    public async Task The_admin_sees_every_account_with_its_role()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, Demo.Admin);

        await app.GotoAndWaitForInteractiveAsync(page, "/admin/users");

        var table = page.GetByTestId("users-table");
        await Expect(table).ToContainTextAsync(Demo.Editor);
        await Expect(table).ToContainTextAsync(Demo.Journalist);
        await E2EFixture.ScreenshotAsync(page, "admin-users");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task A_journalist_is_turned_away_from_the_users_page()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, Demo.Journalist);

        await page.GotoAsync("/admin/users");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_deactivates_an_account_whose_next_page_load_is_signed_out_then_reactivates_it()
    {
        const string password = "a-long-enough-password";
        var email = $"deactivate-{Guid.NewGuid():N}@newsroom.test";
        await using (var scope = app.Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Dana Departing" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Editor)).Succeeded);
        }
        var userPage = await app.NewPageAsync();
        await app.SignInAsync(userPage, email, password);
        await Expect(userPage.GetByTestId("user-name")).ToHaveTextAsync("Dana Departing");

        var admin = await app.NewPageAsync();
        await app.SignInAsync(admin, Demo.Admin);
        await app.GotoAndWaitForInteractiveAsync(admin, "/admin/users");
        var row = admin.Locator("tr").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = $"History of {email}" }) });
        await Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {email}" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("can no longer sign in");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("user-status")).ToHaveTextAsync(new Regex("^Deactivated .* by Ada Admin$"));

        // The deactivated editor's next page load is a visitor's.
        await userPage.ReloadAsync();
        await Expect(userPage.GetByTestId("sign-in-link")).ToBeVisibleAsync();
        await Expect(userPage.GetByTestId("user-name")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = $"History of {email}" }).ClickAsync();
        var history = admin.GetByTestId("account-history");
        await Expect(history.GetByTestId("account-history-line")).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync($"Ada Admin deactivated Dana Departing ({email})");
        await E2EFixture.ScreenshotAsync(admin, "admin-users-deactivated");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(admin);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Reactivate {email}" }).ClickAsync();
        await Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Active");
        await Expect(history.GetByTestId("account-history-line").First).ToContainTextAsync($"Ada Admin reactivated Dana Departing ({email})");

        await app.SignInAsync(userPage, email, password);
        await Expect(userPage.GetByTestId("user-name")).ToHaveTextAsync("Dana Departing");
    }

    [Fact]
    public async Task On_a_phone_an_admin_changes_a_role_and_reads_the_accounts_history()
    {
        // A long address with no place to break: the table must still fit the phone.
        var email = $"phone-{Guid.NewGuid():N}@newsroom.test";
        await using (var scope = app.Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pat Phone" };
            Assert.True((await users.CreateAsync(user, "a-long-enough-password")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Editor)).Succeeded);
        }
        var page = await app.NewPageAsync(width: 390, height: 844);
        await app.SignInAsync(page, Demo.Admin);
        await app.GotoAndWaitForInteractiveAsync(page, "/admin/users");
        var row = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"History of {email}" }) });

        await row.Locator(".mud-select").First.ClickAsync();
        var journalist = page.GetByRole(AriaRole.Option, new() { Name = Roles.Journalist, Exact = true });
        await journalist.ClickAsync();
        await Expect(journalist).ToBeHiddenAsync();
        // The change is saved when the row shows it (the table is drawn anew then).
        await Expect(row).ToContainTextAsync(Roles.Journalist);
        await row.GetByRole(AriaRole.Button, new() { Name = $"History of {email}" }).ClickAsync();

        var lines = page.GetByTestId("account-history-line");
        await Expect(lines).ToHaveCountAsync(2);
        await Expect(lines.Nth(0)).ToContainTextAsync($"Ada Admin gave Pat Phone ({email}) the Journalist role");
        await Expect(lines.Nth(1)).ToContainTextAsync($"Ada Admin removed the Editor role from Pat Phone ({email})");
        // Nothing wider than the phone, the table included: it stacks its cells and long addresses wrap.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the users page scrolls sideways at 390px");
        Assert.True(await page.EvaluateAsync<bool>("""
                () => [...document.querySelectorAll('[data-testid=users-table] .mud-table-container')].every(c => c.scrollWidth <= c.clientWidth)
                    && [...document.querySelectorAll('[data-testid=users-table] td')].every(td => td.getBoundingClientRect().right <= window.innerWidth)
                """),
            "the users table scrolls sideways, or a cell sticks out, at 390px");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await E2EFixture.ScreenshotAsync(page, "admin-users-phone");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }
}
