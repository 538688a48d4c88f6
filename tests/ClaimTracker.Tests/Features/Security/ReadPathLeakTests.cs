using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Overview;
using ClaimTracker.Web.Features.Sources;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Security;

/// <summary>
/// The role × read-path matrix: anonymous, journalist, editor and admin, over every page and endpoint that shows
/// verdicts, notes or history, and over the services behind them. Each cell asserts that each marker of
/// <see cref="LeakScenario"/> is there exactly when that role may read it on that path (<see cref="Expected"/>).
/// Pages are fetched over HTTP with the role's own sign-in cookie. The claim page is interactive, but its verdict panel,
/// History and notes all render during the prerender, so the HTML a request gets holds them: the cells below see what a
/// browser first shows. What changes afterwards, live, is tested in <see cref="LiveLeakTests"/> (bUnit).
/// </summary>
[BothEngines]
public sealed class ReadPathLeakTests(LeakScenario app) : IClassFixture<LeakScenario>
{
    private enum Who
    {
        Nobody,
        Editors,
        Everyone,
    }

    private static bool Allowed(Who who, string? role) => who switch
    {
        Who.Everyone => true,
        Who.Editors => role is Roles.Editor or Roles.Admin,
        _ => false,
    };

    /// <summary>
    /// Where each marker may appear, by path; anything not listed is <see cref="Who.Nobody"/>. Paths use placeholders
    /// for the scenario's ids; "history:", "verdict:" and the like name service calls.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, Who>> Expected = new()
    {
        // The claim page: editors read drafts in the verdict panel and in History; nobody else reads them anywhere.
        ["/claims/{draft}"] = new() { [Marker.DraftRationale] = Who.Editors, [Marker.DraftEvidence] = Who.Editors },
        ["/claims/{reopened}"] = new() { [Marker.Reopened] = Who.Editors },
        ["/claims/{published}"] = new() { [Marker.Published] = Who.Everyone },
        // Moderated notes: in the History of editors (who moderate) only; never in the thread.
        ["/claims/{notes}"] = new() { [Marker.LiveNote] = Who.Everyone, [Marker.DeletedNote] = Who.Editors, [Marker.ModeratedWords] = Who.Editors },
        ["/sources/{source}"] = new() { [Marker.LiveSpanNote] = Who.Everyone },
        ["/api/sources/{source}/annotations"] = new() { [Marker.LiveSpanNote] = Who.Everyone },

        ["verdict:{draft}"] = new() { [Marker.DraftRationale] = Who.Editors, [Marker.DraftEvidence] = Who.Editors },
        ["panel:{draft}"] = new() { [Marker.DraftRationale] = Who.Editors, [Marker.DraftEvidence] = Who.Editors },
        ["history:{draft}"] = new() { [Marker.DraftRationale] = Who.Editors, [Marker.DraftEvidence] = Who.Editors },
        ["verdict:{reopened}"] = new() { [Marker.Reopened] = Who.Editors },
        ["panel:{reopened}"] = new() { [Marker.Reopened] = Who.Editors },
        ["history:{reopened}"] = new() { [Marker.Reopened] = Who.Editors },
        ["verdict:{published}"] = new() { [Marker.Published] = Who.Everyone },
        ["panel:{published}"] = new() { [Marker.Published] = Who.Everyone },
        // History carries no verdict values for journalists, even published ones: the panel shows what is public.
        ["history:{published}"] = new() { [Marker.Published] = Who.Editors },
        ["notes:{notes}"] = new() { [Marker.LiveNote] = Who.Everyone },
        ["history:{notes}"] = new() { [Marker.LiveNote] = Who.Editors, [Marker.DeletedNote] = Who.Editors, [Marker.ModeratedWords] = Who.Editors },
        ["notes:{source}"] = new() { [Marker.LiveSpanNote] = Who.Everyone },
        ["export:{source}"] = new() { [Marker.LiveSpanNote] = Who.Everyone },
    };

