using Bunit;
using Bunit.TestDoubles;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ClaimTracker.Tests.Features.Annotations;

/// <summary>The claim page's notes thread: who sees which controls, and that a note saved elsewhere appears live.</summary>
public sealed class AnnotationThreadTests : ComponentTest
{
    private BunitAuthorizationContext auth = null!;
    private int claimId;

    public override async Task InitializeAsync()
    {
        UseSeededDatabase();
        auth = this.AddAnnotationComponents();

        await using var db = await DbFactory.CreateDbContextAsync();
        claimId = await db.Claims.Where(c => c.Key == "putin-ready-for-deal").Select(c => c.Id).SingleAsync();
    }

    private void SignIn(string role, string userId)
    {
        auth.SetAuthorized($"{userId}@claimtracker.test");
        auth.SetRoles(role);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId),
            new System.Security.Claims.Claim(AccountClaims.DisplayName, $"Test {role}"));
    }

    /// <summary>A note written by someone else, the way another circuit would: straight into the database, then announced.</summary>
    private async Task AddNoteElsewhereAsync(string body)
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.ChangedBy = new ChangeAuthor("someone", "Someone Else");
            db.Annotations.Add(new Annotation { ClaimId = claimId, Body = body, AuthorId = "someone", AuthorName = "Someone Else", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        Services.GetRequiredService<Web.Features.Live.IClaimChangeNotifier>()
            .Publish(new Web.Features.Live.ClaimChange(claimId, Web.Features.Live.ClaimChangeKind.Annotation));
    }

    [Fact]
    public void An_anonymous_visitor_gets_a_sign_in_link_and_no_form()
    {
        var thread = Render<AnnotationThread>(p => p.Add(x => x.ClaimId, claimId));

        thread.WaitForAssertion(() => Assert.NotNull(thread.Find("[data-testid=notes-sign-in]")));
        Assert.Empty(thread.FindAll("textarea"));
        Assert.Empty(thread.FindAll("button"));
    }

    [Fact]
    public async Task A_note_saved_elsewhere_appears_without_a_reload()
    {
        SignIn(Roles.Journalist, "reader-1");
        var thread = Render<AnnotationThread>(p => p.Add(x => x.ClaimId, claimId));
        thread.WaitForAssertion(() => Assert.NotNull(thread.Find("[data-testid=new-note]")));

        await AddNoteElsewhereAsync("Arrives **live**");

        thread.WaitForAssertion(() => Assert.Contains("Arrives live", thread.Find("[data-testid=notes]").TextContent));
        var note = thread.Find("[data-testid=note]");
        Assert.Equal("live", note.QuerySelector("[data-testid=note-body] strong")?.TextContent);
        // Someone else's note: a journalist may reply, not edit or delete.
        var buttons = thread.FindComponents<MudButton>().Select(b => b.Find("button").TextContent.Trim()).ToList();
        Assert.Contains("Reply", buttons);
        Assert.DoesNotContain("Edit", buttons);
        Assert.DoesNotContain("Delete", buttons);
    }

    [Fact]
    public async Task An_editor_may_edit_and_delete_anyones_note_and_an_empty_note_is_refused_beside_the_field()
    {
        SignIn(Roles.Editor, "editor-1");
        await AddNoteElsewhereAsync("Someone else's note");
        var thread = Render<AnnotationThread>(p => p.Add(x => x.ClaimId, claimId));
        thread.WaitForAssertion(() => Assert.NotNull(thread.Find("[data-testid=note]")));

        var noteButtons = thread.FindComponents<AnnotationNote>().Single().FindComponents<MudButton>().Select(b => b.Find("button").TextContent.Trim()).ToList();
        Assert.Equal(["Reply", "Edit", "Delete"], noteButtons);

        var add = thread.FindComponents<MudButton>().Single(b => b.Find("button").TextContent.Trim() == "Add note");
        add.Find("button").Click();

        thread.WaitForAssertion(() => Assert.Contains("cannot be empty", thread.Find("[data-testid=new-note]").TextContent));
    }

    [Fact]
    public async Task A_note_too_deep_to_render_arrives_live_as_plain_text_and_the_page_keeps_working()
    {
        SignIn(Roles.Journalist, "reader-2");
        var thread = Render<AnnotationThread>(p => p.Add(x => x.ClaimId, claimId));
        thread.WaitForAssertion(() => Assert.NotNull(thread.Find("[data-testid=new-note]")));

        // Markdig refuses this outright; before the fallback, the re-render it caused ended the circuit.
        await AddNoteElsewhereAsync(new string('>', 300) + " nested-live");

        thread.WaitForAssertion(() => Assert.Contains("nested-live", thread.Find("[data-testid=notes]").TextContent));
        var body = thread.FindAll("[data-testid=note-body]").Single(b => b.TextContent.Contains("nested-live"));
        Assert.Empty(body.QuerySelectorAll("blockquote"));
        Assert.StartsWith(new string('>', 300), body.TextContent.Trim());

        // Still live: the next note arrives and renders as Markdown.
        await AddNoteElsewhereAsync("After it, **still live**");
        thread.WaitForAssertion(() => Assert.Contains("still live", thread.Find("[data-testid=notes]").TextContent));
        Assert.Contains(thread.FindAll("[data-testid=note-body] strong"), s => s.TextContent == "still live");
    }
}
