using System.Net;
using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Security;

/// <summary>Strings written into the record by <see cref="LeakScenario"/>, each in one place only, so a page that shows one can be told.</summary>
public static class Marker
{
    /// <summary>The rationale of a verdict that is still a draft.</summary>
    public const string DraftRationale = "LEAK-DRAFT-RATIONALE-q7z";
    /// <summary>A link cited as evidence by that draft.</summary>
    public const string DraftEvidence = "LEAK-DRAFT-EVIDENCE-q7z";
    /// <summary>The rationale of a verdict that was published, then reopened (withdrawn, in review again).</summary>
    public const string Reopened = "LEAK-REOPENED-RATIONALE-q7z";
    /// <summary>The rationale of a published verdict: public, the control that shows the matrix can see a rationale.</summary>
    public const string Published = "SHOWN-PUBLISHED-RATIONALE-q7z";
    /// <summary>A journalist's note on a claim that a moderator deleted.</summary>
    public const string DeletedNote = "LEAK-DELETED-NOTE-q7z";
    /// <summary>The words a moderator edited out of a journalist's note (the note itself stays).</summary>
    public const string ModeratedWords = "LEAK-MODERATED-WORDS-q7z";
    /// <summary>A note on the claim that stays: the control for notes.</summary>
    public const string LiveNote = "SHOWN-LIVE-NOTE-q7z";
    /// <summary>A note on a span of the source that a moderator deleted.</summary>
    public const string DeletedSpanNote = "LEAK-DELETED-SPAN-NOTE-q7z";
    /// <summary>A note on a span of the source that stays: the control for the reader and the W3C export.</summary>
    public const string LiveSpanNote = "SHOWN-LIVE-SPAN-NOTE-q7z";

    public static readonly string[] All = [DraftRationale, DraftEvidence, Reopened, Published, DeletedNote, ModeratedWords, LiveNote, DeletedSpanNote, LiveSpanNote];
}

/// <summary>
/// The app over a fresh database holding one of every kind of content that must not reach everyone, made through the
/// real services as editors and journalists would: a draft verdict, a reopened one, a published one (control), a
/// deleted note, a note a moderator edited, a live note (control), and a deleted and a live note on a source span.
/// Accounts of its own (one per role) sign in over HTTP with real cookies.
/// </summary>
public sealed class LeakScenario : ClaimTrackerFactory
{
    public const string Password = "Leak-matrix-password-1!";

    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly SemaphoreSlim signIn = new(1, 1);

    public int DraftClaim { get; private set; }
    public int ReopenedClaim { get; private set; }
    public int PublishedClaim { get; private set; }
    public int NotesClaim { get; private set; }
    public int Source { get; private set; }
    public IReadOnlyList<int> Actors { get; private set; } = [];

    public static string Email(string role) => $"leak-{role.ToLowerInvariant()}@claimtracker.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Three sign-ins from one address; the real limit is tested elsewhere (LoginRateLimitTests).
        builder.UseSetting(AccountEndpoints.AttemptsPerMinuteSetting, "1000");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAccountsAsync();
        DraftClaim = await ClaimId("ukraine-should-cede-donbas");
        ReopenedClaim = await ClaimId("kyiv-should-withdraw-troops");
        PublishedClaim = await ClaimId("kyiv-cannot-cede-land");
        NotesClaim = await ClaimId("putin-ready-for-deal");
        Source = await SourceId("reuters-ukraine-peace-talks");
        Actors = [await ActorId("donald-trump"), await ActorId("volodymyr-zelensky"), await ActorId("vladimir-putin")];

        // A draft citing a statement and a link.
        var cited = await FirstAttributionAsync(DraftClaim);
        Assert.Equal(EditOutcome.Saved, (await this.AsAsync(Roles.Editor, s => s.StartReviewAsync(DraftClaim))).Outcome);
        var draft = await this.AsAsync(Roles.Editor, s => s.SaveDraftAsync(DraftClaim, new VerdictInput
        {
            RatingLabelId = VerdictTestHelpers.False,
            Rationale = $"Not yet checked with the desk: {Marker.DraftRationale}.",
            AttributionIds = [cited],
            Urls = [$"https://evidence.example/{Marker.DraftEvidence}"],
        }, null));
        Assert.Equal(EditOutcome.Saved, draft.Outcome);

