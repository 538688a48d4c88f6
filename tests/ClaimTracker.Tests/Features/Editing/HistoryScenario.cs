using System.Security.Claims;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Importing;
using ClaimTracker.Web.Features.Merging;
using ClaimTracker.Web.Features.Review;
using ClaimTracker.Web.Features.Sources;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Claim = ClaimTracker.Web.Domain.Claim;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>
/// One app whose history holds every kind of entry the app writes: each kind of record created, edited, deleted and
/// restored, verdicts drafted, published, reopened and retired, notes and replies, a merge and its undo, suggestions
/// accepted, rejected and withdrawn, a source imported and corrected (re-anchoring statements), and every change to an
/// account. The changes go through the app's own services where one exists (and through its DbContext, so the same
/// record-keeping, where none does). The ids start at 70,000 and up, per table, so that a number leaking into the words
/// cannot pass for anything else; the signed-in users have GUID ids for the same reason.
/// </summary>
public sealed class HistoryScenario : ClaimTrackerFactory
{
    public const string SourceKey = "reuters-ukraine-peace-talks";
    public const string EditorName = "Sam Editor";
    public const string AgenciesQuote = "little sign of abandoning its objectives";
    public const string TrumpQuote = "ready to make a deal";
    public const string HardTimeQuote = "having a hard time getting there";

    public string EditorId { get; } = Guid.NewGuid().ToString();
    public string JournalistId { get; } = Guid.NewGuid().ToString();
    public string AdminId { get; } = Guid.NewGuid().ToString();

    /// <summary>The claim most of the scenario happens on.</summary>
    public int MainClaim { get; private set; }

    /// <summary>The claim that survived the merge (and got its statements back at the undo).</summary>
    public int SurvivorClaim { get; private set; }

