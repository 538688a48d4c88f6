using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Two app instances on one PostgreSQL database (<see cref="TwoPostgresServers"/>), as behind a load balancer: an editor
/// working on instance A is seen live by a journalist whose page is served by instance B, and the editor's sign-in
/// cookie from A is honoured by B.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class TwoInstanceTests(E2EFixture app, TwoPostgresServers servers) : BrowserTest(app), IClassFixture<TwoPostgresServers>
{
    private const string ClaimKey = "kremlin-keeps-objectives";
    private const string Rationale = "European governments and Western intelligence agree; nothing in the record contradicts them.";

    private async Task<IPage> SignedInAsync(AppServerFixture server, string email)
    {
        var page = await App.NewPageAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        await App.SignInAsync(page, email);
        await Expect(page.Locator("[data-testid=user-name]")).ToBeVisibleAsync();
        return page;
    }

    private static string ScreenshotPath(string name) => Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", name + ".png");

    private async Task<int> ClaimIdAsync()
    {
        var factory = servers.A.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Claims.Where(c => c.Key == ClaimKey).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task An_editor_on_one_instance_is_seen_live_on_the_other_and_their_cookie_signs_them_in_there()
    {
        var path = $"/claims/{await ClaimIdAsync()}";

        // The journalist's page comes from B; a marker on window proves it is never reloaded.
        var journalist = await SignedInAsync(servers.B, Demo.Journalist);
        await App.GotoAndWaitForInteractiveAsync(journalist, path);
        await journalist.EvaluateAsync("() => { window.__notReloaded = true; }");
        var journalistNotes = journalist.Locator("[data-testid=notes]");
        var journalistPanel = journalist.Locator("[data-testid=verdict-panel]");
        await Expect(journalistNotes).ToBeVisibleAsync();
        await Expect(journalistPanel.Locator("[data-testid=no-verdict]")).ToBeVisibleAsync();
        var journalistUrl = journalist.Url;
        Assert.StartsWith(servers.B.BaseUrl, journalistUrl);

        // The editor works on A.
        var editor = await SignedInAsync(servers.A, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(editor, path);
        Assert.StartsWith(servers.A.BaseUrl, editor.Url);

        // A note (as AnnotationTests adds one), live on B.
        var marker = Guid.NewGuid().ToString("N")[..8];
        var editorNotes = editor.Locator("[data-testid=notes]");
        await editorNotes.Locator("[data-testid=new-note] textarea").FillAsync($"Saved on instance A ({marker}).");
        await editorNotes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(editorNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker })).ToHaveCountAsync(1);
        await Expect(journalistNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker })).ToHaveCountAsync(1);

        // A verdict taken through review to publication (as VerdictTests does), live on B.
        var panel = editor.Locator("[data-testid=verdict-panel]");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("In review");
        await Expect(journalistPanel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("In review");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Draft verdict" }).ClickAsync();
        var form = panel.Locator("[data-testid=verdict-form]");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator(".mud-select").First.ClickAsync();
        await editor.GetByRole(AriaRole.Option, new() { Name = "Accurate", Exact = true }).ClickAsync();
        await form.GetByLabel("Rationale").FillAsync(Rationale);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=draft-badge]")).ToBeVisibleAsync();
        await Expect(journalistPanel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Verdict drafted");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Published");

        var verdict = journalistPanel.Locator("[data-testid=verdict]");
        await Expect(verdict.Locator("[data-testid=verdict-rating]")).ToHaveTextAsync("Accurate");
        await Expect(verdict.Locator("[data-testid=verdict-rationale]")).ToHaveTextAsync(Rationale);
        await Expect(journalistNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker })).ToHaveCountAsync(1);
        Assert.Equal(journalistUrl, journalist.Url);
        Assert.True(await journalist.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the journalist's page was reloaded");
        await E2EFixture.ScreenshotAsync(editor, "two-instances-editor-on-a");
        await E2EFixture.ScreenshotAsync(journalist, "two-instances-journalist-on-b");
        // Close-ups of what arrived live, beside the full pages.
        await journalistPanel.ScreenshotAsync(new() { Path = ScreenshotPath("two-instances-journalist-on-b-verdict") });
        await journalistNotes.ScreenshotAsync(new() { Path = ScreenshotPath("two-instances-journalist-on-b-notes") });

        // The editor's sign-in cookie from A, alone, in a browser that has never been to B. Cookies do not tell ports
        // apart, so the editor's own context would carry it to B anyway: a fresh context shows that nothing else is needed.
        var editorName = await editor.Locator("[data-testid=user-name]").TextContentAsync();
        var signInCookies = (await editor.Context.CookiesAsync([servers.A.BaseUrl]))
            .Where(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(signInCookies);
        var onB = await App.NewPageAsync(new BrowserNewContextOptions { BaseURL = servers.B.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        await App.GotoAndWaitForInteractiveAsync(onB, "/");
        await Expect(onB.Locator("[data-testid=sign-in-link]")).ToBeVisibleAsync();
        await onB.Context.AddCookiesAsync(signInCookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = servers.B.BaseUrl }));
        // An editors-only page: B must both read the cookie and find the editor's role in it.
        var deleted = await App.GotoAndWaitForInteractiveAsync(onB, "/claims/deleted");
        Assert.Equal(200, deleted.Status);
        Assert.StartsWith(servers.B.BaseUrl + "/claims/deleted", onB.Url);
        await Expect(onB.Locator("[data-testid=user-name]")).ToHaveTextAsync(editorName!);
        await E2EFixture.ScreenshotAsync(onB, "two-instances-editor-cookie-on-b");

        foreach (var page in new[] { editor, journalist, onB })
        {
            var errors = App.BrowserErrors(page);
            Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
        }
    }
}
