using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

public sealed partial class RecordEditService
{
    public async Task<ActorRecord?> GetActorAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Actors.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new ActorRecord(a.Id, a.Name, a.Kind, a.Role, a.Country, a.Aliases, a.IsDeleted, a.Version))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<EditResult<ActorRecord>> CreateActorAsync(ActorDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        if (!ValidateActor(draft, out var valid, out var errors))
        {
            return EditResult<ActorRecord>.Invalid(errors);
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var actor = new Actor { Key = NewKey("actor"), Name = valid.Name };
        Apply(actor, valid);
        db.Actors.Add(actor);
        return await db.SaveAsync(() => ToRecord(actor), () => GetActorAsync(actor.Id, ct), ct);
    }

    public async Task<EditResult<ActorRecord>> UpdateActorAsync(int id, Guid version, ActorDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        if (!ValidateActor(draft, out var valid, out var errors))
        {
            return EditResult<ActorRecord>.Invalid(errors);
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var result = await db.EditAsync(db.Actors.IgnoreQueryFilters().Where(a => a.Id == id), version, ToRecord, actor =>
        {
            Apply(actor, valid);
            return db.SaveAsync(() => ToRecord(actor), () => GetActorAsync(id, ct), ct);
        }, ct);
        if (result.Succeeded)
        {
            await AnnounceClaimsOfAsync(id, ct);
        }
        return result;
    }

    /// <summary>Refused while the actor still has appearances: they would point at someone who is gone.</summary>
    public async Task<EditResult<ActorRecord>> DeleteActorAsync(int id, Guid version, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var actor = await db.Actors.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (actor is null)
        {
            return EditResult<ActorRecord>.Missing();
        }
        var appearances = await db.Attributions.CountAsync(a => a.ActorId == id || a.ReportedById == id, ct);
        if (appearances > 0)
        {
            return EditResult<ActorRecord>.Invalid("Actor", $"{actor.Name} appears in {appearances} attribution(s); delete or reassign them first.");
        }
        if (!db.ExpectVersion(actor, version))
        {
            return EditResult<ActorRecord>.Conflict(ToRecord(actor));
        }
        db.Actors.Remove(actor);
        return await db.SaveAsync(() => ToRecord(actor), () => GetActorAsync(id, ct), ct);
    }

    public async Task<EditResult<ActorRecord>> RestoreActorAsync(int id, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Restore);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var actor = await db.Actors.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (actor is null)
        {
            return EditResult<ActorRecord>.Missing();
        }
        actor.IsDeleted = false;
        return await db.SaveAsync(() => ToRecord(actor), () => GetActorAsync(id, ct), ct);
    }

    private async Task AnnounceClaimsOfAsync(int actorId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = await db.Attributions.Where(a => a.ActorId == actorId).Select(a => a.ClaimId).Distinct().ToListAsync(ct);
        foreach (var claimId in claims)
        {
            Announce(claimId, ClaimChangeKind.Attribution);
        }
    }

    private static bool ValidateActor(ActorDraft draft, out ActorDraft valid, out FieldErrors errors)
    {
        var check = errors = new FieldErrors();
        var name = check.Required(nameof(ActorDraft.Name), draft.Name, InputLimits.ActorName, "The name") ?? "";
        check.Defined(nameof(ActorDraft.Kind), draft.Kind, "kind of actor");
        var role = check.Optional(nameof(ActorDraft.Role), draft.Role, InputLimits.ActorRole, "The role");
        var country = check.Optional(nameof(ActorDraft.Country), draft.Country, InputLimits.ActorCountry, "The country");
        var aliases = check.List(nameof(ActorDraft.Aliases), draft.Aliases, InputLimits.Aliases, InputLimits.Alias, "alias");
        valid = new ActorDraft(name, draft.Kind, role, country, aliases);
        return !check.Any;
    }

    private static void Apply(Actor actor, ActorDraft valid)
    {
        actor.Name = valid.Name;
        actor.Kind = valid.Kind;
        actor.Role = valid.Role;
        actor.Country = valid.Country;
        if (!actor.Aliases.SequenceEqual(valid.Aliases, StringComparer.Ordinal))
        {
            actor.Aliases = valid.Aliases.ToList();
        }
    }

    private static ActorRecord ToRecord(Actor a) => new(a.Id, a.Name, a.Kind, a.Role, a.Country, a.Aliases.ToList(), a.IsDeleted, a.Version);
}
