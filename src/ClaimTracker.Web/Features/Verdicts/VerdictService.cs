using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>
/// Verdicts and the claim workflow: New → In review → Verdict drafted → Published, and back to In review.
/// Every change checks <see cref="Permission.RateClaims"/> here, on the server, before anything is written;
/// drafts are returned only to callers with <see cref="Permission.ReadDrafts"/>.
/// </summary>
/// <param name="claims">The dispute view, whose statements the evidence picker offers.</param>
public sealed class VerdictService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, IClaimChangeNotifier notifier,
    ClaimService claims, ReadModelCache? cache = null)
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
        var evidence = canRate && await claims.GetDisputeAsync(claimId, ct) is { } dispute ? ChoicesFrom(dispute) : EvidenceChoices.None;
        return new VerdictPanelData(claimId, status.Value, verdict, canRate, ratings, evidence, draftWithheld);
    }

    /// <summary>
    /// The evidence picker's options: what the dispute view shows, grouped as it groups it. First the claim's own statements
    /// (who makes it, and who challenges or endorses it); then the claims that conflict with it, support it, qualify it,
    /// and that it acts on in turn, each with its listed speakers and challengers; last the sources of all of those. Bounded
    /// as the dispute view is (<see cref="ClaimService.GetDisputeAsync"/>), and read from the same cached model.
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

    /// <summary>New → In review.</summary>
    public async Task<EditResult<VerdictView>> StartReviewAsync(int claimId, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.RateClaims);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return NotFound(claimId);
        }
        if (claim.Status != ClaimStatus.New)
        {
            return Refused($"Only a new claim can go into review; this one is {claim.Status.Label()}.");
        }
        claim.Status = ClaimStatus.InReview;
        return await SaveAsync(db, claimId, ct);
    }

    /// <summary>
    /// Creates or changes the claim's draft verdict and moves the claim to Verdict drafted.
    /// <paramref name="loadedVersion"/> is the verdict's version the editor started from, null when they saw none.
    /// </summary>
    public async Task<EditResult<VerdictView>> SaveDraftAsync(int claimId, VerdictInput input, Guid? loadedVersion, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.RateClaims);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return NotFound(claimId);
        }
        if (claim.Status is not (ClaimStatus.InReview or ClaimStatus.VerdictDrafted))
        {
            return Refused(claim.Status == ClaimStatus.Published
                ? "The verdict is published: reopen the claim before changing it."
                : "Start the review before drafting a verdict.");
        }

        var errors = Validate(input);
        await CheckReferencesAsync(db, claimId, input, errors, ct);
        if (errors.Any)
        {
            return EditResult<VerdictView>.Invalid(errors, "The verdict has errors; see the fields.");
        }

        // No verdict loaded (null) expects none stored; a second editor creating one at the same moment meets the unique index.
        var verdict = await db.Verdicts.SingleOrDefaultAsync(v => v.ClaimId == claimId, ct);
        if (verdict is null ? loadedVersion is not null : !db.ExpectVersion(verdict, loadedVersion ?? Guid.Empty))
        {
            return await ConflictAsync(claimId, ct);
        }
        var now = DateTimeOffset.UtcNow;
        if (verdict is null)
        {
            verdict = new Verdict
            {
                ClaimId = claimId,
                Rationale = "",
                AuthorId = author.UserId ?? "",
                AuthorName = author.UserName,
                CreatedAt = now,
            };
            db.Verdicts.Add(verdict);
        }
        verdict.RatingLabelId = input.RatingLabelId!.Value;
        verdict.Rationale = InputText.Clean(input.Rationale);
        verdict.Evidence = EvidenceOf(input);
        verdict.State = VerdictState.Draft;
        verdict.UpdatedAt = now;
        verdict.AuthorId = author.UserId ?? verdict.AuthorId;
        verdict.AuthorName = author.UserName;
        claim.Status = ClaimStatus.VerdictDrafted;
        return await SaveAsync(db, claimId, ct);
    }

    /// <summary>Verdict drafted → Published: the draft the editor has seen (<paramref name="loadedVersion"/>) becomes public.</summary>
    public async Task<EditResult<VerdictView>> PublishAsync(int claimId, Guid loadedVersion, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.RateClaims);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return NotFound(claimId);
        }
        var verdict = await db.Verdicts.SingleOrDefaultAsync(v => v.ClaimId == claimId, ct);
        if (verdict is null || claim.Status != ClaimStatus.VerdictDrafted)
        {
            return Refused(claim.Status == ClaimStatus.Published
                ? "The verdict is already published."
                : "Only a drafted verdict can be published: save a draft first.");
        }
        if (!db.ExpectVersion(verdict, loadedVersion))
        {
            return await ConflictAsync(claimId, ct);
        }
        verdict.State = VerdictState.Published;
        verdict.PublishedAt = DateTimeOffset.UtcNow;
        claim.Status = ClaimStatus.Published;
        return await SaveAsync(db, claimId, ct);
    }

    /// <summary>
    /// Published or Verdict drafted → In review: the verdict goes back to being a draft, out of public view. A reopened
    /// verdict is withdrawn, not kept public beside its new draft: the newsroom reopens a rating it may no longer stand
    /// behind, so its rating, rationale and evidence leave the panel, the page's JSON-LD, the ClaimReview endpoint and
    /// (for readers without <see cref="Permission.ReadDrafts"/>) the History until it is published again.
    /// </summary>
    public async Task<EditResult<VerdictView>> ReopenAsync(int claimId, Guid loadedVersion, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.RateClaims);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return NotFound(claimId);
        }
        if (claim.Status is not (ClaimStatus.Published or ClaimStatus.VerdictDrafted))
        {
            return Refused($"Only a claim with a verdict can be reopened; this one is {claim.Status.Label()}.");
        }
        var verdict = await db.Verdicts.SingleOrDefaultAsync(v => v.ClaimId == claimId, ct);
        if (verdict is null || !db.ExpectVersion(verdict, loadedVersion))
        {
            return await ConflictAsync(claimId, ct);
        }
        verdict.State = VerdictState.Draft;
        verdict.PublishedAt = null;
        claim.Status = ClaimStatus.InReview;
        return await SaveAsync(db, claimId, ct);
    }

    /// <summary>The rules a form can check without the database; keys are <see cref="VerdictInput"/> property names.</summary>
    public static FieldErrors Validate(VerdictInput input)
    {
        var errors = new FieldErrors();
        if (input.RatingLabelId is null)
        {
            errors.Add(nameof(VerdictInput.RatingLabelId), "Choose a rating.");
        }
        if (RationaleError(input.Rationale) is { } rationale)
        {
            errors.Add(nameof(VerdictInput.Rationale), rationale);
        }
        var urls = input.Urls ?? [];
        if (urls.Count > InputLimits.EvidenceLinks)
        {
            errors.Add(nameof(VerdictInput.Urls), $"At most {InputLimits.EvidenceLinks} links.");
        }
        else if (urls.FirstOrDefault(u => UrlError(u) is not null) is { } bad)
        {
            errors.Add(nameof(VerdictInput.Urls), UrlError(bad)!);
        }
        if ((input.AttributionIds?.Count ?? 0) > InputLimits.EvidenceRecords)
        {
            errors.Add(nameof(VerdictInput.AttributionIds), $"At most {InputLimits.EvidenceRecords} attributions.");
        }
        if ((input.SourceIds?.Count ?? 0) > InputLimits.EvidenceRecords)
        {
            errors.Add(nameof(VerdictInput.SourceIds), $"At most {InputLimits.EvidenceRecords} sources.");
        }
        return errors;
    }

    /// <summary>Measured as it would be stored: cleaned (<see cref="InputText"/>) and trimmed.</summary>
    public static string? RationaleError(string? rationale) =>
        InputText.Clean(rationale) is var clean && InputText.IsBlank(clean) ? "Explain the rating: a rationale is required."
        : clean.Length > InputLimits.VerdictRationale ? $"At most {InputLimits.VerdictRationale:N0} characters; this is {clean.Length:N0}."
        : null;

    public static string? UrlError(string? url) =>
        InputText.CleanLine(url) is var clean && clean.Length > InputLimits.Url
            ? $"A web address can be at most {InputLimits.Url:N0} characters; \"{clean.Shortened(60)}\" has {clean.Length:N0}."
            : Uri.TryCreate(clean, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
                ? null
                : $"\"{clean.Shortened(60)}\" is not a web address (http:// or https://).";

    /// <summary>
    /// The records the input cites must exist and bear on the claim: a statement on the claim itself or on a claim related
    /// to it (either way, any relation), as the evidence picker offers them (<see cref="ChoicesFrom"/>); a source that holds
    /// such a statement or establishes one of the claim's relations. Checked against the record, not against the picker's
    /// bounded lists: a statement beyond the first the dispute view lists is evidence too. Anything else is refused, so a
    /// verdict cannot rest on a statement about something else.
    /// </summary>
    private static async Task CheckReferencesAsync(ClaimTrackerDbContext db, int claimId, VerdictInput input, FieldErrors errors, CancellationToken ct)
    {
        if (input.RatingLabelId is int ratingId && !await db.RatingLabels.AnyAsync(r => r.Id == ratingId, ct))
        {
            errors.Add(nameof(VerdictInput.RatingLabelId), "That rating is not on the scale.");
        }
        var attributionIds = (input.AttributionIds ?? []).Distinct().ToList();
        var sourceIds = (input.SourceIds ?? []).Distinct().ToList();
        if (attributionIds.Count == 0 && sourceIds.Count == 0)
        {
            return;
        }
        var bearing = (await db.ClaimRelations.AsNoTracking()
                .Where(r => r.FromClaimId == claimId || r.ToClaimId == claimId)
                .Select(r => r.FromClaimId == claimId ? r.ToClaimId : r.FromClaimId)
                .ToListAsync(ct))
            .Append(claimId).ToHashSet();

        var cited = await db.Attributions.AsNoTracking().Where(a => attributionIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ClaimId, ActorName = a.Actor.Name, a.Anchor.Exact }).ToListAsync(ct);
        if (attributionIds.Except(cited.Select(a => a.Id)).ToList() is { Count: > 0 } missingAttributions)
        {
            errors.Add(nameof(VerdictInput.AttributionIds), $"No such attribution in the record: {string.Join(", ", missingAttributions)}.");
        }
        else if (cited.Where(a => !bearing.Contains(a.ClaimId)).ToList() is { Count: > 0 } unrelated)
        {
            errors.Add(nameof(VerdictInput.AttributionIds),
                $"Not about this claim: {string.Join("; ", unrelated.Select(a => $"{a.ActorName}, “{a.Exact.Shortened(60)}”"))}. "
                + "Cite statements on this claim or on the claims that conflict with it, support it or relate to it otherwise.");
        }

        if (sourceIds.Count == 0)
        {
            return;
        }
        var bearingIds = bearing.ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => sourceIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Title,
                Bears = s.Attributions.Any(a => bearingIds.Contains(a.ClaimId))
                    || db.ClaimRelations.Any(r => r.EvidenceSourceId == s.Id && (r.FromClaimId == claimId || r.ToClaimId == claimId)),
            })
            .ToListAsync(ct);
        if (sourceIds.Except(sources.Select(s => s.Id)).ToList() is { Count: > 0 } missingSources)
        {
            errors.Add(nameof(VerdictInput.SourceIds), $"No such source in the record: {string.Join(", ", missingSources)}.");
        }
        else if (sources.Where(s => !s.Bears).ToList() is { Count: > 0 } unrelatedSources)
        {
            errors.Add(nameof(VerdictInput.SourceIds),
                $"Not about this claim: {string.Join("; ", unrelatedSources.Select(s => $"“{s.Title.Shortened(60)}”"))} holds no statement on it or on a claim related to it.");
        }
    }

    private static List<VerdictEvidence> EvidenceOf(VerdictInput input) =>
    [
        .. (input.AttributionIds ?? []).Distinct().Order().Select(id => new VerdictEvidence(id, null, null, null)),
        .. (input.SourceIds ?? []).Distinct().Order().Select(id => new VerdictEvidence(null, id, null, null)),
        .. (input.Urls ?? []).Select(InputText.CleanLine).Distinct(StringComparer.Ordinal).Select(u => new VerdictEvidence(null, null, u, null)),
    ];

    /// <summary>Saves; a lost race (the version changed, or the unique index met a verdict created meanwhile) is a conflict.</summary>
    private async Task<EditResult<VerdictView>> SaveAsync(ClaimTrackerDbContext db, int claimId, CancellationToken ct)
    {
        if (await db.TrySaveAsync(ct) != SaveOutcome.Saved)
        {
            return await ConflictAsync(claimId, ct);
        }
        notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Verdict));
        return EditResult<VerdictView>.Saved(await GetAsync(claimId, ct));
    }

    private async Task<EditResult<VerdictView>> ConflictAsync(int claimId, CancellationToken ct) => EditResult<VerdictView>.Conflict(
        await GetAsync(claimId, ct),
        "Someone else changed this verdict after you opened it. Their version is shown; reapply your change if it still holds.");

    private static EditResult<VerdictView> NotFound(int claimId) => EditResult<VerdictView>.Missing($"There is no claim {claimId}.");

    private static EditResult<VerdictView> Refused(string message) => EditResult<VerdictView>.Refused(message);

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