        // Published, then reopened: back to a draft, out of public view.
        var published = await this.PublishAsync(ReopenedClaim, $"Published once, then reopened: {Marker.Reopened}.");
        Assert.Equal(EditOutcome.Saved, (await this.AsAsync(Roles.Editor, s => s.ReopenAsync(ReopenedClaim, published.Version))).Outcome);

        await this.PublishAsync(PublishedClaim, $"The record bears it out: {Marker.Published}.");

        // Notes: one deleted by a moderator, one edited by a moderator, one left alone.
        var deleted = await NoteAsync(s => s.AddToClaimAsync(NotesClaim, $"Off-record gossip: {Marker.DeletedNote}"));
        await ModerateAsync(deleted, (s, version) => s.DeleteAsync(deleted, version));
        var edited = await NoteAsync(s => s.AddToClaimAsync(NotesClaim, $"A personal attack: {Marker.ModeratedWords}"));
        await ModerateAsync(edited, (s, version) => s.EditAsync(edited, version, "Edited by a moderator: a personal remark was removed."));
        await NoteAsync(s => s.AddToClaimAsync(NotesClaim, $"Worth a follow-up call: {Marker.LiveNote}"));

        // Notes on a span of the source: one deleted by a moderator, one left alone.
        string text;
        await using (var db = CreateDbContext())
        {
            text = await db.Sources.Where(s => s.Id == Source).Select(s => s.Text).SingleAsync();
        }
        var deletedSpan = await NoteAsync(s => s.AddToSpanAsync(Source, 0, 20, $"Off-record: {Marker.DeletedSpanNote}", text[..20]));
        await ModerateAsync(deletedSpan, (s, version) => s.DeleteAsync(deletedSpan, version));
        await NoteAsync(s => s.AddToSpanAsync(Source, 30, 60, $"Check this wording: {Marker.LiveSpanNote}", text[30..60]));
    }

    /// <summary>An HTTP client signed in as <paramref name="role"/> through the login form (null: an anonymous visitor), cookies kept.</summary>
    public async Task<HttpClient> ClientAsync(string? role)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        if (role is null)
        {
            return CreateClient(options);
        }
        await signIn.WaitAsync();
        try
        {
            if (!clients.TryGetValue(role, out var client))
            {
                client = CreateClient(options);
                var login = await Http.PostLoginAsync(client, Email(role), Password);
                Assert.True(login.StatusCode == HttpStatusCode.Redirect && login.Headers.Location?.ToString() == "/",
                    $"signing in as {role} answered {(int)login.StatusCode} → {login.Headers.Location}");
                clients[role] = client;
            }
            return client;
        }
        finally
        {
            signIn.Release();
        }
    }

    private async Task CreateAccountsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var role in Roles.All)
        {
            var user = new AppUser { UserName = Email(role), Email = Email(role), EmailConfirmed = true, DisplayName = $"Leak {role}" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
    }

    private async Task<int> FirstAttributionAsync(int claimId)
    {
        await using var db = CreateDbContext();
        return await db.Attributions.Where(a => a.ClaimId == claimId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    /// <summary>A note written by a journalist; returns its id.</summary>
    private async Task<int> NoteAsync(Func<AnnotationService, Task<EditResult<StoredNote>>> write)
    {
        await using var scope = Services.ScopeAs(Roles.Journalist, "leak-journalist-author");
        var result = await write(scope.As<AnnotationService>());
        Assert.True(result.Succeeded, result.Message);
        return result.Value!.Id;
    }

    /// <summary>An editor, moderating someone else's note.</summary>
    private async Task ModerateAsync(int noteId, Func<AnnotationService, Guid, Task<EditResult<StoredNote>>> change)
    {
        Guid version;
        await using (var db = CreateDbContext())
        {
            version = await db.Annotations.Where(n => n.Id == noteId).Select(n => n.Version).SingleAsync();
        }
        await using var scope = Services.ScopeAs(Roles.Editor, "leak-moderator");
        var result = await change(scope.As<AnnotationService>(), version);
        Assert.True(result.Succeeded, result.Message);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        signIn.Dispose();
        await base.DisposeAsync();
    }
}
