using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Suggestions;

/// <summary>What the suggester needs to know from the record: the actors it can recognise and the claims it can match.</summary>
public sealed record SuggestionKnowledge(IReadOnlyList<KnownActor> Actors, IReadOnlyList<KnownClaim> Claims);

/// <summary>
/// Loads the known actors (with aliases, role and country) and the known claims from the database. Deleted records are
/// left out by the query filters, so the engine never proposes an actor or claim an editor removed.
/// </summary>
public sealed class SuggestionCatalog(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    public async Task<SuggestionKnowledge> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = await db.Actors.AsNoTracking()
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Aliases, a.Kind, a.Role, a.Country })
            .ToListAsync(ct);
        var claims = await db.Claims.AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new KnownClaim(c.Id, c.Text))
            .ToListAsync(ct);
        return new SuggestionKnowledge(
            actors.Select(a => new KnownActor(a.Id, a.Name, a.Aliases, a.Kind, a.Role, a.Country)).ToList(),
            claims);
    }
}