    /// <summary>Every page and endpoint that shows claims, verdicts, notes or history. True: every role gets 200.</summary>
    private static readonly (string Path, bool OpenToAll)[] Paths =
    [
        ("/", true),
        ("/claims", true),
        ("/claims?status=VerdictDrafted", true),
        ("/claims/{draft}", true),
        ("/claims/{reopened}", true),
        ("/claims/{published}", true),
        ("/claims/{notes}", true),
        ("/claims/deleted", false),
        ("/actors", true),
        ("/actors/{actor0}", true),
        ("/actors/{actor1}", true),
        ("/actors/{actor2}", true),
        ("/sources", true),
        ("/sources/{source}", true),
        ("/sources/{source}/review", false),
        ("/api/claims?limit=500", true),
        ("/api/claims/{draft}", true),
        ("/api/claims/{reopened}", true),
        ("/api/claims/{published}", true),
        ("/api/claims/{notes}", true),
        ("/api/claims/{draft}/claimreview", false),
        ("/api/claims/{reopened}/claimreview", false),
        ("/api/claims/{published}/claimreview", true),
        ("/api/actors", true),
        ("/api/sources/{source}", true),
        ("/api/sources/{source}/annotations", true),
    ];

    public static TheoryData<string?> EveryRole() => [.. Acting.EveryRole];

    private string Resolve(string template) => template
        .Replace("{draft}", app.DraftClaim.ToString())
        .Replace("{reopened}", app.ReopenedClaim.ToString())
        .Replace("{published}", app.PublishedClaim.ToString())
        .Replace("{notes}", app.NotesClaim.ToString())
        .Replace("{source}", app.Source.ToString())
        .Replace("{actor0}", app.Actors[0].ToString())
        .Replace("{actor1}", app.Actors[1].ToString())
        .Replace("{actor2}", app.Actors[2].ToString());

    /// <summary>Every marker on <paramref name="target"/> present exactly where allowed; returns the cells that are wrong.</summary>
    private static IEnumerable<string> Check(string? role, string target, string content) =>
        Marker.All
            .Select(marker => (marker, allowed: Allowed(Expected.GetValueOrDefault(target)?.GetValueOrDefault(marker) ?? Who.Nobody, role)))
            .Where(x => content.Contains(x.marker, StringComparison.Ordinal) != x.allowed)
            .Select(x => $"{RoleName(role)} × {target}: {x.marker} {(x.allowed ? "missing, but this role may read it" : "LEAKED")}");

