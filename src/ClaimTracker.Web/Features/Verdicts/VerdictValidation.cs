using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>What a verdict must satisfy before it is stored: the form's rules, and the records it cites.</summary>
public static class VerdictValidation
{
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
    /// to it (either way, any relation), as the evidence picker offers them (<see cref="VerdictReader.ChoicesFrom"/>); a
    /// source that holds such a statement or establishes one of the claim's relations. Checked against the record, not
    /// against the picker's bounded lists: a statement beyond the first the dispute view lists is evidence too. Anything
    /// else is refused, so a verdict cannot rest on a statement about something else.
    /// </summary>
    public static async Task CheckReferencesAsync(ClaimTrackerDbContext db, int claimId, VerdictInput input, FieldErrors errors, CancellationToken ct)
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
}
