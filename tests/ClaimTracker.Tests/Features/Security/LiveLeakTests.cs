using Bunit;
using Bunit.TestDoubles;
using ClaimTracker.Tests.Features.Annotations;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Merging;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Security;

/// <summary>
/// The live path of the read-path matrix: an open claim page hears of a change (ids only, no content) and re-reads
/// through the services, which filter for the page's own user. The History and the verdict panel are rendered as live
/// components (bUnit, interactive) for a journalist and an editor while a draft and a moderated note arrive from elsewhere.
/// </summary>
public sealed class LiveLeakTests : ComponentTest
{
    private const string DraftMarker = "LIVE-LEAK-DRAFT-q7z";
    private const string NoteMarker = "LIVE-LEAK-DELETED-NOTE-q7z";

    /// <summary>A deadline, not a delay: each wait ends as soon as the page shows the state; a loaded machine may need long.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private BunitAuthorizationContext auth = null!;
    private int claimId;

    public override async Task InitializeAsync()
    {
        UseSeededDatabase();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        auth = this.AddAnnotationComponents();
        Services.AddEditing();
        Services.AddMerging();
        Services.AddClaims();
        Services.AddVerdicts();
        // A configured base URL: the panel's JSON-LD links never need the (absent) server's own address.
        Services.AddSingleton(new ClaimTracker.Web.Features.Serving.PublicBaseUrl(server: null!, new Uri("https://claims.example.test/")));

        await using var db = await DbFactory.CreateDbContextAsync();
        claimId = await db.Claims.Where(c => c.Key == "talks-cover-security-guarantees").Select(c => c.Id).SingleAsync();
    }

    private void SignIn(string role)
    {
        auth.SetAuthorized($"{role}@claimtracker.test");
        auth.SetRoles(role);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, $"live-{role}"),
            new System.Security.Claims.Claim(AccountClaims.DisplayName, $"Test {role}"));
    }

    /// <summary>Another editor's circuit drafts a verdict: straight into the database, then announced with the claim's id only.</summary>
    private async Task DraftElsewhereAsync()
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.ChangedBy = new ChangeAuthor("elsewhere-editor", "Elsewhere Editor");
            var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
            claim.Status = ClaimStatus.VerdictDrafted;
            var now = DateTimeOffset.UtcNow;
            db.Verdicts.Add(new Verdict
            {
                ClaimId = claimId,
                RatingLabelId = 5,
                Rationale = $"Unchecked: {DraftMarker}",
                State = VerdictState.Draft,
                AuthorId = "elsewhere-editor",
                AuthorName = "Elsewhere Editor",
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        }
        Services.GetRequiredService<IClaimChangeNotifier>().Publish(new ClaimChange(claimId, ClaimChangeKind.Verdict));
    }

    /// <summary>A journalist's note, then a moderator deleting it, each announced as another circuit would.</summary>
    private async Task NoteDeletedElsewhereAsync()
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.ChangedBy = new ChangeAuthor("someone", "Someone Else");
            db.Annotations.Add(new Annotation { ClaimId = claimId, Body = NoteMarker, AuthorId = "someone", AuthorName = "Someone Else", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.ChangedBy = new ChangeAuthor("moderator", "A Moderator");
            db.Annotations.Remove(await db.Annotations.SingleAsync(n => n.Body == NoteMarker));
            await db.SaveChangesAsync();
        }
        Services.GetRequiredService<IClaimChangeNotifier>().Publish(new ClaimChange(claimId, ClaimChangeKind.Annotation));
    }

    [Theory]
    [InlineData(Roles.Journalist)]
    [InlineData(Roles.Editor)]
    public async Task An_open_claim_page_reloads_a_draft_and_a_deleted_note_as_its_own_user_may_see_them(string role)
    {
        SignIn(role);
        var editor = role == Roles.Editor;
        var history = Render<ClaimHistory>(p => p.Add(x => x.ClaimId, claimId));
        var panel = Render<VerdictPanel>(p => p.Add(x => x.ClaimId, claimId));
        panel.WaitForAssertion(() => Assert.Equal("New", panel.Find("[data-testid=workflow-status]").TextContent), Deadline);
        history.WaitForAssertion(() => Assert.NotNull(history.Find("[data-testid=claim-history]")), Deadline);

        await DraftElsewhereAsync();

        panel.WaitForAssertion(() => Assert.Equal("Verdict drafted", panel.Find("[data-testid=workflow-status]").TextContent), Deadline);
        history.WaitForAssertion(() => Assert.Contains(editor ? DraftMarker : "Verdict drafted (in review, visible to editors)", history.Markup), Deadline);
        Assert.Equal(editor, panel.Markup.Contains(DraftMarker, StringComparison.Ordinal));
        Assert.Equal(editor, history.Markup.Contains(DraftMarker, StringComparison.Ordinal));
        Assert.Equal(!editor, panel.Markup.Contains("A verdict is in review.", StringComparison.Ordinal));

        await NoteDeletedElsewhereAsync();

        history.WaitForAssertion(() => Assert.Contains(editor ? NoteMarker : "Note deleted; its text is visible to editors only", history.Markup), Deadline);
        Assert.Equal(editor, history.Markup.Contains(NoteMarker, StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_announcement_carries_ids_and_kinds_only()
    {
        // Whatever a listener does with it, the announcement itself holds no text that could leak.
        var properties = typeof(ClaimChange).GetProperties();
        Assert.All(properties, p => Assert.True(p.PropertyType == typeof(int) || p.PropertyType.IsEnum, $"{p.Name} is a {p.PropertyType.Name}"));
    }
}
