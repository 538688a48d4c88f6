using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>
/// Reads verdicts as the current user may see them: drafts only with <see cref="Permission.ReadDrafts"/>. Changes go
/// through <see cref="VerdictWorkflow"/>.
/// </summary>
/// <param name="disputes">The dispute view, whose statements the evidence picker offers.</param>
public sealed class VerdictReader(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, DisputeReader disputes,
    ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>The panel's data for the current user, or null when the claim does not exist.</summary>
    /// <remarks>
    /// What the panel holds depends only on the claim and on two permissions (may rate, may read drafts), so it is
    /// kept in the read-model cache under those: every reader of a claim shares one, every editor another.
    /// </remarks>
    public async Task<VerdictPanelData?> GetPanelAsync(int claimId, CancellationToken ct = default)
    {
        var canRate = await currentUser.HasAsync(Permission.RateClaims);
        var canReadDrafts = await currentUser.HasAsync(Permission.ReadDrafts);
        return await reads.GetOrLoadAsync((nameof(GetPanelAsync), claimId, canRate, canReadDrafts),
            c => LoadPanelAsync(claimId, canRate, canReadDrafts, c), ct);
    }

    private async Task<VerdictPanelData?> LoadPanelAsync(int claimId, bool canRate, bool canReadDrafts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => (ClaimStatus?)c.Status).SingleOrDefaultAsync(ct);
        if (status is null)
        {
            return null;
        }
        var verdict = await LoadVisibleAsync(db, claimId, canReadDrafts, ct);
        // That a verdict is in review is public (the claim's status says as much); what it says is not.
        var draftWithheld = verdict is null && await db.Verdicts.AnyAsync(v => v.ClaimId == claimId, ct);
        var ratings = await PublishedRatings.ScaleAsync(db, ct);
        // Only those who may rate get the picker's options: they are what the dispute view shows anyway, but nobody else needs them.
        var evidence = canRate && await disputes.GetDisputeAsync(claimId, ct) is { } dispute ? ChoicesFrom(dispute) : EvidenceChoices.None;
        return new VerdictPanelData(claimId, status.Value, verdict, canRate, ratings, evidence, draftWithheld);
    }

    /// <summary>
    /// The evidence picker's options: what the dispute view shows, grouped as it groups it. First the claim's own statements
    /// (who makes it, and who challenges or endorses it); then the claims that conflict with it, support it, qualify it,
    /// and that it acts on in turn, each with its listed speakers and challengers; last the sources of all of those. Bounded
    /// as the dispute view is (<see cref="DisputeReader.GetDisputeAsync"/>), and read from the same cached model.
    /// </summary>
    public static EvidenceChoices ChoicesFrom(ClaimDispute dispute)
    {
        var groups = new List<EvidenceGroup>();
        var own = dispute.Assertions
            .Concat(dispute.Conflicting.Select(a => a.Stance).OfType<AttributionView>())
            .Concat(dispute.Supporting.Select(a => a.Stance).OfType<AttributionView>())
            .Select(Option)
            .ToList();
        if (own.Count > 0)
        {
            groups.Add(new EvidenceGroup("claim", "Statements on this claim", [new EvidenceClaim(dispute.Claim.Id, null, null, own)]));
        }
        void Related(string key, string title, IEnumerable<RelatedClaim> related, Func<RelatedClaim, string> relation)
        {
            var claims = related
                .Where(r => r.Attributions.Count > 0)
                .Select(r => new EvidenceClaim(r.ClaimId, relation(r), r.Text, r.Speakers.Concat(r.Challenges).Select(Option).ToList()))
                .ToList();
            if (claims.Count > 0)
            {
                groups.Add(new EvidenceGroup(key, title, claims));
            }
        }
        Related("conflicting", "Conflicting", dispute.Conflicting.Select(a => a.Related).OfType<RelatedClaim>(), _ => "Contradicting claim");
        Related("supporting", "Supporting", dispute.Supporting.Select(a => a.Related).OfType<RelatedClaim>(), _ => "Supporting claim");
        Related("qualifying", "Qualified by", dispute.Qualifications, _ => "Qualifying claim");
        Related("acted-on", "This claim in turn…", dispute.BearsOn, r => $"This claim {r.Type.Label()}");

        var statements = dispute.Assertions
            .Concat(dispute.Conflicting.Concat(dispute.Supporting).SelectMany(a => a.Stance is { } stance ? (IEnumerable<AttributionView>)[stance] : a.Related!.Attributions))
            .Concat(dispute.Qualifications.Concat(dispute.BearsOn).SelectMany(r => r.Attributions));
        var sources = statements
            .DistinctBy(a => a.SourceId)
            .OrderBy(a => a.PublishedOn).ThenBy(a => a.SourceId)
            .Select(a => new EvidenceSourceOption(a.SourceId, $"{a.SourceOutlet}: {a.SourceTitle} ({a.PublishedOn.Display()})"))
            .ToList();
        return new EvidenceChoices(groups, sources);
    }

    private static EvidenceOption Option(AttributionView a) =>
        new(a.Id, a.ActorName, a.Stance.Verb(), a.Quote, a.SourceId, $"{a.SourceOutlet}, {a.PublishedOn.Display()}");

    /// <summary>The claim's verdict as the current user may see it: drafts only with <see cref="Permission.ReadDrafts"/>.</summary>
    public async Task<VerdictView?> GetAsync(int claimId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadVisibleAsync(db, claimId, await currentUser.HasAsync(Permission.ReadDrafts), ct);
    }

    private static async Task<VerdictView?> LoadVisibleAsync(ClaimTrackerDbContext db, int claimId, bool canReadDrafts, CancellationToken ct)
    {
        var verdicts = db.Verdicts.AsNoTracking().Where(v => v.ClaimId == claimId);
        if (!canReadDrafts)
        {
            verdicts = verdicts.Where(v => v.State == VerdictState.Published);
        }
        var row = await verdicts.Select(v => new
        {
            v.Id,
            v.ClaimId,
            v.RatingLabelId,
            v.RatingLabel.Label,
            v.RatingLabel.Value,
            v.Rationale,
            v.State,
            v.Evidence,
            v.AuthorName,
            v.CreatedAt,
            v.UpdatedAt,
            v.PublishedAt,
            v.Version,
        }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        return new VerdictView(row.Id, row.ClaimId, row.RatingLabelId, row.Label, row.Value, row.Rationale, row.State,
            await ResolveEvidenceAsync(db, claimId, row.Evidence, ct), row.AuthorName, row.CreatedAt, row.UpdatedAt, row.PublishedAt, row.Version);
    }

    private static async Task<List<EvidenceItem>> ResolveEvidenceAsync(ClaimTrackerDbContext db, int claimId, List<VerdictEvidence> evidence, CancellationToken ct)
    {
        var attributionIds = evidence.Where(e => e.AttributionId is not null).Select(e => e.AttributionId!.Value).ToList();
        var sourceIds = evidence.Where(e => e.SourceId is not null).Select(e => e.SourceId!.Value).ToList();
        var attributions = await db.Attributions.AsNoTracking().Where(a => attributionIds.Contains(a.Id))
            .Select(a => new { a.Id, a.SourceId, ActorName = a.Actor.Name, a.Stance, a.Anchor.Exact, a.ClaimId, ClaimText = a.Claim.Text })
            .ToDictionaryAsync(a => a.Id, ct);
        var sources = await db.Sources.AsNoTracking().Where(s => sourceIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Outlet, s.Title }).ToDictionaryAsync(s => s.Id, ct);

        var items = new List<EvidenceItem>();
        foreach (var e in evidence)
        {
            if (e.AttributionId is int aid && attributions.TryGetValue(aid, out var a))
            {
                // A statement on a related claim says which claim it is on: "asserts" alone would read as about this one.
                items.Add(new EvidenceItem(EvidenceKind.Attribution, aid, $"{a.ActorName} {a.Stance.Verb()}: “{a.Exact}”",
                    $"/sources/{a.SourceId}?attribution={aid}#a-{aid}", e.Note, a.ClaimId == claimId ? null : a.ClaimText));
            }
            else if (e.SourceId is int sid && sources.TryGetValue(sid, out var s))
            {
                items.Add(new EvidenceItem(EvidenceKind.Source, sid, $"{s.Outlet}: {s.Title}", $"/sources/{sid}", e.Note));
            }
            else if (e.Url is { } url)
            {
                items.Add(new EvidenceItem(EvidenceKind.Link, null, url, url, e.Note));
            }
            // Evidence whose attribution or source has since been deleted is left out of the view; the verdict keeps the id.
        }
        return items;
    }
}
