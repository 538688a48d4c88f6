using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data.Seeding;

/// <summary>
/// Writes a validated seed into the database. Idempotent: entries are matched by key, and an entry that is
/// already there is left alone (an editor may have changed it since), so a second start adds nothing.
/// It runs at every start, so it reads only the records whose keys the seed names (by their unique key indexes), never
/// whole tables: in a record of a million statements, reading every key and every source text took longer than the
/// rest of start-up together.
/// </summary>
public static class DatabaseSeeder
{
    public static async Task<int> SeedAsync(ClaimTrackerDbContext db, LoadedSeed seed, CancellationToken ct = default)
    {
        var doc = seed.Document;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var actorKeys = doc.Actors.Select(a => a.Key).ToList();
        var actors = await db.Actors.Where(a => actorKeys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, ct);
        foreach (var a in doc.Actors.Where(a => !actors.ContainsKey(a.Key)))
        {
            actors[a.Key] = db.Actors.Add(new Actor
            {
                Key = a.Key,
                Name = a.Name,
                Kind = Enum.Parse<ActorKind>(a.Kind, ignoreCase: true),
                Role = a.Role,
                Country = a.Country,
                Aliases = a.Aliases ?? [],
            }).Entity;
        }

        var sourceKeys = doc.Sources.Select(s => s.Key).ToList();
        var sources = await db.Sources.Where(s => sourceKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        // The seed's text is revision 1 of its source. If it differs from the revision 1 stored under the same key, the
        // seed's offsets mean another text. (Editors' corrections are later revisions; they do not make the seed wrong.)
        var originalHashes = sources.Values.ToDictionary(s => s.Id, s => s.ContentHash);
        var sourceIds = sources.Values.Select(s => s.Id).ToList();
        foreach (var original in await db.SourceRevisions.Where(r => r.Number == 1 && sourceIds.Contains(r.SourceId)).Select(r => new { r.SourceId, r.ContentHash }).ToListAsync(ct))
        {
            originalHashes[original.SourceId] = original.ContentHash;
        }
        var changed = doc.Sources
            .Where(s => sources.TryGetValue(s.Key, out var stored) && originalHashes[stored.Id] != Source.HashOf(seed.SourceTexts[s.Key]))
            .Select(s => $"sources '{s.Key}': its text differs from the text already stored under that key (SHA-256 {originalHashes[sources[s.Key].Id]}); a corrected text must be a new source with a new key")
            .ToList();
        if (changed.Count > 0)
        {
            throw new SeedDataException(SeedLoader.SeedFileName, changed);
        }
        foreach (var s in doc.Sources.Where(s => !sources.ContainsKey(s.Key)))
        {
            var source = new Source(s.Key, s.Outlet, s.Title, DateOnly.ParseExact(s.PublishedOn, "yyyy-MM-dd"), s.Url, seed.SourceTexts[s.Key]);
            sources[s.Key] = db.Sources.Add(source).Entity;
        }

        var claimKeys = doc.Claims.Select(c => c.Key).ToList();
        var claims = await db.Claims.Where(c => claimKeys.Contains(c.Key)).ToDictionaryAsync(c => c.Key, ct);
        foreach (var c in doc.Claims.Where(c => !claims.ContainsKey(c.Key)))
        {
            claims[c.Key] = db.Claims.Add(new Claim
            {
                Key = c.Key,
                Text = c.Text,
                Topics = c.Topics ?? [],
                Status = c.Status is null ? ClaimStatus.New : Enum.Parse<ClaimStatus>(c.Status, ignoreCase: true),
                Subjects = (c.Subjects ?? []).Select(k => actors[k]).ToList(),
            }).Entity;
        }

        var seedAttributionKeys = doc.Attributions.Select(a => a.Key).ToList();
        var attributionKeys = await db.Attributions.Where(a => seedAttributionKeys.Contains(a.Key)).Select(a => a.Key).ToHashSetAsync(ct);
        foreach (var a in doc.Attributions.Where(a => !attributionKeys.Contains(a.Key)))
        {
            db.Attributions.Add(new Attribution
            {
                Key = a.Key,
                Actor = actors[a.Actor],
                Claim = claims[a.Claim],
                Source = sources[a.Source],
                Stance = Enum.Parse<Stance>(a.Stance, ignoreCase: true),
                Mode = Enum.Parse<AttributionMode>(a.Mode, ignoreCase: true),
                Anchor = new TextAnchor(a.Start, a.End, a.Quote, a.Prefix, a.Suffix),
                SaidWhen = a.SaidWhen,
                SaidWhere = a.SaidWhere,
                ReportedVia = a.ReportedVia,
                ReportedBy = a.ReportedBy is null ? null : actors[a.ReportedBy],
            });
        }

        var seedRelationKeys = doc.Relations.Select(r => r.Key).ToList();
        var relationKeys = await db.ClaimRelations.Where(r => seedRelationKeys.Contains(r.Key)).Select(r => r.Key).ToHashSetAsync(ct);
        foreach (var r in doc.Relations.Where(r => !relationKeys.Contains(r.Key)))
        {
            db.ClaimRelations.Add(new ClaimRelation
            {
                Key = r.Key,
                FromClaim = claims[r.From],
                ToClaim = claims[r.To],
                Type = Enum.Parse<RelationType>(r.Type, ignoreCase: true),
                Rationale = r.Rationale,
                EvidenceSource = r.Evidence is null ? null : sources[r.Evidence.Source],
                Evidence = r.Evidence is null ? null : new TextAnchor(r.Evidence.Start, r.Evidence.End, r.Evidence.Quote, r.Evidence.Prefix, r.Evidence.Suffix),
            });
        }

        var added = await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return added;
    }
}