    private static string RoleName(string? role) => role ?? "anonymous";

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task Every_page_and_endpoint_shows_each_draft_and_moderated_text_only_to_those_allowed(string? role)
    {
        var client = await app.ClientAsync(role);
        var failures = new List<string>();
        foreach (var (template, openToAll) in Paths)
        {
            var response = await client.GetAsync(Resolve(template));
            var body = await response.Content.ReadAsStringAsync();
            if (openToAll && response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{RoleName(role)} × {template}: answered {(int)response.StatusCode}, expected 200");
            }
            failures.AddRange(Check(role, template, body));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task The_claim_page_says_a_verdict_is_in_review_without_its_content_and_exports_only_published_verdicts(string? role)
    {
        var client = await app.ClientAsync(role);
        var mayReadDrafts = role is Roles.Editor or Roles.Admin;
        foreach (var claim in new[] { app.DraftClaim, app.ReopenedClaim })
        {
            var html = await client.GetStringAsync($"/claims/{claim}");
            // Drafts never leave as ClaimReview, whoever asks: not in the page head, not from the endpoint.
            Assert.DoesNotContain("application/ld+json", html);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/claims/{claim}/claimreview")).StatusCode);
            if (mayReadDrafts)
            {
                Assert.Contains("data-testid=\"draft-badge\"", html);
            }
            else
            {
                Assert.Contains("A verdict is in review.", html);
                Assert.DoesNotContain("data-testid=\"verdict-rating\"", html);
                Assert.DoesNotContain("data-testid=\"verdict-evidence\"", html);
            }
        }

        var published = await client.GetStringAsync($"/claims/{app.PublishedClaim}");
        Assert.Contains("application/ld+json", published);
        Assert.Contains("data-testid=\"verdict-rating\"", published);
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task The_history_section_tells_readers_what_happened_in_words_instead_of_the_withheld_values(string? role)
    {
        var client = await app.ClientAsync(role);
        var draft = await client.GetStringAsync($"/claims/{app.DraftClaim}");
        var reopened = await client.GetStringAsync($"/claims/{app.ReopenedClaim}");
        var notes = await client.GetStringAsync($"/claims/{app.NotesClaim}");

        if (role is null)
        {
            // History names editors: signed-in readers only.
            Assert.DoesNotContain("data-testid=\"claim-history\"", draft);
            return;
        }
        Assert.Contains("data-testid=\"claim-history\"", draft);
        var withheld = role == Roles.Journalist;
        Assert.Equal(withheld, draft.Contains("Verdict drafted (in review, visible to editors)", StringComparison.Ordinal));
        Assert.Equal(withheld, reopened.Contains("Verdict reopened: withdrawn from public view, back in review", StringComparison.Ordinal));
        Assert.Equal(withheld, notes.Contains("Note deleted; its text is visible to editors only", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task Every_service_behind_those_pages_filters_for_its_caller(string? role)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        var claims = new Dictionary<string, int>
        {
            ["{draft}"] = app.DraftClaim,
            ["{reopened}"] = app.ReopenedClaim,
            ["{published}"] = app.PublishedClaim,
            ["{notes}"] = app.NotesClaim,
        };
        var calls = new List<(string Target, Func<AsyncServiceScope, Task<object?>> Call)>();
        foreach (var (name, id) in claims)
        {
            calls.Add(($"dispute:{name}", async s => await s.As<DisputeReader>().GetDisputeAsync(id)));
            calls.Add(($"verdict:{name}", async s => await s.As<VerdictReader>().GetAsync(id)));
            calls.Add(($"panel:{name}", async s => await s.As<VerdictReader>().GetPanelAsync(id)));
            calls.Add(($"claimreview:{name}", async s => await s.As<ClaimReviewService>().GetAsync(id, new Uri("http://localhost/"))));
            calls.Add(($"history:{name}", async s => await s.As<ClaimHistoryService>().GetAsync(id, 0, ClaimHistoryService.MaxPageSize)));
            calls.Add(($"notes:{name}", async s => await s.As<AnnotationService>().ListForClaimAsync(id)));
        }
        calls.Add(("claims", async s => await s.As<ClaimService>().SearchAsync(new ClaimSearchQuery(PageSize: 100), SearchTerms.Empty)));
        calls.Add(("overview", async s => await s.As<OverviewService>().GetAsync()));
        calls.Add(("reader:{source}", async s => await s.As<SourceService>().GetReaderAsync(app.Source)));
        calls.Add(("notes:{source}", async s => await s.As<AnnotationService>().ListForSourceAsync(app.Source)));
        calls.Add(("export:{source}", async _ => (await WebAnnotationExport.BuildAsync(dbFactory, app.Source, "http://localhost"))?.ToJsonString()));
        foreach (var actor in app.Actors)
        {
            calls.Add(($"actor:{actor}", async s => await s.As<ActorService>().GetProfileAsync(actor)));
        }

        var failures = new List<string>();
        foreach (var (target, call) in calls)
        {
            await using var scope = app.Services.ScopeAs(role);
            string content;
            try
            {
                content = JsonSerializer.Serialize(await call(scope));
            }
            catch (AccessDeniedException)
            {
                content = "denied";
            }
            failures.AddRange(Check(role, target, content));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task A_journalist_and_a_visitor_learn_a_verdict_is_in_review_from_the_service_and_nothing_more(string? role)
    {
        await using var scope = app.Services.ScopeAs(role);
        var verdicts = scope.As<VerdictReader>();
        foreach (var claim in new[] { app.DraftClaim, app.ReopenedClaim })
        {
            var panel = await verdicts.GetPanelAsync(claim);
            Assert.NotNull(panel);
            var mayReadDrafts = role is Roles.Editor or Roles.Admin;
            Assert.Equal(mayReadDrafts, panel.Verdict is not null);
            Assert.Equal(!mayReadDrafts, panel.DraftWithheld);
        }
        var published = await verdicts.GetPanelAsync(app.PublishedClaim);
        Assert.NotNull(published?.Verdict);
        Assert.False(published.DraftWithheld);
    }
}
