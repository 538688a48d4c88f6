using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>Signing in and out, a wrong password, and the admin's users page, in a real browser.</summary>
[Collection(E2ECollection.Name)]
public sealed class AccountJourneyTests(E2EFixture app)
{
    private const string DemoPassword = "ClaimTracker-demo-1!";

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
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.Locator("#email").FillAsync("editor@claimtracker.test");
        await page.Locator("#password").FillAsync(DemoPassword);
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

        await page.Locator("#email").FillAsync("journalist@claimtracker.test");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#password-error")).ToHaveTextAsync("That e-mail address and password do not match an account.");
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#email")).ToHaveValueAsync("journalist@claimtracker.test");
        await E2EFixture.ScreenshotAsync(page, "sign-in-wrong-password");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_sign_in_form_takes_typing_the_moment_it_appears_even_on_a_phone()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        // Only the HTML is awaited: no scripts, no circuit. Whatever is typed now must reach the server.
        await page.GotoAsync(app.BaseUrl + "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#email").FillAsync("journalist@claimtracker.test");
        await page.Locator("#password").FillAsync(DemoPassword);
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
        await app.SignInAsync(page, "admin@claimtracker.test", DemoPassword);

        await app.GotoAndWaitForInteractiveAsync(page, "/admin/users");

        var table = page.GetByTestId("users-table");
        await Expect(table).ToContainTextAsync("editor@claimtracker.test");
        await Expect(table).ToContainTextAsync("journalist@claimtracker.test");
        await E2EFixture.ScreenshotAsync(page, "admin-users");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task A_journalist_is_turned_away_from_the_users_page()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "journalist@claimtracker.test", DemoPassword);

        await page.GotoAsync("/admin/users");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-table")).ToHaveCountAsync(0);
    }
}