    public int ArticleId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RaiseIdsAsync();
        await RecordEverythingAsync();
    }

    /// <summary>A newsroom member of <paramref name="role"/>: a GUID id and a plain display name, as history shows them.</summary>
    private (string Id, string Name) MemberOf(string role) => role switch
    {
        Roles.Editor => (EditorId, EditorName),
        Roles.Admin => (AdminId, "Ada Admin"),
        _ => (JournalistId, "Jo Journalist"),
    };

    /// <summary>A scope whose user is a newsroom member of <paramref name="role"/>.</summary>
    public AsyncServiceScope ScopeAs(string role) => Services.ScopeAs(role, MemberOf(role).Id, MemberOf(role).Name);

    private Task<T> AsAsync<TService, T>(string role, Func<TService, Task<T>> call) where TService : notnull =>
        Services.AsAsync(role, call, MemberOf(role).Id, MemberOf(role).Name);

    private Task<T> Edit<T>(Func<RecordEditService, Task<T>> call) => AsAsync(Roles.Editor, call);

    private static T Saved<T>(EditResult<T> result) where T : class =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}: {e.Value}")));

    private static void Ok(bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"The scenario could not {what}.");
        }
    }

    private async Task RaiseIdsAsync()
    {
        string[] tables = ["Actors", "Claims", "Attributions", "ClaimRelations", "Annotations", "Verdicts", "AttributionSuggestions", "ClaimMerges", "Sources", "AuditEntries"];
        await using var db = CreateDbContext();
        for (var i = 0; i < tables.Length; i++)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM sqlite_sequence WHERE name = {tables[i]}");
            await db.Database.ExecuteSqlAsync($"INSERT INTO sqlite_sequence (name, seq) VALUES ({tables[i]}, {70000 + i * 1000})");
        }
    }

    private async Task<(int Start, int End)> SpanAsync(string quote)
    {
        await using var db = CreateDbContext();
        var text = await db.Sources.Where(s => s.Id == ArticleId).Select(s => s.Text).SingleAsync();
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return start < 0 ? throw new InvalidOperationException($"“{quote}” is not in the source.") : (start, start + quote.Length);
    }

    private async Task<Guid> NoteVersionAsync(int id)
    {
        await using var db = CreateDbContext();
        return await db.Annotations.IgnoreQueryFilters().Where(n => n.Id == id).Select(n => n.Version).SingleAsync();
    }

    private async Task RecordEverythingAsync()
    {
        await using (var db = CreateDbContext())
        {
            ArticleId = await db.Sources.Where(s => s.Key == SourceKey).Select(s => s.Id).SingleAsync();
        }

        // Claims: created, edited, deleted, restored.
        var main = Saved(await Edit(s => s.CreateClaimAsync(new ClaimDraft("Moscow is not ready to end the war.", ["talks"]))));
        MainClaim = main.Id;
        main = Saved(await Edit(s => s.UpdateClaimAsync(main.Id, main.Version, new ClaimDraft("The Kremlin is not ready to end the war.", ["talks", "Kremlin"]))));
        var other = Saved(await Edit(s => s.CreateClaimAsync(new ClaimDraft("Putin wants a quick settlement.", []))));
        var doomed = Saved(await Edit(s => s.CreateClaimAsync(new ClaimDraft("A claim recorded by mistake.", []))));
        doomed = Saved(await Edit(s => s.DeleteClaimAsync(doomed.Id, doomed.Version)));
        Saved(await Edit(s => s.RestoreClaimAsync(doomed.Id)));

        // Actors: added, edited, deleted, restored.
        var envoy = Saved(await Edit(s => s.CreateActorAsync(new ActorDraft("Special envoy", ActorKind.Person, "Envoy", "United States", []))));
        envoy = Saved(await Edit(s => s.UpdateActorAsync(envoy.Id, envoy.Version, new ActorDraft("Steve Witkoff", ActorKind.OfficialsGroup, "Special envoy", "United States", ["the envoy"]))));
        envoy = Saved(await Edit(s => s.DeleteActorAsync(envoy.Id, envoy.Version)));
        Saved(await Edit(s => s.RestoreActorAsync(envoy.Id)));

        // Statements: one with a new actor in the same save, one of a known actor; edited (stance, mode, quote, setting), deleted, restored.
        int agencies, trump;
        await using (var db = CreateDbContext())
        {
            agencies = await db.Actors.Where(a => a.Key == "western-intelligence").Select(a => a.Id).SingleAsync();
            trump = await db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync();
        }
        var hard = await SpanAsync(HardTimeQuote);
        var gabbard = Saved(await Edit(s => s.CreateStatementAsync(new StatementDraft(null, new ActorDraft("Anonymous adviser", ActorKind.Person, null, null, []),
            MainClaim, null, ArticleId, Stance.Questions, AttributionMode.Reported, hard.Start, hard.End))));
        var agenciesSpan = await SpanAsync(AgenciesQuote);
        var agenciesStatement = Saved(await Edit(s => s.CreateAttributionAsync(new AttributionDraft(agencies, MainClaim, ArticleId, Stance.Asserts, AttributionMode.DirectQuote, agenciesSpan.Start, agenciesSpan.End))));
        var longer = await SpanAsync(AgenciesQuote + " in Ukraine");
        agenciesStatement = Saved(await Edit(s => s.UpdateAttributionAsync(agenciesStatement.Id, agenciesStatement.Version,
            new AttributionDraft(agencies, MainClaim, ArticleId, Stance.Denies, AttributionMode.Paraphrase, longer.Start, longer.End, SaidWhen: "in December", ReportedVia: "a Reuters report"))));
        var trumpSpan = await SpanAsync(TrumpQuote);
        var trumpStatement = Saved(await Edit(s => s.CreateAttributionAsync(new AttributionDraft(trump, MainClaim, ArticleId, Stance.Asserts, AttributionMode.DirectQuote, trumpSpan.Start, trumpSpan.End))));
        var deletedStatement = Saved(await Edit(s => s.DeleteAttributionAsync(gabbard.Id, gabbard.Version)));
        Saved(await Edit(s => s.RestoreAttributionAsync(deletedStatement.Id)));

        // Relations: created, edited, deleted, restored.
        var relation = Saved(await Edit(s => s.CreateRelationAsync(new RelationDraft(MainClaim, other.Id, RelationType.Contradicts, "One says the war goes on, the other that it ends soon."))));
        relation = Saved(await Edit(s => s.UpdateRelationAsync(relation.Id, relation.Version, new RelationDraft(MainClaim, other.Id, RelationType.Qualifies, "Ready for a settlement, not for the end of the war."))));
        relation = Saved(await Edit(s => s.DeleteRelationAsync(relation.Id, relation.Version)));
        Saved(await Edit(s => s.RestoreRelationAsync(relation.Id)));

        // Notes: on the claim, on a statement, a reply, on a span of the source; edited, deleted, restored.
        var note = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(MainClaim, "Check the agencies' wording against the wire copy."));
        Ok(note.Succeeded, "add a note");
        var onStatement = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToAttributionAsync(agenciesStatement.Id, "Paraphrase, not a quote."));
        Ok(onStatement.Succeeded, "note a statement");
        var reply = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Editor, s => s.ReplyAsync(note.Value!.Id, "Checked: the wording matches."));
        Ok(reply.Succeeded, "reply");
        Ok((await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, async s => await s.EditAsync(note.Value!.Id, await NoteVersionAsync(note.Value!.Id), "Check the agencies' wording against the wire."))).Succeeded, "edit a note");
        Ok((await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Editor, async s => await s.DeleteAsync(onStatement.Value!.Id, await NoteVersionAsync(onStatement.Value!.Id)))).Succeeded, "delete a note");
        await using (var db = CreateDbContext())
        {
            db.ChangedBy = new ChangeAuthor(EditorId, EditorName);
            var deleted = await db.Annotations.IgnoreQueryFilters().SingleAsync(n => n.Id == onStatement.Value!.Id);
            deleted.IsDeleted = false; // no page restores notes yet; the record-keeping writes the entry all the same
            await db.SaveChangesAsync();
        }
        var peskov = await SpanAsync("remains open to talks");
        Ok((await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToSpanAsync(ArticleId, peskov.Start, peskov.End, "Peskov agrees with Trump here.", "remains open to talks"))).Succeeded, "note a span");

        // The verdict: review started (the claim's status), drafted, changed (rating and evidence), published, reopened, then retired and restored.
        Ok((await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.StartReviewAsync(MainClaim))).Outcome == EditOutcome.Saved, "start a review");
        var draft = await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.SaveDraftAsync(MainClaim,
            new VerdictInput { RatingLabelId = 4, Rationale = "Nothing in the record backs it.", AttributionIds = [trumpStatement.Id] }, null));
        Ok(draft.Outcome == EditOutcome.Saved, "draft a verdict");
        var changed = await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.SaveDraftAsync(MainClaim,
            new VerdictInput { RatingLabelId = 3, Rationale = "Half of it holds.", AttributionIds = [agenciesStatement.Id], Urls = ["https://example.org/assessment"] }, draft.Value!.Version));
        Ok(changed.Outcome == EditOutcome.Saved, "change the draft");
        var published = await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.PublishAsync(MainClaim, changed.Value!.Version));
        Ok(published.Outcome == EditOutcome.Saved, "publish");
        Ok((await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.ReopenAsync(MainClaim, published.Value!.Version))).Outcome == EditOutcome.Saved, "reopen");
        await using (var db = CreateDbContext())
        {
            db.ChangedBy = new ChangeAuthor(EditorId, EditorName);
            var verdict = await db.Verdicts.SingleAsync(v => v.ClaimId == MainClaim);
            db.Verdicts.Remove(verdict); // a merge retires a verdict this way
            await db.SaveChangesAsync();
            verdict.IsDeleted = false;
            await db.SaveChangesAsync();
        }

        // A merge and its undo, each on both claims' history, with the moved rows' own entries.
        var survivor = Saved(await Edit(s => s.CreateClaimAsync(new ClaimDraft("Zelensky is the obstacle to a peace deal.", []))));
        var duplicate = Saved(await Edit(s => s.CreateClaimAsync(new ClaimDraft("The peace deal is held up by Zelensky.", []))));
        var zelensky = await SpanAsync("Zelensky who is hesitating");
        Saved(await Edit(s => s.CreateAttributionAsync(new AttributionDraft(trump, duplicate.Id, ArticleId, Stance.Asserts, AttributionMode.Paraphrase, zelensky.Start, zelensky.End))));
        SurvivorClaim = survivor.Id;
        var merge = await AsAsync<ClaimMergeService, EditResult<MergeSummary>>(Roles.Editor, s => s.MergeAsync(survivor.Id, survivor.Version, duplicate.Id, duplicate.Version));
        Ok(merge.Outcome == EditOutcome.Saved, "merge");
        Ok((await AsAsync<ClaimMergeService, EditResult<MergeSummary>>(Roles.Editor, s => s.UndoAsync(merge.Value!.Id))).Succeeded, "undo the merge");

        // Suggestions: proposed, accepted, rejected, reopened; one withdrawn by the correction below.
        await using (var db = CreateDbContext())
        {
            db.ChangedBy = new ChangeAuthor(EditorId, EditorName);
            var source = await db.Sources.SingleAsync(s => s.Id == ArticleId);
            foreach (var (quote, claim) in new[] { ("Zelensky.\"", "Zelensky is to blame."), ("pressing a settlement", "Ukraine should settle."), ("appeared more inclined", "Trump trusts Putin."), (HardTimeQuote, "Zelensky is struggling.") })
            {
                var at = source.Text.IndexOf(quote, StringComparison.Ordinal);
                db.AttributionSuggestions.Add(new AttributionSuggestion
                {
                    SourceId = ArticleId,
                    Anchor = TextAnchor.FromText(source.Text, at, at + quote.Length),
                    ActorName = "Trump",
                    ActorId = trump,
                    Stance = Stance.Asserts,
                    Mode = AttributionMode.Paraphrase,
                    ClaimText = claim,
                    Cue = "reporting verb 'said'",
                });
            }
            await db.SaveChangesAsync();
        }
        await using (var scope = ScopeAs(Roles.Editor))
        {
            var review = scope.As<ReviewQueueService>();
            var queue = (await review.GetQueueAsync(ArticleId, ReviewFilter.Pending))!;
            var accept = queue.Items.Single(i => i.ClaimText == "Zelensky is to blame.");
            Saved(await review.AcceptAsync(accept.Id, accept.AsProposed(), accept.Version));
            var reject = queue.Items.Single(i => i.ClaimText == "Ukraine should settle.");
            var rejected = Saved(await review.RejectAsync(reject.Id, reject.Version));
            Saved(await review.ReopenAsync(rejected.Id, rejected.Version));
        }

        // The source corrected: every statement on it found again in the new revision, one orphaned, a pending suggestion withdrawn.
        string corrected;
        await using (var db = CreateDbContext())
        {
            var text = await db.Sources.Where(s => s.Id == ArticleId).Select(s => s.Text).SingleAsync();
            corrected = "Editor's note: this article was corrected to add context. " + text.Replace(HardTimeQuote, "struggling", StringComparison.Ordinal);
        }
        Saved(await AsAsync<SourceCorrectionService, EditResult<SourceCorrection>>(Roles.Editor, s => s.CorrectAsync(ArticleId, 1, corrected, "Adds an editor's note; removes a misattributed phrase")));

        // A source imported.
        var imported = await AsAsync<SourceImportService, EditResult<ImportReport>>(Roles.Editor, s => s.ImportAsync(new SourceImportRequest(
            "Example News", "Talks stall in Geneva", "2026-01-18", "https://example.com/news/geneva",
            PastedText: "Donald Trump said talks had stalled. Peskov said Moscow was ready.")));
        Ok(imported.Outcome == EditOutcome.Saved, "import a source");

        // Accounts: created, given and stripped of roles, deactivated, reactivated, locked out and unlocked.
        const string email = "pat.history@claimtracker.test";
        Ok((await AsAsync<UserAdminService, EditResult<string>>(Roles.Admin, s => s.CreateAsync(email, "Pat Phone", "Pat-Phone-password-1!", Roles.Journalist))).Succeeded, "create an account");
        string userId;
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            userId = (await users.FindByEmailAsync(email))!.Id;
        }
        Ok((await AsAsync<UserAdminService, EditResult<string>>(Roles.Admin, s => s.SetRoleAsync(userId, Roles.Editor))).Succeeded, "change a role");
        Ok((await AsAsync<UserAdminService, EditResult<string>>(Roles.Admin, s => s.DeactivateAsync(userId))).Succeeded, "deactivate");
        Ok((await AsAsync<UserAdminService, EditResult<string>>(Roles.Admin, s => s.ReactivateAsync(userId))).Succeeded, "reactivate");
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        Ok((await AsAsync<UserAdminService, EditResult<string>>(Roles.Admin, s => s.UnlockAsync(userId))).Succeeded, "unlock");
    }
}
